<#
    Pester 5 tests of Set- and Undo-IisAnonymousLogonRight, and of the one Set path behind Set:
    Set-IisAnonymousLogonRight, the class resource's Set() and the DSC v3 entry's set all go
    through Set-IisLogonRightsDesiredState, fail with its one ErrorRecord id when the scope is
    still not in the desired state, and keep -WhatIf harmless. Set-IisLogonRightsDesiredState is
    spied on, not replaced: the mock calls the real function with the same parameters. Only the
    Windows boundary is replaced: the facts come from example snapshots, the LSA calls are
    stand-ins. The engine is the real bundle.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:before = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch')
    $script:reportsSid = 'S-1-5-21-2060260628-1893702904-3285376245-1604'

    # The state after the grant: the same snapshot with the account added to SeBatchLogonRight.
    $script:after = Join-Path -Path $TestDrive -ChildPath 'after'
    New-GrantedSnapshotCopy -Source $script:before -Destination $script:after -Right 'SeBatchLogonRight' -Sid $script:reportsSid
    $script:setPath = InModuleScope -ScriptBlock { Get-Command -Name 'Set-IisLogonRightsDesiredState' -CommandType Function }
    . ([System.IO.Path]::Combine($script:repositoryRoot, 'dsc', 'v3', 'IisLogonRights.AnonymousLogonRight.ps1')) -Operation 'test'

    # What each caller is: a script block that runs one Set of the Reports site.
    $script:callers = @{
        cmdlet = { Set-IisAnonymousLogonRight -Scope 'Reports' -Confirm:$false }
        class  = { InModuleScope -ScriptBlock { $resource = [IisAnonymousLogonRight]::new(); $resource.Scope = 'Reports'; $resource.Set() } }
        dscV3  = {
            $run = Invoke-IisLogonRightsDscEntry -Operation 'set' -InputText '{"scope":"Reports"}'
            if ($run.ExitCode -ne 0)
            {
                throw ('exit code {0}: {1}' -f $run.ExitCode, ($run.Trace -join ' '))
            }
        }
    }
}

AfterAll {
    Remove-TestedModule
}

Describe 'Set through the one Set path' {
    BeforeEach {
        $script:backupRoot = Join-Path -Path $TestDrive -ChildPath ('backups-{0}' -f [System.Guid]::NewGuid().ToString('N'))
        Register-ChangeStandIn -Before $script:before -After $script:after -Name 'WEB03' -BackupRoot $script:backupRoot
        Mock -CommandName Set-IisLogonRightsDesiredState -MockWith { & $script:setPath @PesterBoundParameters }
    }

    It 'Should save the backup, grant only to the identity''s SID, and test again' {
        $change = Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -PassThru -Confirm:$false
        $change.InDesiredState | Should -BeTrue
        $script:standIn.BackupExistedAtChange | Should -BeTrue
        Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
        Should -Invoke -CommandName Get-IisLogonRightsFactSet -Exactly -Times 2 -Scope It
        Join-Path -Path $change.BackupPath -ChildPath 'plan.json' | Should -Exist
    }

    It 'Should take the <_> through Set-IisLogonRightsDesiredState, which grants once after the backup' -ForEach @('cmdlet', 'class', 'dscV3') {
        & $script:callers[$_] 3>$null 6>$null
        Should -Invoke -CommandName Set-IisLogonRightsDesiredState -Exactly -Times 1 -Scope It -ParameterFilter { $Scope -eq 'Reports' -and $RuleSet -eq 'documented' -and -not $AllowTemporaryFix }
        Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
        $script:standIn.BackupExistedAtChange | Should -BeTrue
    }

    It 'Should fail the <_> with IisLogonRightsNotInDesiredState, naming what remains, when the grant does not take' -ForEach @('cmdlet', 'class', 'dscV3') {
        $caller = $_
        $script:standIn.After = $script:before
        $failure = $null
        try { & $script:callers[$caller] 3>$null 6>$null } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $message = $failure.Exception.Message
        if ($caller -ne 'dscV3')
        {
            # Windows PowerShell 5.1 wraps what a class method throws; the record is then inside.
            $ids = @($failure.FullyQualifiedErrorId)
            if ($failure.Exception.InnerException -is [System.Management.Automation.IContainsErrorRecord])
            {
                $ids += $failure.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
            }

            @($ids | Where-Object { $_ -like 'IisLogonRightsNotInDesiredState,*' }).Count | Should -BeGreaterThan 0 -Because ($ids -join ', ')
        }
        else
        {
            # The DSC v3 entry maps the record to the manifest's exit code 1 and a JSON error line.
            $message | Should -BeLike 'exit code 1:*{"error":"Scope Reports *'
        }

        $message | Should -BeLike '*Scope Reports is still not in the desired state after Set (1 change(s) applied). What remains: *CONTOSO\*svc-reports*Undo-IisAnonymousLogonRight -BackupPath*'
        Should -Invoke -CommandName Set-IisLogonRightsDesiredState -Exactly -Times 1 -Scope It
    }

    Context 'With -WhatIf, or where nobody may be asked' {
        It 'Should carry the cmdlet''s -WhatIf into the Set path: no grant, no backup, no test after' {
            $change = Set-IisAnonymousLogonRight -Scope 'Reports' -WhatIf -PassThru
            $change.InDesiredState | Should -BeNullOrEmpty
            Should -Invoke -CommandName Set-IisLogonRightsDesiredState -Exactly -Times 1 -Scope It
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Should -Invoke -CommandName Get-IisLogonRightsFactSet -Exactly -Times 1 -Scope It
            Test-Path -LiteralPath $script:backupRoot | Should -BeFalse
        }

        It 'Should keep the DSC v3 whatif out of the Set path: it changes nothing and predicts the state' {
            $run = Invoke-IisLogonRightsDscEntry -Operation 'whatif' -InputText '{"scope":"Reports"}'
            $run.ExitCode | Should -Be 0 -Because ($run.Trace -join [System.Environment]::NewLine)
            ($run.Output | ConvertFrom-Json).inDesiredState | Should -BeTrue
            Should -Invoke -CommandName Set-IisLogonRightsDesiredState -Exactly -Times 0 -Scope It
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Test-Path -LiteralPath $script:backupRoot | Should -BeFalse
        }

        It 'Should never ask the class resource''s caller: Set() applies under ConfirmPreference Low' {
            InModuleScope -ScriptBlock {
                $ConfirmPreference = 'Low'
                $resource = [IisAnonymousLogonRight]::new()
                $resource.Scope = 'Reports'
                $resource.Set()
            } 3>$null 6>$null
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It
        }
    }
}

Describe 'Undo-IisAnonymousLogonRight' {
    It 'Should revoke what the change granted and check the rights recorded before it' {
        $folder = Join-Path -Path $TestDrive -ChildPath 'backup'
        $null = New-Item -ItemType Directory -Path $folder
        $plan = @{
            planVersion = 1; tool = @{ name = 'iis-logon-rights'; version = '0.1.0' }; snapshot = 'WEB03'; ruleSet = 'documented'; options = @{ allowTemporaryFix = $false }
            actions = @(@{ action = 'grant'; right = 'SeBatchLogonRight'; sid = $script:reportsSid; account = 'CONTOSO\svc-reports'; temporary = $false; fixes = @(@{ site = 'Reports'; path = '/'; status = 'missing' }) })
            undo = @(@{ action = 'revoke'; right = 'SeBatchLogonRight'; sid = $script:reportsSid; account = 'CONTOSO\svc-reports'; temporary = $false })
            refused = @(); gpoEdits = @(); verify = 'collect again and test'
        }
        Set-Content -LiteralPath (Join-Path $folder 'plan.json') -Value (ConvertTo-Json -InputObject $plan -Depth 8) -Encoding UTF8
        Set-Content -LiteralPath (Join-Path $folder 'rights-before.json') -Value ('{{"{0}": []}}' -f $script:reportsSid) -Encoding UTF8
        # The SHA-256 manifest Set writes beside them; Undo reads nothing without it.
        $hashes = [ordered] @{}
        foreach ($name in 'plan.json', 'rights-before.json') { $hashes[$name] = (Get-FileHash -LiteralPath (Join-Path $folder $name) -Algorithm SHA256).Hash.ToLowerInvariant() }
        Set-Content -LiteralPath (Join-Path $folder 'manifest.json') -Value (ConvertTo-Json -InputObject @{ algorithm = 'SHA-256'; files = $hashes }) -Encoding UTF8
        $script:revoked = $false
        Mock -CommandName Get-IisLogonRightsFactSet -MockWith { Read-SnapshotFacts -Folder $script:after -Name 'WEB03' }
        Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { $script:revoked = $true }
        Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { if ($script:revoked) { @() } else { @('SeBatchLogonRight') } }

        Undo-IisAnonymousLogonRight -BackupPath $folder -Confirm:$false

        Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
    }
}
