function Get-IisLogonRightsRsopDocument
{
    <#
    .SYNOPSIS
        Reads the Group Policy user-rights results from RSoP WMI as rsop.json entries.

    .DESCRIPTION
        RSOP_UserPrivilegeRight (which GPO defines which right, with which accounts, at which
        precedence) joined with RSOP_GPO (the GPO's display name), both from root\rsop\computer.
        Needs administrative rights; throws when the namespace cannot be read.

    .EXAMPLE
        $rsop = Get-IisLogonRightsRsopDocument
    #>
    [CmdletBinding()]
    [OutputType([System.Object[]])]
    param ()

    $rights = @(Get-IisLogonRightsCimInstance -Namespace 'root\rsop\computer' -ClassName 'RSOP_UserPrivilegeRight')
    $gpos = @(Get-IisLogonRightsCimInstance -Namespace 'root\rsop\computer' -ClassName 'RSOP_GPO')
    return , (ConvertTo-IisLogonRightsRsopDocument -Right $rights -Gpo $gpos)
}
