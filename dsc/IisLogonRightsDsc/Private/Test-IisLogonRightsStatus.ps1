function Test-IisLogonRightsStatus
{
    <#
    .SYNOPSIS
        Says whether a finding status counts as in the desired state.

    .DESCRIPTION
        Looks the engine's status up in the status table (Data\EngineContract.psd1, checked
        against src/core/status.ts): ok and not-required are in the desired state, every other
        status is not. An unknown status is not in the desired state.

    .PARAMETER Status
        The status the engine wrote, for example missing.

    .EXAMPLE
        Test-IisLogonRightsStatus -Status 'not-required'

        Returns $true.
    #>
    [CmdletBinding()]
    [OutputType([System.Boolean])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Status
    )

    foreach ($entry in (Get-IisLogonRightsEngineContract).FindingStatuses)
    {
        if ($entry.Status -ceq $Status)
        {
            return [System.Boolean] $entry.InDesiredState
        }
    }

    return $false
}
