<#
    .SYNOPSIS
        Publishes a built module folder as a PowerShell Gallery-format .nupkg into a local
        folder repository.

    .DESCRIPTION
        Called by scripts/package.mjs (npm run package) under pwsh 7.4 or later, where
        PSResourceGet ships. The folder repository is registered under a name of its own for
        the publish only and unregistered afterwards, so the user's repository list is left as
        it was. Publish-PSResource checks the manifest (Test-ModuleManifest) on the way.

    .PARAMETER ModuleFolder
        out/IisLogonRightsDsc/<version>: the folder that holds IisLogonRightsDsc.psd1.

    .PARAMETER RepositoryFolder
        The folder repository that receives IisLogonRightsDsc.<version>.nupkg.

    .EXAMPLE
        pwsh -NoProfile -File scripts/Publish-IisLogonRightsPackage.ps1 -ModuleFolder out/IisLogonRightsDsc/0.1.0 -RepositoryFolder out/repository
#>
[CmdletBinding()]
param
(
    [Parameter(Mandatory = $true)]
    [System.String]
    $ModuleFolder,

    [Parameter(Mandatory = $true)]
    [System.String]
    $RepositoryFolder
)

$ErrorActionPreference = 'Stop'
$name = 'IisLogonRightsDscBuild{0}' -f [System.Guid]::NewGuid().ToString('N').Substring(0, 8)
$null = [System.IO.Directory]::CreateDirectory($RepositoryFolder)
Register-PSResourceRepository -Name $name -Uri ([System.IO.Path]::GetFullPath($RepositoryFolder)) -Trusted
try
{
    Publish-PSResource -Path $ModuleFolder -Repository $name -SkipDependenciesCheck
}
finally
{
    Unregister-PSResourceRepository -Name $name
}
