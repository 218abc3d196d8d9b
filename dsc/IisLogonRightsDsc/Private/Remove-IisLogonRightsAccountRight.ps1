function Remove-IisLogonRightsAccountRight
{
    <#
    .SYNOPSIS
        Removes one right from one SID through LsaRemoveAccountRights.

    .DESCRIPTION
        A boundary function (tests replace it). Touches exactly one SID and one right; removing
        a right the SID does not hold is not an error.

    .PARAMETER Sid
        The SID to remove the right from.

    .PARAMETER Right
        The right constant, for example SeDenyNetworkLogonRight.

    .EXAMPLE
        Remove-IisLogonRightsAccountRight -Sid 'S-1-5-21-1-2-3-1001' -Right 'SeDenyNetworkLogonRight'
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
    $lsa::RemoveAccountRight($Sid, $Right)
}
