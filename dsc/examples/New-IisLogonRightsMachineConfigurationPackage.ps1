<#
    .SYNOPSIS
        Builds an Azure Machine Configuration package for the IisAnonymousLogonRight resource
        from the installed IisLogonRightsDsc module.

    .DESCRIPTION
        Machine Configuration runs the class-based resource with its own PowerShell 7 and the
        modules inside the package; it cannot carry Node.js, and needs none: the engine runs
        in-process. The steps:

        1. Install IisLogonRightsDsc from the package npm run package builds (a local folder
           repository holding IisLogonRightsDsc.<version>.nupkg). Runs anywhere with pwsh 7.4+.
        2. Compile the configuration to localhost.mof with PSDesiredStateConfiguration 2.0.7.
           Cannot run on the Linux development machines (the Configuration keyword needs the
           PSDesiredStateConfiguration module; run it on Windows or in the Windows workflow).
        3. New-GuestConfigurationPackage (the GuestConfiguration module) zips the MOF with the
           installed module folder. Cannot run here either: GuestConfiguration needs Windows
           (or a Linux host with its native agent binaries) and the PowerShell Gallery.
        4. Upload the zip and assign it with New-GuestConfigurationPolicy: needs an Azure
           subscription; not run by this script.

    .PARAMETER Repository
        The folder that holds IisLogonRightsDsc.<version>.nupkg (out/repository).

    .PARAMETER Version
        The module version to install and package.

    .PARAMETER OutputPath
        Where the MOF and the package zip are written.

    .PARAMETER Type
        Audit (report Reasons only) or AuditAndSet (also apply the identity-scoped plan).

    .EXAMPLE
        .\New-IisLogonRightsMachineConfigurationPackage.ps1 -Repository .\out\repository -Version 0.1.0 -OutputPath .\out\machine-configuration
#>
[CmdletBinding()]
param
(
    [Parameter(Mandatory = $true)]
    [System.String]
    $Repository,

    [Parameter(Mandatory = $true)]
    [System.String]
    $Version,

    [Parameter()]
    [System.String]
    $OutputPath = '.\machine-configuration',

    [Parameter()]
    [ValidateSet('Audit', 'AuditAndSet')]
    [System.String]
    $Type = 'Audit'
)

$ErrorActionPreference = 'Stop'

# 1. Install the module from the built package.
$repositoryName = 'IisLogonRightsLocal'
if ($null -eq (Get-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue))
{
    Register-PSResourceRepository -Name $repositoryName -Uri ([System.IO.Path]::GetFullPath($Repository)) -Trusted
}

Install-PSResource -Name 'IisLogonRightsDsc' -Version $Version -Repository $repositoryName -Scope CurrentUser -TrustRepository
$module = Get-Module -ListAvailable -Name 'IisLogonRightsDsc' | Where-Object { $_.Version -eq $Version } | Select-Object -First 1

# 2. Compile the configuration (Windows: needs PSDesiredStateConfiguration 2.0.7).
$null = [System.IO.Directory]::CreateDirectory($OutputPath)
$configuration = @"
Configuration IisLogonRights
{
    Import-DscResource -ModuleName 'IisLogonRightsDsc' -ModuleVersion '$Version'
    Node localhost
    {
        IisAnonymousLogonRight AllSites
        {
            Scope             = '*'
            RuleSet           = 'documented'
            AllowTemporaryFix = `$false
        }
    }
}
IisLogonRights -OutputPath '$OutputPath'
"@
Import-Module -Name 'PSDesiredStateConfiguration' -MinimumVersion '2.0.7'
. ([System.Management.Automation.ScriptBlock]::Create($configuration))

# 3. Package the MOF with the installed module (Windows: needs the GuestConfiguration module).
Import-Module -Name 'GuestConfiguration'
$package = New-GuestConfigurationPackage -Name 'IisLogonRights' -Configuration ([System.IO.Path]::Combine($OutputPath, 'localhost.mof')) -Type $Type -Path $OutputPath -Force
Write-Information -MessageData ('Package {0} holds IisLogonRightsDsc {1} from {2}' -f $package.Path, $module.Version, $module.ModuleBase) -InformationAction Continue

# 4. Not run here: upload $package.Path to a storage account and assign it with
#    New-GuestConfigurationPolicy -ContentUri <blob URL> -PolicyId (New-Guid) -Path <folder>.
$package
