function Get-IisLogonRightsLsaTypeName
{
    <#
    .SYNOPSIS
        Returns the full name of the LSA P/Invoke type for a module version.

    .DESCRIPTION
        Add-Type cannot replace a type that a process has loaded, and the DSC LCM's host
        (WmiPrvSE) lives across module updates. A fixed name would make a new module call the
        old module's compiled code; the version in the namespace gives each module version its
        own type.

    .PARAMETER Version
        The module version, for example 0.1.0.

    .EXAMPLE
        Get-IisLogonRightsLsaTypeName -Version '0.1.0'

        IisLogonRightsDsc.V0_1_0.Lsa
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Version
    )

    return 'IisLogonRightsDsc.V{0}.Lsa' -f ($Version -replace '[^0-9A-Za-z]', '_')
}
