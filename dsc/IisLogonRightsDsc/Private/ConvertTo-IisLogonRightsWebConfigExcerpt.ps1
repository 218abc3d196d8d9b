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
        set (its value becomes [redacted]), at the file's level and inside each <location> (with
        its path, overrideMode and inheritInChildApplications), in document order. Line numbers
        in the engine's messages therefore refer to this excerpt. Throws
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
    # Old ASP.NET web.configs put <configuration> in a default namespace, which IIS ignores.
    $path = '*[local-name()="security"]/*[local-name()="authentication"]/*[local-name()="anonymousAuthentication"]'
    $lines = [System.Collections.Generic.List[System.String]]::new()
    $lines.Add('<?xml version="1.0" encoding="utf-8"?>')
    $lines.Add('<configuration>')
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
    $sectionLine = {
        param ($element, $indent)
        '{0}<system.webServer><security><authentication><anonymousAuthentication{1} /></authentication></security></system.webServer>' -f $indent, (& $describe $element @('enabled', 'userName', 'logonMethod', 'password'))
    }

    if ($null -ne $document.DocumentElement -and $document.DocumentElement.LocalName -eq 'configuration')
    {
        foreach ($child in $document.DocumentElement.ChildNodes)
        {
            if ($child.LocalName -eq 'system.webServer')
            {
                foreach ($element in $child.SelectNodes($path))
                {
                    $lines.Add((& $sectionLine $element '  '))
                }
            }
            elseif ($child.LocalName -eq 'location')
            {
                $elements = @($child.SelectNodes('*[local-name()="system.webServer"]/' + $path))
                if ($elements.Count -gt 0)
                {
                    $lines.Add(('  <location{0}>' -f (& $describe $child @('path', 'overrideMode', 'inheritInChildApplications'))))
                    foreach ($element in $elements)
                    {
                        $lines.Add((& $sectionLine $element '    '))
                    }

                    $lines.Add('  </location>')
                }
            }
        }
    }

    $lines.Add('</configuration>')
    return (($lines.ToArray() -join "`n") + "`n")
}
