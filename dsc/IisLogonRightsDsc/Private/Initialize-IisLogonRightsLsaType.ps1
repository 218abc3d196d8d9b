function Initialize-IisLogonRightsLsaType
{
    <#
    .SYNOPSIS
        Compiles the small LSA P/Invoke type (Native\IisLogonRightsLsa.cs) once per session and returns it.

    .DESCRIPTION
        Done on first use rather than at import, so Get and Test (and the LCM's many Test runs)
        never pay for the compiler. The type's namespace carries the module version
        (Get-IisLogonRightsLsaTypeName): a type of that name already loaded in this process is
        this version's and is reused (Add-Type cannot load a type twice), while one compiled by
        an older module in a long-lived host is never called.

    .EXAMPLE
        $lsa = Initialize-IisLogonRightsLsaType
        $lsa::GetAccountRights('S-1-5-11')
    #>
    [CmdletBinding()]
    [OutputType([System.Type])]
    param ()

    if ($null -ne $script:IisLogonRightsLsaType)
    {
        return $script:IisLogonRightsLsaType
    }

    $manifestPath = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'IisLogonRightsDsc.psd1')
    $typeName = Get-IisLogonRightsLsaTypeName -Version ([System.String] (Import-IisLogonRightsDataFile -Path $manifestPath).ModuleVersion)
    $type = $typeName -as [System.Type]
    if ($null -eq $type)
    {
        $source = [System.IO.File]::ReadAllText([System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'Native', 'IisLogonRightsLsa.cs'))
        $namespace = $typeName.Substring(0, $typeName.Length - '.Lsa'.Length)
        Add-Type -TypeDefinition $source.Replace('namespace IisLogonRightsDsc', ('namespace {0}' -f $namespace)) -ErrorAction Stop
        $type = $typeName -as [System.Type]
    }

    $script:IisLogonRightsLsaType = $type
    return $type
}
