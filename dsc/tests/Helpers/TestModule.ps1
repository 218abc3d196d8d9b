<#
    The setup every Pester file shares: the module imported fresh from its manifest, with Mock,
    Should -Invoke and InModuleScope pointed at it, and removed again afterwards. Dot-source
    this file in BeforeAll, call Import-TestedModule there and Remove-TestedModule in AfterAll.
#>

function Import-TestedModule
{
    <#
    .SYNOPSIS
        Imports IisLogonRightsDsc from its manifest and points Pester's module parameters at it.

    .DESCRIPTION
        Imports with -Force, so each file tests the module as it is on disk, and sets the
        default ModuleName of Mock, Should and InModuleScope. Returns the repository root.

    .EXAMPLE
        $script:repositoryRoot = Import-TestedModule
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $root = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', '..'))
    Import-Module -Name ([System.IO.Path]::Combine($root, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')) -Force
    foreach ($parameter in 'Mock:ModuleName', 'Should:ModuleName', 'InModuleScope:ModuleName')
    {
        $PSDefaultParameterValues[$parameter] = 'IisLogonRightsDsc'
    }

    return $root
}

function Remove-TestedModule
{
    <#
    .SYNOPSIS
        Undoes Import-TestedModule: the Pester defaults and the module.

    .DESCRIPTION
        Run in AfterAll, so the next file starts from a session without the module.

    .EXAMPLE
        Remove-TestedModule
    #>
    [CmdletBinding()]
    param ()

    foreach ($parameter in 'Mock:ModuleName', 'Should:ModuleName', 'InModuleScope:ModuleName')
    {
        $PSDefaultParameterValues.Remove($parameter)
    }

    Remove-Module -Name 'IisLogonRightsDsc' -Force -ErrorAction SilentlyContinue
}
