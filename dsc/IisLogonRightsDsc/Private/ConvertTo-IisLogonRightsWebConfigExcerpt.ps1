function ConvertTo-IisLogonRightsWebConfigExcerpt
{
    <#
    .SYNOPSIS
        Reduces a web.config to its anonymousAuthentication settings.

    .DESCRIPTION
        A web.config often holds connection strings, machine keys and application settings with
        secrets, and a snapshot travels to other machines. Only what the engine reads is kept:
        the enabled, userName and logonMethod attributes of
        system.webServer/security/authentication/anonymousAuthentication, whether a password is
        set (its value becomes [redacted]), the locks it writes for the web.config files below
        (lockAttributes, lockAllAttributesExcept, lockItem), at the file's level and inside each
        <location> (with its path, overrideMode, allowOverride and inheritInChildApplications),
        in document order. Each kept
        element stays on the line it has in the file (the lines in between are left empty), so
        the line numbers in the engine's messages are the web.config's own. Throws
        System.Xml.XmlException when the text is not well-formed XML.

    .PARAMETER Text
        The web.config text.

    .EXAMPLE
        $excerpt = ConvertTo-IisLogonRightsWebConfigExcerpt -Text $text
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Text
    )

    $document = ConvertTo-IisLogonRightsXmlDocument -Text $Text
    # The line of every element, so each fragment below lands on its element's own line.
    $elementLines = Get-IisLogonRightsXmlElementLine -Text $Text
    $lineOf = [System.Collections.Generic.Dictionary[System.Xml.XmlNode, System.Int32]]::new()
    $index = 0
    foreach ($element in $document.SelectNodes('//*'))
    {
        $lineOf[$element] = $elementLines[$index]
        $index++
    }

    # Old ASP.NET web.configs put <configuration> in a default namespace, which IIS ignores.
    $path = '*[local-name()="security"]/*[local-name()="authentication"]/*[local-name()="anonymousAuthentication"]'
    $excerpt = [System.Text.StringBuilder]::new()
    $currentLine = 1
    # Appends text on the given line, or on the current one when the file had it there already.
    $write = {
        param ($line, $fragment)
        if ($line -gt $currentLine)
        {
            $null = $excerpt.Append([System.Char] 10, $line - $currentLine)
            Set-Variable -Name 'currentLine' -Value $line -Scope 1
        }

        $null = $excerpt.Append($fragment)
    }
    & $write 1 '<?xml version="1.0" encoding="utf-8"?>'
    $describe = {
        param ($element, $names)
        $attributes = foreach ($name in $names)
        {
            if ($element.HasAttribute($name))
            {
                $value = $element.GetAttribute($name)
                if ($name -eq 'password' -and $value -ne '')
                {
                    $value = '[redacted]'
                }

                ' {0}="{1}"' -f $name, [System.Security.SecurityElement]::Escape($value)
            }
        }

        return (@($attributes) -join '')
    }
    $sectionText = {
        param ($element)
        '<system.webServer><security><authentication><anonymousAuthentication{0} /></authentication></security></system.webServer>' -f (& $describe $element @('enabled', 'userName', 'logonMethod', 'password', 'lockAttributes', 'lockAllAttributesExcept', 'lockItem'))
    }

    $root = $document.DocumentElement
    if ($null -ne $root -and $root.LocalName -eq 'configuration')
    {
        & $write $lineOf[$root] '<configuration>'
        foreach ($child in $root.ChildNodes)
        {
            if ($child.LocalName -eq 'system.webServer')
            {
                foreach ($element in $child.SelectNodes($path))
                {
                    & $write $lineOf[$element] (& $sectionText $element)
                }
            }
            elseif ($child.LocalName -eq 'location')
            {
                $elements = @($child.SelectNodes('*[local-name()="system.webServer"]/' + $path))
                if ($elements.Count -gt 0)
                {
                    & $write $lineOf[$child] ('<location{0}>' -f (& $describe $child @('path', 'overrideMode', 'allowOverride', 'inheritInChildApplications')))
                    foreach ($element in $elements)
                    {
                        & $write $lineOf[$element] (& $sectionText $element)
                    }

                    & $write 0 '</location>'
                }
            }
        }
    }
    else
    {
        & $write 2 '<configuration>'
    }

    & $write 0 '</configuration>'
    return ($excerpt.ToString() + "`n")
}
