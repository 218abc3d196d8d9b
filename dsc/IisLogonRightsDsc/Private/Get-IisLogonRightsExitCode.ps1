function Get-IisLogonRightsExitCode
{
    <#
    .SYNOPSIS
        Maps an ErrorRecord back to the exit code the DSC v3 entry script returns.

    .DESCRIPTION
        Errors raised from an engine exit code carry that code's ErrorId and get the same code
        back; IisLogonRightsNotInDesiredState is 1; every other error of the module (node not
        found, version mismatch, a Windows call that failed) is a host error, 5. Errors that
        did not come from the module at all are host errors too.

    .PARAMETER ErrorRecord
        The error to map.

    .EXAMPLE
        exit (Get-IisLogonRightsExitCode -ErrorRecord $_)
    #>
    [CmdletBinding()]
    [OutputType([System.Int32])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.ErrorRecord]
        $ErrorRecord
    )

    # FullyQualifiedErrorId is "<ErrorId>,<command that raised it>".
    $errorId = ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
    $hostError = 5
    foreach ($entry in (Get-IisLogonRightsEngineContract).ExitCodes)
    {
        if ($entry.Name -eq 'hostError')
        {
            $hostError = $entry.Code
        }
        elseif ($entry.ErrorId -ne '' -and $entry.ErrorId -eq $errorId)
        {
            return [System.Int32] $entry.Code
        }
    }

    return [System.Int32] $hostError
}
