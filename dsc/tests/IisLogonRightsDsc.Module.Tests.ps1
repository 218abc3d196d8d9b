<#
    Pester 5 tests of the module as PowerShell sees it: the manifest loads, the commands and
    the DSC resource are exported, and every command has help. Needs the built module (node
    build.mjs copies the engine into bin\). Runs in Windows PowerShell 5.1 and PowerShell 7.
#>
BeforeAll {
    $script:manifestPath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')
    $script:module = Import-Module -Name $script:manifestPath -Force -PassThru
}

AfterAll {
    Remove-Module -Name 'IisLogonRightsDsc' -Force -ErrorAction SilentlyContinue
}

Describe 'IisLogonRightsDsc module' {
    It 'Should have a valid manifest' {
        $manifest = Test-ModuleManifest -Path $script:manifestPath -ErrorAction Stop
        $manifest.PowerShellVersion | Should -Be ([System.Version] '5.1')
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'Should export exactly the public commands' {
        @($script:module.ExportedFunctions.Keys | Sort-Object) | Should -Be @(
            'Export-IisLogonRightsSnapshot',
            'Get-IisAnonymousLogonRight',
            'Set-IisAnonymousLogonRight',
            'Set-IisLogonRightsEngineHost',
            'Set-IisLogonRightsNodeJsPath',
            'Test-IisAnonymousLogonRight',
            'Undo-IisAnonymousLogonRight'
        )
    }

    It 'Should export the old name of Set-IisLogonRightsNodeJsPath as an alias, and no other alias' {
        @($script:module.ExportedAliases.Keys) | Should -Be @('Set-IisLogonRightsNodePath')
        $script:module.ExportedAliases['Set-IisLogonRightsNodePath'].Definition | Should -Be 'Set-IisLogonRightsNodeJsPath'
    }

    It 'Should have help with a synopsis and an example for <_>' -ForEach @(
        'Export-IisLogonRightsSnapshot',
        'Get-IisAnonymousLogonRight',
        'Set-IisAnonymousLogonRight',
        'Set-IisLogonRightsEngineHost',
        'Set-IisLogonRightsNodeJsPath',
        'Test-IisAnonymousLogonRight',
        'Undo-IisAnonymousLogonRight'
    ) {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'Should ship the bundle of the node host with the module version' {
        $bundle = [System.IO.Path]::Combine($script:module.ModuleBase, 'bin', 'iis-logon-rights.cjs')
        $bundle | Should -Exist
        (& node $bundle --version) | Should -Be $script:module.Version.ToString()
    }

    It 'Should run the engine in-process by default, with the module version' {
        $version = & $script:module {
            $null = Get-IisLogonRightsJsEngine
            (Get-IisLogonRightsEngineHost) + ' ' + (Invoke-IisLogonRightsInProcessEngine -ArgumentList @('--version')).StandardOutput.Trim()
        }
        $version | Should -Be ('inprocess ' + $script:module.Version.ToString())
    }

    It 'Should show the about topic' {
        Get-Help -Name 'about_IisLogonRightsDsc' | Out-String | Should -Match 'Set-IisAnonymousLogonRight'
    }

    It 'Should expose the class-based DSC resource' {
        if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT -or $null -eq (Get-Command -Name 'Get-DscResource' -ErrorAction SilentlyContinue))
        {
            Set-ItResult -Skipped -Because 'Windows only: Get-DscResource comes with the PSDesiredStateConfiguration module of Windows'
        }

        # Get-DscResource finds modules by name in PSModulePath only: put this checkout's first.
        $savedModulePath = $env:PSModulePath
        try
        {
            $env:PSModulePath = '{0}{1}{2}' -f [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..')), [System.IO.Path]::PathSeparator, $savedModulePath
            $resource = Get-DscResource -Name 'IisAnonymousLogonRight' -Module 'IisLogonRightsDsc'
        }
        finally
        {
            $env:PSModulePath = $savedModulePath
        }

        $resource.ImplementedAs | Should -Be 'PowerShell'
        @($resource.Properties | Where-Object { $_.Name -eq 'Scope' }).IsMandatory | Should -BeTrue
    }
}
