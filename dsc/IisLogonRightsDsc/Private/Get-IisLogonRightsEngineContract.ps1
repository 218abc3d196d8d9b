function Get-IisLogonRightsEngineContract
{
    <#
    .SYNOPSIS
        Returns the module's copy of the engine's exit-code and status tables.

    .DESCRIPTION
        Reads Data\EngineContract.psd1 once per session. The repository's tests compare that file
        with src/core/exit-codes.ts and src/core/status.ts, the engine's own tables.

    .EXAMPLE
        (Get-IisLogonRightsEngineContract).ExitCodes | Where-Object Code -eq 3
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param ()

    if ($null -eq $script:IisLogonRightsEngineContract)
    {
        $path = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'Data', 'EngineContract.psd1')
        $script:IisLogonRightsEngineContract = Import-IisLogonRightsDataFile -Path $path
    }

    return $script:IisLogonRightsEngineContract
}
