function Write-IisLogonRightsEngineDiagnostic
{
    <#
    .SYNOPSIS
        Replays the engine's stderr into PowerShell's streams.

    .DESCRIPTION
        warn lines become warnings (never demoted), info lines verbose messages, debug and trace
        lines debug messages. error lines and lines that are not one-key JSON (node's own text
        when it fails to start) are written as verbose messages too and returned, so the caller
        can put them into the ErrorRecord when the exit code says the call failed.

    .PARAMETER StandardError
        Everything the engine wrote on stderr.

    .EXAMPLE
        $errorLines = Write-IisLogonRightsEngineDiagnostic -StandardError $run.StandardError
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $StandardError
    )

    $errorMessages = [System.Collections.Generic.List[System.String]]::new()
    foreach ($line in ($StandardError -split "`r?`n"))
    {
        if ($line.Trim() -eq '')
        {
            continue
        }

        $entry = ConvertFrom-IisLogonRightsEngineLine -Line $line
        $shown = ConvertTo-IisLogonRightsDisplayText -Text $entry.Message
        switch -CaseSensitive ($entry.Level)
        {
            'warn'
            {
                Write-Warning -Message $shown
            }

            'info'
            {
                Write-Verbose -Message $shown
            }

            'error'
            {
                Write-Verbose -Message ('iis-logon-rights: {0}' -f $shown)
                $errorMessages.Add($entry.Message)
            }

            'text'
            {
                Write-Verbose -Message ('iis-logon-rights: {0}' -f $shown)
                $errorMessages.Add($entry.Message)
            }

            default
            {
                Write-Debug -Message $shown
            }
        }
    }

    return $errorMessages.ToArray()
}
