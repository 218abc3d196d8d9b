<#
    Pester 5 tests of Set- and Undo-IisAnonymousLogonRight with the Windows calls mocked at the
    boundary: the facts come from example snapshots, the three LSA calls are mocks. The engine
    is the real bundle, run through node.
#>
BeforeAll {
    $script:repositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, '..', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')) -Force
    $PSDefaultParameterValues['Mock:ModuleName'] = 'IisLogonRightsDsc'
    $PSDefaultParameterValues['Should:ModuleName'] = 'IisLogonRightsDsc'
    $script:before = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch')
    $script:reportsSid = 'S-1-5-21-2060260628-1893702904-3285376245-1604'

    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))

    # The state after the grant: the same snapshot with the account added to SeBatchLogonRight.
    $script:after = Join-Path -Path $TestDrive -ChildPath 'after'
    New-GrantedSnapshotCopy -Source $script:before -Destination $script:after -Right 'SeBatchLogonRight' -Sid $script:reportsSid
}

AfterAll {
    $PSDefaultParameterValues.Remove('Mock:ModuleName')
    $PSDefaultParameterValues.Remove('Should:ModuleName')
    Remove-Module -Name 'IisLogonRightsDsc' -Force -ErrorAction SilentlyContinue
}

Describe 'Set-IisAnonymousLogonRight' {
    BeforeEach {
        $script:collections = 0
        $script:backupRoot = Join-Path -Path $TestDrive -ChildPath ('backups-{0}' -f [System.Guid]::NewGuid().ToString('N'))
        Mock -CommandName Get-IisLogonRightsFactSet -MockWith {
            $script:collections++
            if ($script:collections -eq 1) { Read-SnapshotFacts -Folder $script:before -Name 'WEB03' } else { Read-SnapshotFacts -Folder $script:after -Name 'WEB03' }
        }
        Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { @() }
        Mock -CommandName Add-IisLogonRightsAccountRight -MockWith {
            # The backup must exist before the first change.
            $script:backupExistedAtChange = @(Get-ChildItem -Path $script:backupRoot -Filter 'plan.json' -Recurse -ErrorAction SilentlyContinue).Count -eq 1
        }
        Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { }
    }

    Context 'When called with -WhatIf' {
        It 'Should change nothing and write no backup' {
            Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -WhatIf
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Test-Path -LiteralPath $script:backupRoot | Should -BeFalse
        }
    }

    Context 'When the plan grants a right' {
        It 'Should save the backup, grant only to the identity''s SID, and test again' {
            $change = Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -PassThru -Confirm:$false
            $change.InDesiredState | Should -BeTrue
            $script:backupExistedAtChange | Should -BeTrue
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
            Should -Invoke -CommandName Get-IisLogonRightsFactSet -Exactly -Times 2 -Scope It
            Join-Path -Path $change.BackupPath -ChildPath 'plan.json' | Should -Exist
        }

        It 'Should throw, naming what remains, when the right did not take' {
            $script:after = $script:before
            { Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsNotInDesiredState*' -ExpectedMessage '*CONTOSO\svc-reports*'
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
