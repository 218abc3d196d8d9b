<#
    .SYNOPSIS
    Runs the module's Pester suite (dsc/tests) and writes a JUnit XML result file.

    .DESCRIPTION
    Imports Pester 5.7.1 from tools/pwsh/.install (tools/pwsh/install.sh puts it there), or, when
    that folder is absent (the Windows workflow), the newest installed Pester 5. Output is plain
    text, so captured output holds no terminal sequences. The exit code is Pester's: 0 when no
    test, block or file failed, else the number that failed.

    .PARAMETER Path
    Test files or folders to run. Default: dsc/tests.

    .PARAMETER ResultPath
    Where to write the JUnit XML result file. Default: none is written.

    .PARAMETER FullNameFilter
    Runs only the tests whose full name (Describe, Context and It names joined by dots) matches
    one of these wildcard patterns.

    .PARAMETER Tag
    Runs only the tests with one of these tags.

    .PARAMETER ExcludeTag
    Leaves out the tests with one of these tags.

    .PARAMETER Output
    Pester's console verbosity: None, Normal, Detailed (the default) or Diagnostic.

    .PARAMETER PesterPath
    The Pester.psd1 to import. Default: the one tools/pwsh/install.sh installs.

    .EXAMPLE
    tools/pwsh/.install/tool/pwsh -NoProfile -File tools/pwsh/Invoke-PesterSuite.ps1

    .EXAMPLE
    tools/pwsh/.install/tool/pwsh -NoProfile -File tools/pwsh/Invoke-PesterSuite.ps1 -Path dsc/tests/Cmdlets.Tests.ps1 -FullNameFilter '*WhatIf*'
#>
[CmdletBinding()]
param
(
    [Parameter()]
    [System.String[]]
    $Path,

    [Parameter()]
    [System.String]
    $ResultPath,

    [Parameter()]
    [System.String[]]
    $FullNameFilter,

    [Parameter()]
    [System.String[]]
    $Tag,

    [Parameter()]
    [System.String[]]
    $ExcludeTag,

    [Parameter()]
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [System.String]
    $Output = 'Detailed',

    [Parameter()]
    [System.String]
    $PesterPath
)

$ErrorActionPreference = 'Stop'
if ($null -ne (Get-Variable -Name 'PSStyle' -ErrorAction SilentlyContinue))
{
    # PowerShell 7 colours its own output unless told not to; Windows PowerShell 5.1 has no $PSStyle.
    $PSStyle.OutputRendering = 'PlainText'
}

$repositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
if (-not $PesterPath)
{
    $PesterPath = [System.IO.Path]::Combine($PSScriptRoot, '.install', 'packages', 'pester', '5.7.1', 'tools', 'Pester.psd1')
}

if (Test-Path -LiteralPath $PesterPath)
{
    Import-Module -Name $PesterPath -Force
}
else
{
    Import-Module -Name 'Pester' -MinimumVersion '5.5.0'
}

if (-not $Path)
{
    $Path = @([System.IO.Path]::Combine($repositoryRoot, 'dsc', 'tests'))
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = $Output
if ($FullNameFilter) { $configuration.Filter.FullName = $FullNameFilter }
if ($Tag) { $configuration.Filter.Tag = $Tag }
if ($ExcludeTag) { $configuration.Filter.ExcludeTag = $ExcludeTag }
if ($ResultPath)
{
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'JUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}

Invoke-Pester -Configuration $configuration
