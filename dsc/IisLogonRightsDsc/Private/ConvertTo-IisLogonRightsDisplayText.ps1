function ConvertTo-IisLogonRightsDisplayText
{
    <#
    .SYNOPSIS
        Shows control and bidi characters in a message as visible escapes.

    .DESCRIPTION
        Names, paths and GPO names in the module's messages come from files an attacker may
        have written, and a console obeys control characters: ESC starts a sequence that can
        set the window title or clear the screen, CR and LF forge lines, and the bidi overrides
        make text read in another order than it is stored. Every warning, verbose line,
        confirmation prompt and error the module writes passes its text through here, the
        counterpart of the engine's escapeText (src/render/text-escape.ts): the characters are
        Data\EngineContract.psd1's UnsafeTextCharacters, the engine's own class, and each one is
        written as \n, \r, \t, \xHH (up to U+00FF) or \uHHHH, as the engine writes it. Text
        that holds none of them comes back unchanged, so escaping twice changes nothing.

    .PARAMETER Text
        The message.

    .EXAMPLE
        ConvertTo-IisLogonRightsDisplayText -Text "svc`r`nFORGED"
        Returns svc\r\nFORGED.
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [AllowNull()]
        [System.String]
        $Text
    )

    if ([System.String]::IsNullOrEmpty($Text))
    {
        return [System.String] $Text
    }

    $pattern = (Get-IisLogonRightsEngineContract).UnsafeTextCharacters
    $escape = {
        param ($match)
        $character = $match.Value[0]
        switch ([System.Int32] $character)
        {
            10 { return '\n' }
            13 { return '\r' }
            9 { return '\t' }
        }

        $code = [System.Int32] $character
        if ($code -le 0xFF)
        {
            return ('\x{0:X2}' -f $code)
        }

        return ('\u{0:X4}' -f $code)
    }

    return [System.Text.RegularExpressions.Regex]::Replace($Text, $pattern, [System.Text.RegularExpressions.MatchEvaluator] $escape)
}
