<#
    Pester 5 tests of AllowTemporaryFix convergence: a right a GPO owns is granted locally on
    request; afterwards the finding is revoked-at-refresh, which an opted-in Test counts as in the
    desired state (with its Reason and a warning naming the GPO), so Test, Set, Test ends true
    without an error through every entry: the cmdlets, the class resource and the DSC v3 entry.
    Only the Windows boundary is replaced: the facts (before, then after the grant) and LSA.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:before = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-gpo-blocked')
    $script:sid = 'S-1-5-21-2060260628-1893702904-3285376245-1841'

    # The state after the temporary grant: the account added locally to SeNetworkLogonRight,
    # which the GPO in gpresult.xml still defines without it.
    $script:after = Join-Path -Path $TestDrive -ChildPath 'after'
    New-GrantedSnapshotCopy -Source $script:before -Destination $script:after -Right 'SeNetworkLogonRight' -Sid $script:sid
}

AfterAll {
    Remove-TestedModule
}

Describe 'AllowTemporaryFix converges' {
    BeforeEach {
        $script:backupRoot = Join-Path -Path $TestDrive -ChildPath ('backups-{0}' -f [System.Guid]::NewGuid().ToString('N'))
        Register-ChangeStandIn -Before $script:before -After $script:after -Name 'WEB05' -BackupRoot $script:backupRoot
    }

    Context 'Through the cmdlets' {
        It 'Should test false, set without an error, then test true with the Reason and a warning naming the GPO' {
            Test-IisAnonymousLogonRight -Scope 'Partners' -AllowTemporaryFix | Should -BeFalse

            $change = Set-IisAnonymousLogonRight -Scope 'Partners' -AllowTemporaryFix -BackupPath $script:backupRoot -PassThru -Confirm:$false -WarningVariable setWarnings -WarningAction SilentlyContinue
            $change.InDesiredState | Should -BeTrue
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:sid -and $Right -eq 'SeNetworkLogonRight' }
            @($setWarnings | Where-Object { "$_" -match 'allowTemporaryFix' -and "$_" -match 'GPO' }).Count | Should -BeGreaterThan 0

            Test-IisAnonymousLogonRight -Scope 'Partners' -AllowTemporaryFix -WarningAction SilentlyContinue | Should -BeTrue
            $state = Get-IisAnonymousLogonRight -Scope 'Partners' -AllowTemporaryFix -WarningAction SilentlyContinue
            $state.InDesiredState | Should -BeTrue
            @($state.Reasons | ForEach-Object { $_.Code }) | Should -Be @('IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh')
            # The anonymous user, then the Partners pool's worker process.
            @($state.Findings | ForEach-Object { $_.Status }) | Should -Be @('revoked-at-refresh', 'ok')
        }

        It 'Should still test false without the opt-in: the fix lasts only until the next refresh' {
            $script:standIn.Granted = $true
            Test-IisAnonymousLogonRight -Scope 'Partners' | Should -BeFalse
        }

        It 'Should not change anything again once converged' {
            $script:standIn.Granted = $true
            $change = Set-IisAnonymousLogonRight -Scope 'Partners' -AllowTemporaryFix -BackupPath $script:backupRoot -PassThru -Confirm:$false -WarningAction SilentlyContinue
            $change.InDesiredState | Should -BeTrue
            @($change.Applied).Count | Should -Be 0
            $change.BackupPath | Should -BeNullOrEmpty
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
        }
    }

    Context 'Through the class resource, as the LCM calls it' {
        It 'Should Test() false, Set() without an error, then Test() true and Get() with the Reason' {
            InModuleScope -ScriptBlock {
                $resource = [IisAnonymousLogonRight]::new()
                $resource.Scope = 'Partners'
                $resource.AllowTemporaryFix = $true
                $resource.Test() | Should -BeFalse
                $resource.Set()
                $resource.Test() | Should -BeTrue
                $current = $resource.Get()
                $current.InDesiredState | Should -BeTrue
                $current.AllowTemporaryFix | Should -BeTrue
                @($current.Reasons | ForEach-Object { $_.Code }) | Should -Be @('IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh')
            } 3>$null
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It
        }
    }

    Context 'Through the DSC v3 entry' {
        BeforeAll {
            . ([System.IO.Path]::Combine($script:repositoryRoot, 'dsc', 'v3', 'IisLogonRights.AnonymousLogonRight.ps1')) -Operation 'test'
        }

        It 'Should test false, set with exit code 0, then test true' {
            $desired = '{"scope":"Partners","allowTemporaryFix":true}'
            $first = Invoke-IisLogonRightsDscEntry -Operation 'test' -InputText $desired
            $first.ExitCode | Should -Be 0
            ($first.Output | ConvertFrom-Json)._inDesiredState | Should -BeFalse

            $set = Invoke-IisLogonRightsDscEntry -Operation 'set' -InputText $desired
            $set.ExitCode | Should -Be 0 -Because ($set.Trace -join [System.Environment]::NewLine)
            ($set.Output | ConvertFrom-Json).inDesiredState | Should -BeTrue

            $second = Invoke-IisLogonRightsDscEntry -Operation 'test' -InputText $desired
            $instance = $second.Output | ConvertFrom-Json
            $instance._inDesiredState | Should -BeTrue
            @($instance.reasons | ForEach-Object { $_.code }) | Should -Be @('IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh')
            @($second.Trace | Where-Object { $_ -match '^\{"warn":' -and $_ -match 'allowTemporaryFix' }).Count | Should -Be 1
        }
    }
}
