function Get-IisLogonRightsModuleRoot
{
    <#
    .SYNOPSIS
        Returns the folder that holds IisLogonRightsDsc.psd1.

    .DESCRIPTION
        Derived from this file's own location (Private\ under the module root), so it is right
        whether the module was imported or its files were dot-sourced by a test.

    .EXAMPLE
        Get-IisLogonRightsModuleRoot
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    return [System.IO.Path]::GetDirectoryName($PSScriptRoot)
}
