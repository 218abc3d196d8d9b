function Assert-IisLogonRightsEngineVersion
{
    <#
    .SYNOPSIS
        Checks that the engine bundle has the module's version.

    .DESCRIPTION
        Runs `node <bundle> --version` and compares the answer with ModuleVersion in
        IisLogonRightsDsc.psd1: a module that collects facts for one version of the contract must
        not feed them to another. The answer is remembered per node and bundle path for the
        session, so the check costs one extra node start per session, not per call.

    .PARAMETER NodePath
        The node executable.

    .PARAMETER BundlePath
        The engine bundle.

    .EXAMPLE
        Assert-IisLogonRightsEngineVersion -NodePath $node -BundlePath $bundle
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $NodePath,

        [Parameter(Mandatory = $true)]
        [System.String]
        $BundlePath
    )

    $key = '{0}|{1}' -f $NodePath, $BundlePath
    if ($null -eq $script:IisLogonRightsVerifiedEngines)
    {
        $script:IisLogonRightsVerifiedEngines = @{}
    }

    if ($script:IisLogonRightsVerifiedEngines.ContainsKey($key))
    {
        return
    }

    $manifestPath = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'IisLogonRightsDsc.psd1')
    $moduleVersion = [System.String] (Import-IisLogonRightsDataFile -Path $manifestPath).ModuleVersion
    $run = Invoke-IisLogonRightsProcess -FilePath $NodePath -ArgumentList @($BundlePath, '--version') -TimeoutSeconds 120
    $engineVersion = $run.StandardOutput.Trim()
    if ($run.ExitCode -ne 0 -or $engineVersion -ne $moduleVersion)
    {
        $mismatch = @{
            ErrorId           = 'IisLogonRightsVersionMismatch'
            Category          = 'InvalidResult'
            TargetObject      = $BundlePath
            Message           = 'The engine {0} reports version "{1}" (exit code {2}{3}), but the module is version {4}.' -f $BundlePath, $engineVersion, $run.ExitCode, $(if ($run.StandardError.Trim() -ne '') { ': ' + $run.StandardError.Trim() } else { '' }), $moduleVersion
            RecommendedAction = 'Install the module and its bin\iis-logon-rights.cjs from the same build; check that node is version 20 or later.'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @mismatch))
    }

    $script:IisLogonRightsVerifiedEngines[$key] = $true
}
