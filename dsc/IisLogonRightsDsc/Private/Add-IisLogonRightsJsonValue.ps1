function Add-IisLogonRightsJsonValue
{
    <#
    .SYNOPSIS
        Appends one value as JSON to a StringBuilder (the recursion of ConvertTo-IisLogonRightsJson).

    .DESCRIPTION
        Strings are escaped with fast String.Replace calls for the common characters (backslash,
        quote, CR, LF, TAB) and a regular expression only for what remains (other control
        characters and everything above U+007E), so a multi-megabyte applicationHost.config is
        written in well under a second. Nesting deeper than 64 levels is refused: no document
        the module writes is that deep, so it can only be a cycle.

    .PARAMETER Builder
        The StringBuilder to append to.

    .PARAMETER Value
        The value to append.

    .PARAMETER Level
        The nesting level (0 for the document itself).

    .PARAMETER Indent
        Write one member per line, indented by two spaces.

    .EXAMPLE
        Add-IisLogonRightsJsonValue -Builder $builder -Value @(1, 'two') -Level 0
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Text.StringBuilder]
        $Builder,

        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [System.Object]
        $Value,

        [Parameter(Mandatory = $true)]
        [System.Int32]
        $Level,

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $Indent
    )

    if ($Level -gt 64)
    {
        throw 'ConvertTo-IisLogonRightsJson: the value is nested more than 64 levels deep (a cycle?)'
    }

    # Values from the pipeline arrive wrapped in a PSObject; only a PSCustomObject is kept as one.
    $isCustomObject = $false
    if ($Value -is [System.Management.Automation.PSObject])
    {
        if ($Value.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject])
        {
            $isCustomObject = $true
        }
        else
        {
            $Value = $Value.PSObject.BaseObject
        }
    }

    $invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $newLine = ''
    $innerPad = ''
    $outerPad = ''
    $colon = ':'
    if ($Indent)
    {
        $newLine = "`n"
        $innerPad = ' ' * (2 * ($Level + 1))
        $outerPad = ' ' * (2 * $Level)
        $colon = ': '
    }

    if ($null -eq $Value)
    {
        $null = $Builder.Append('null')
    }
    elseif ($Value -is [System.String] -or $Value -is [System.Char])
    {
        $text = ([System.String] $Value).Replace('\', '\\').Replace('"', '\"').Replace("`r", '\r').Replace("`n", '\n').Replace("`t", '\t')
        if ($text -match '[^\x20-\x7E]')
        {
            $escape = [System.Text.RegularExpressions.MatchEvaluator] {
                param ($match)
                '\u{0:x4}' -f [System.Int32] $match.Value[0]
            }
            $text = [System.Text.RegularExpressions.Regex]::Replace($text, '[^\x20-\x7E]', $escape)
        }

        $null = $Builder.Append('"').Append($text).Append('"')
    }
    elseif ($Value -is [System.Boolean])
    {
        $null = $Builder.Append($(if ($Value) { 'true' } else { 'false' }))
    }
    elseif ($Value -is [System.Enum])
    {
        Add-IisLogonRightsJsonValue -Builder $Builder -Value $Value.ToString() -Level $Level
    }
    elseif ($Value -is [System.Double] -or $Value -is [System.Single])
    {
        if ([System.Double]::IsNaN($Value) -or [System.Double]::IsInfinity($Value))
        {
            throw ('ConvertTo-IisLogonRightsJson: {0} has no JSON form' -f $Value)
        }

        $null = $Builder.Append(([System.Double] $Value).ToString('R', $invariant))
    }
    elseif ($Value -is [System.Byte] -or $Value -is [System.SByte] -or $Value -is [System.Int16] -or $Value -is [System.UInt16] -or
        $Value -is [System.Int32] -or $Value -is [System.UInt32] -or $Value -is [System.Int64] -or $Value -is [System.UInt64] -or
        $Value -is [System.Decimal])
    {
        $null = $Builder.Append(([System.IFormattable] $Value).ToString($null, $invariant))
    }
    elseif ($Value -is [System.DateTime])
    {
        Add-IisLogonRightsJsonValue -Builder $Builder -Value $Value.ToString('o', $invariant) -Level $Level
    }
    elseif ($Value -is [System.Collections.IDictionary] -or $isCustomObject)
    {
        $members = [System.Collections.Generic.List[System.Object]]::new()
        if ($Value -is [System.Collections.IDictionary])
        {
            foreach ($key in $Value.Keys)
            {
                $members.Add(@([System.Convert]::ToString($key, $invariant), $Value[$key]))
            }
        }
        else
        {
            foreach ($property in $Value.PSObject.Properties)
            {
                if ($property.MemberType -eq 'NoteProperty')
                {
                    $members.Add(@($property.Name, $property.Value))
                }
            }
        }

        if ($members.Count -eq 0)
        {
            $null = $Builder.Append('{}')
            return
        }

        $null = $Builder.Append('{').Append($newLine)
        for ($index = 0; $index -lt $members.Count; $index++)
        {
            $pair = $members[$index]
            $null = $Builder.Append($innerPad)
            Add-IisLogonRightsJsonValue -Builder $Builder -Value $pair[0] -Level ($Level + 1)
            $null = $Builder.Append($colon)
            Add-IisLogonRightsJsonValue -Builder $Builder -Value $pair[1] -Level ($Level + 1) -Indent:$Indent
            if ($index -lt $members.Count - 1)
            {
                $null = $Builder.Append(',')
            }

            $null = $Builder.Append($newLine)
        }

        $null = $Builder.Append($outerPad).Append('}')
    }
    elseif ($Value -is [System.Collections.IEnumerable])
    {
        $items = @($Value)
        if ($items.Count -eq 0)
        {
            $null = $Builder.Append('[]')
            return
        }

        $null = $Builder.Append('[').Append($newLine)
        for ($index = 0; $index -lt $items.Count; $index++)
        {
            $null = $Builder.Append($innerPad)
            Add-IisLogonRightsJsonValue -Builder $Builder -Value $items[$index] -Level ($Level + 1) -Indent:$Indent
            if ($index -lt $items.Count - 1)
            {
                $null = $Builder.Append(',')
            }

            $null = $Builder.Append($newLine)
        }

        $null = $Builder.Append($outerPad).Append(']')
    }
    else
    {
        throw ('ConvertTo-IisLogonRightsJson: cannot write a value of type {0}' -f $Value.GetType().FullName)
    }
}
