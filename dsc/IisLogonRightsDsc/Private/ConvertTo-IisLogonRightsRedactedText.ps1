function ConvertTo-IisLogonRightsRedactedText
{
    <#
    .SYNOPSIS
        Replaces the values of password attributes in IIS configuration text.

    .DESCRIPTION
        applicationHost.config and MetaBase.xml hold the anonymous account's password (and pool,
        virtual directory and other passwords) encrypted in attributes such as password=,
        AnonymousUserPass=, WAMUserPass= or UNCPassword=. Snapshots travel to other machines,
        so every attribute whose name ends in "password" or "pass" (any case) that has a value
        gets the value [redacted]. An empty value stays empty: the engine only asks whether a
        password is set. Nothing else changes, line numbers included, so the engine's messages
        still point at the right lines.

    .PARAMETER Text
        The configuration text.

    .EXAMPLE
        $safe = ConvertTo-IisLogonRightsRedactedText -Text $applicationHostText
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

    $pattern = '(?<name>(?<=\s)[\w.:-]*(?:password|pass))(?<equals>\s*=\s*)(?:"(?<double>[^"]*)"|''(?<single>[^'']*)'')'
    $options = [System.Text.RegularExpressions.RegexOptions]::IgnoreCase -bor [System.Text.RegularExpressions.RegexOptions]::CultureInvariant
    $redact = [System.Text.RegularExpressions.MatchEvaluator] {
        param ($match)
        $quote = '"'
        $value = $match.Groups['double'].Value
        if (-not $match.Groups['double'].Success)
        {
            $quote = ''''
            $value = $match.Groups['single'].Value
        }

        if ($value -eq '')
        {
            return $match.Value
        }

        return ('{0}{1}{2}[redacted]{2}' -f $match.Groups['name'].Value, $match.Groups['equals'].Value, $quote)
    }

    return [System.Text.RegularExpressions.Regex]::Replace($Text, $pattern, $redact, $options)
}
