<#
    Pester 5 tests of the two public commands the other files do not drive:
    Export-IisLogonRightsSnapshot (the collector mocked at Get-IisLogonRightsFactSet: the folder it
    writes is judged by the engine like the original) and Set-IisLogonRightsNodeJsPath.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))
    $script:example = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch')
}

AfterAll {
    Remove-TestedModule
}

Describe 'Export-IisLogonRightsSnapshot' {
    BeforeEach {
        Mock -CommandName Get-IisLogonRightsFactSet -MockWith { Read-SnapshotFacts -Folder $script:example -Name 'WEB03' }
        $script:target = Join-Path -Path $TestDrive -ChildPath ([System.Guid]::NewGuid().ToString('N'))
    }

    It 'Should write a folder the engine judges as it judges the original' {
        $snapshot = Export-IisLogonRightsSnapshot -Path $script:target
        $snapshot.Path | Should -Be $script:target
        @($snapshot.Files) | Should -Contain 'secedit.inf'
        $written = @(Get-IisAnonymousLogonRight -SnapshotPath $script:target).Findings | ForEach-Object { '{0}|{1}' -f $_.Site, $_.Status }
        $original = @(Get-IisAnonymousLogonRight -SnapshotPath $script:example).Findings | ForEach-Object { '{0}|{1}' -f $_.Site, $_.Status }
        $written | Should -Be $original
    }

    It 'Should refuse to overwrite a snapshot without -Force, and write nothing with -WhatIf' {
        $null = Export-IisLogonRightsSnapshot -Path $script:target
        { Export-IisLogonRightsSnapshot -Path $script:target } | Should -Throw -ErrorId 'IisLogonRightsSnapshotExists*'
        $other = Join-Path -Path $TestDrive -ChildPath 'whatif'
        Export-IisLogonRightsSnapshot -Path $other -WhatIf
        Test-Path -LiteralPath $other | Should -BeFalse
    }
}

Describe 'Set-IisLogonRightsNodeJsPath' {
    AfterEach {
        Set-IisLogonRightsNodeJsPath -Path ''
    }

    It 'Should make Find-IisLogonRightsNodeJs use the path given, and clear it with an empty path' {
        $node = Join-Path -Path $TestDrive -ChildPath 'node'
        Set-Content -LiteralPath $node -Value '' -Encoding Ascii
        Set-IisLogonRightsNodeJsPath -Path $node
        InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } | Should -Be $node
        Set-IisLogonRightsNodeJsPath -Path ''
        InModuleScope -ScriptBlock { $script:IisLogonRightsNodeJsPath } | Should -BeNullOrEmpty
    }

    It 'Should refuse a path that does not exist' {
        { Set-IisLogonRightsNodeJsPath -Path (Join-Path -Path $TestDrive -ChildPath 'no-such-node') } | Should -Throw -ErrorId 'IisLogonRightsNodeJsNotFound*'
    }

    It 'Should still answer to its old name, Set-IisLogonRightsNodePath' {
        $node = Join-Path -Path $TestDrive -ChildPath 'node'
        Set-Content -LiteralPath $node -Value '' -Encoding Ascii
        (Get-Command -Name 'Set-IisLogonRightsNodePath' -Module 'IisLogonRightsDsc').ResolvedCommand.Name | Should -Be 'Set-IisLogonRightsNodeJsPath'
        Set-IisLogonRightsNodePath -Path $node
        InModuleScope -ScriptBlock { $script:IisLogonRightsNodeJsPath } | Should -Be $node
    }
}
