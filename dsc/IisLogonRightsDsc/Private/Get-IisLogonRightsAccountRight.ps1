function Get-IisLogonRightsAccountRight
{
    <#
    .SYNOPSIS
        Lists the rights one SID holds directly, through LsaEnumerateAccountRights.

    .DESCRIPTION
        A boundary function (tests replace it). Used to record the affected SIDs' rights in the
        backup before a change, and to verify an undo afterwards.

    .PARAMETER Sid
        The SID.

    .EXAMPLE
        Get-IisLogonRightsAccountRight -Sid 'S-1-5-21-1-2-3-1001'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid
    )

    $lsa = Initialize-IisLogonRightsLsaType
    return [System.String[]] $lsa::GetAccountRights($Sid)
}
