function Initialize-IisLogonRightsLsaType
{
    <#
    .SYNOPSIS
        Compiles the small LSA P/Invoke type (Native\IisLogonRightsLsa.cs) once per session.

    .DESCRIPTION
        Done on first use rather than at import, so Get and Test (and the LCM's many Test runs)
        never pay for the compiler. A type of that name that is already loaded is reused:
        Add-Type cannot load a type twice in one session.

    .EXAMPLE
        Initialize-IisLogonRightsLsaType
    #>
    [CmdletBinding()]
    param ()

    if ($script:IisLogonRightsLsaTypeLoaded -or $null -ne ('IisLogonRightsDsc.Lsa' -as [System.Type]))
    {
        $script:IisLogonRightsLsaTypeLoaded = $true
        return
    }

    $source = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'Native', 'IisLogonRightsLsa.cs')
    Add-Type -Path $source -ErrorAction Stop
    $script:IisLogonRightsLsaTypeLoaded = $true
}
