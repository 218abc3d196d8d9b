function Get-IisLogonRightsCimInstance
{
    <#
    .SYNOPSIS
        Reads the instances of one WMI class.

    .DESCRIPTION
        A boundary function (tests replace it): the only place the collector queries WMI.

    .PARAMETER Namespace
        The WMI namespace, for example root\rsop\computer.

    .PARAMETER ClassName
        The class, for example RSOP_UserPrivilegeRight.

    .EXAMPLE
        Get-IisLogonRightsCimInstance -Namespace 'root\rsop\computer' -ClassName 'RSOP_GPO'
    #>
    [CmdletBinding()]
    [OutputType([System.Object])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Namespace,

        [Parameter(Mandatory = $true)]
        [System.String]
        $ClassName
    )

    return @(Get-CimInstance -Namespace $Namespace -ClassName $ClassName -ErrorAction Stop)
}
