function Add-IisLogonRightsAccountRight
{
    <#
    .SYNOPSIS
        Grants one right to one SID through LsaAddAccountRights.

    .DESCRIPTION
        A boundary function (tests replace it). Touches exactly one SID and one right; no other
        holder of the right is read or written.

    .PARAMETER Sid
        The SID to grant the right to.

    .PARAMETER Right
        The right constant, for example SeNetworkLogonRight.

    .EXAMPLE
        Add-IisLogonRightsAccountRight -Sid 'S-1-5-21-1-2-3-1001' -Right 'SeNetworkLogonRight'
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Right
    )

    $lsa = Initialize-IisLogonRightsLsaType
    $lsa::AddAccountRight($Sid, $Right)
}
