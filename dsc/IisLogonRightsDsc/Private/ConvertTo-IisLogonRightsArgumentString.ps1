function ConvertTo-IisLogonRightsArgumentString
{
    <#
    .SYNOPSIS
        Joins arguments into one command line that the callee splits back into the same list.

    .DESCRIPTION
        ProcessStartInfo.Arguments is a single string in .NET Framework (Windows PowerShell 5.1),
        and node splits it with the Microsoft C runtime rules. An argument is quoted when it is
        empty or holds a space, a tab or a double quote; inside quotes, a quote is written as \"
        and the backslashes before a quote, or before the closing quote, are doubled. Site names
        ("Default Web Site") and module paths under "Program Files" depend on this. Only file
        paths, subcommands and site names pass through here: JSON always travels on stdin.

    .PARAMETER Argument
        The arguments, in order.

    .EXAMPLE
        ConvertTo-IisLogonRightsArgumentString -Argument 'test', '--site', 'Default Web Site'

        Returns: test --site "Default Web Site"
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [System.String[]]
        $Argument
    )

    $backslash = [System.Char] '\'
    $parts = [System.Collections.Generic.List[System.String]]::new()
    foreach ($item in $Argument)
    {
        if ($item -ne '' -and $item -notmatch '[\s"]')
        {
            $parts.Add($item)
            continue
        }

        $builder = [System.Text.StringBuilder]::new()
        $null = $builder.Append('"')
        $backslashes = 0
        foreach ($character in $item.ToCharArray())
        {
            if ($character -eq $backslash)
            {
                $backslashes++
                continue
            }

            if ($character -eq '"')
            {
                $null = $builder.Append($backslash, 2 * $backslashes + 1).Append('"')
            }
            else
            {
                $null = $builder.Append($backslash, $backslashes).Append($character)
            }

            $backslashes = 0
        }

        $null = $builder.Append($backslash, 2 * $backslashes).Append('"')
        $parts.Add($builder.ToString())
    }

    return ($parts -join ' ')
}
