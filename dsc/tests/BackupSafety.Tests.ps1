<#
    Issue 13: Set, the DSC v3 set and Undo cannot be turned against other accounts. The plan is
    checked against the facts collected now before anything is applied, and a backup is read
    only when its owner, ACL and SHA-256 manifest say Set wrote it. The three LSA calls are
    stand-ins that count: a refused plan or backup must leave them at zero.
#>
BeforeDiscovery {
    # Each tampering turns the engine's plan into one the check must refuse (the classes of issue 13).
    $everyone = [pscustomobject] @{ action = 'revoke'; right = 'SeDenyNetworkLogonRight'; sid = 'S-1-1-0'; account = 'Everyone'; temporary = $false; fixes = @() }
    $tamperings = @(
        @{ Name = 'an extra revoke of Everyone'; Change = { param ($p) $p.actions = @($p.actions) + $everyone; $p.undo = @([pscustomobject] @{ action = 'grant'; right = 'SeDenyNetworkLogonRight'; sid = 'S-1-1-0'; account = 'Everyone'; temporary = $false }) + @($p.undo) } }
        @{ Name = 'the SID changed to Everyone, the account kept'; Change = { param ($p) $p.actions[0].sid = 'S-1-1-0'; $p.undo[0].sid = 'S-1-1-0' } }
        @{ Name = 'revoke on an allow right'; Change = { param ($p) $p.actions[0].action = 'revoke'; $p.undo[0].action = 'grant' } }
        @{ Name = 'a deny right granted to Administrators'; Change = { param ($p) $p.actions[0].right = 'SeDenyBatchLogonRight'; $p.actions[0].sid = 'S-1-5-32-544'; $p.undo[0].right = 'SeDenyBatchLogonRight'; $p.undo[0].sid = 'S-1-5-32-544' } }
        @{ Name = 'temporary without the opt-in'; Change = { param ($p) $p.actions[0].temporary = $true; $p.undo[0].temporary = $true } }
        @{ Name = 'an undo that is not the inverse'; Change = { param ($p) $p.undo[0].sid = 'S-1-5-32-544' } }
        @{ Name = 'another account''s SID'; Change = { param ($p) $p.actions[0].sid = 'S-1-5-21-2060260628-1893702904-3285376245-500'; $p.undo[0].sid = 'S-1-5-21-2060260628-1893702904-3285376245-500' } }
        @{ Name = 'no actions and an undo that revokes Everyone'; Change = { param ($p) $p.actions = @(); $p.undo = @([pscustomobject] @{ action = 'revoke'; right = 'SeNetworkLogonRight'; sid = 'S-1-1-0'; account = 'Everyone'; temporary = $false }) } }
        # A second "actions" key: a reader that lets the last key win would see only this list.
        @{ Name = 'a second actions key'; Change = { param ($p) }; Rewrite = { param ($json) '{"actions": [{"action": "revoke", "right": "SeDenyNetworkLogonRight", "sid": "S-1-1-0", "account": "Everyone", "temporary": false, "fixes": []}],' + $json.TrimStart().Substring(1) } }
    )

    # Jint (the default host) meets every tampering; Node, whose answers the differential test
    # proves byte-identical, meets two, so the suite stays quick on two cores.
    $engineHosts = @(
        @{ EngineHost = 'inprocess'; Tamperings = $tamperings }
        @{ EngineHost = 'node'; Tamperings = @($tamperings[0], $tamperings[1]) }
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:snapshot = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch')
    $script:reportsSid = 'S-1-5-21-2060260628-1893702904-3285376245-1604'

    # The engine's own plan for the snapshot, as a hashtable to tamper with.
    function script:Get-EnginePlan
    {
        $facts = Read-SnapshotFacts -Folder $script:snapshot -Name 'WEB03'
        $factsJson = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Facts = $facts } { param ($Facts) New-IisLogonRightsFactsDocument -Name $Facts.Name -Files $Facts.Files }
        $run = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ FactsJson = $factsJson } { param ($FactsJson) Invoke-IisLogonRightsEngine -ArgumentList @('plan', '--snapshot', '-', '--format', 'json') -InputText $FactsJson }
        return $run.StandardOutput
    }

    function script:Edit-Plan
    {
        param ([System.String] $Json, [System.Management.Automation.ScriptBlock] $Change, [System.Management.Automation.ScriptBlock] $Rewrite)
        $plan = ConvertFrom-Json -InputObject $Json
        & $Change $plan
        $text = ConvertTo-Json -InputObject $plan -Depth 10
        if ($null -ne $Rewrite)
        {
            $text = & $Rewrite $text
        }

        return $text
    }

    function script:Write-Manifest
    {
        param ([System.String] $Folder)
        $files = [ordered] @{}
        foreach ($name in 'plan.json', 'rights-before.json')
        {
            $files[$name] = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Path = (Join-Path $Folder $name) } { param ($Path) Get-IisLogonRightsFileHash -Path $Path }
        }

        Set-Content -LiteralPath (Join-Path $Folder 'manifest.json') -Value (ConvertTo-Json -InputObject @{ algorithm = 'SHA-256'; files = $files }) -Encoding Ascii
    }
}

AfterAll {
    Remove-TestedModule
}

# The plan check runs in the engine: in-process (Jint, the default) and with Node alike.
Describe 'Engine host <EngineHost>' -ForEach $engineHosts {
    BeforeAll {
        $script:previousEngineHost = [System.Environment]::GetEnvironmentVariable('IIS_LOGON_RIGHTS_ENGINE')
        [System.Environment]::SetEnvironmentVariable('IIS_LOGON_RIGHTS_ENGINE', $EngineHost)
        InModuleScope -ModuleName 'IisLogonRightsDsc' { Get-IisLogonRightsEngineHost } | Should -Be $EngineHost
    }

    AfterAll {
        [System.Environment]::SetEnvironmentVariable('IIS_LOGON_RIGHTS_ENGINE', $script:previousEngineHost)
    }

    Describe 'A tampered plan reaching Set' {
        BeforeEach {
            $script:backupRoot = Join-Path -Path $TestDrive -ChildPath ('backups-{0}' -f [System.Guid]::NewGuid().ToString('N'))
            Mock -CommandName Get-IisLogonRightsFactSet -MockWith { Read-SnapshotFacts -Folder $script:snapshot -Name 'WEB03' }
            Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { @() }
            Mock -CommandName Add-IisLogonRightsAccountRight -MockWith { }
            Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { }
            $script:enginePlan = Get-EnginePlan
        }

        # Set, the DSC resource and the DSC v3 set all apply through Invoke-IisLogonRightsPlanApplication,
        # which takes the facts collected now as a mandatory parameter; a plan altered between the
        # engine and the LSA calls reaches it here.
        It 'Should refuse <Name> with IisLogonRightsPlanRejected, making no LSA call and no backup' -ForEach $Tamperings {
            $tampered = Edit-Plan -Json $script:enginePlan -Change $Change -Rewrite $Rewrite
            $facts = Read-SnapshotFacts -Folder $script:snapshot -Name 'WEB03'
            { InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Plan = $tampered; Facts = $facts; Root = $script:backupRoot } { param ($Plan, $Facts, $Root) Invoke-IisLogonRightsPlanApplication -PlanJson $Plan -FactsJson (New-IisLogonRightsFactsDocument -Name $Facts.Name -Files $Facts.Files) -BackupRoot $Root -Confirm:$false } } | Should -Throw -ErrorId 'IisLogonRightsPlanRejected*'
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Should -Invoke -CommandName Get-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            Test-Path -LiteralPath $script:backupRoot | Should -BeFalse
        }

        It 'Should apply the engine''s own plan, with the backup root protected and a manifest written' {
            Mock -CommandName Set-IisLogonRightsPathProtection -MockWith { }
            # The check after the change fails (the stand-in facts do not change); the change is made.
            try { Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -Confirm:$false } catch { $_.FullyQualifiedErrorId | Should -BeLike 'IisLogonRightsNotInDesiredState*' }
            Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
            Should -Invoke -CommandName Set-IisLogonRightsPathProtection -Exactly -Times 1 -Scope It -ParameterFilter { $Path -eq $script:backupRoot }
            $backup = @(Get-ChildItem -LiteralPath $script:backupRoot -Directory)
            $backup.Count | Should -Be 1
            $manifest = Get-Content -LiteralPath (Join-Path $backup[0].FullName 'manifest.json') -Raw | ConvertFrom-Json
            $manifest.algorithm | Should -Be 'SHA-256'
            @($manifest.files.PSObject.Properties.Name) | Should -Be @('plan.json', 'rights-before.json', 'secedit.inf', 'README.txt')
            $manifest.files.'plan.json' | Should -Be (Get-FileHash -LiteralPath (Join-Path $backup[0].FullName 'plan.json') -Algorithm SHA256).Hash.ToLowerInvariant()
        }
    }

    Describe 'Undo from a backup' {
        BeforeEach {
            $script:backupRoot = Join-Path -Path $TestDrive -ChildPath ('backups-{0}' -f [System.Guid]::NewGuid().ToString('N'))
            $script:granted = $false
            Mock -CommandName Get-IisLogonRightsFactSet -MockWith { Read-SnapshotFacts -Folder $script:snapshot -Name 'WEB03' }
            # Every LSA stand-in counts its calls; the count starts after Set has written the backup.
            Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { $script:lsaCalls++; if ($script:granted) { @('SeBatchLogonRight') } else { @() } }
            Mock -CommandName Add-IisLogonRightsAccountRight -MockWith { $script:lsaCalls++; $script:granted = $true }
            Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { $script:lsaCalls++; $script:granted = $false }
            # A real backup, written by Set (the check after it fails: the facts do not change).
            try { Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $script:backupRoot -Confirm:$false } catch { $_.FullyQualifiedErrorId | Should -BeLike 'IisLogonRightsNotInDesiredState*' }
            $script:folder = @(Get-ChildItem -LiteralPath $script:backupRoot -Directory)[0].FullName
            $script:lsaCalls = 0
        }

        It 'Should undo an untouched backup: one revoke of the identity''s own grant' {
            Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false
            Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It -ParameterFilter { $Sid -eq $script:reportsSid -and $Right -eq 'SeBatchLogonRight' }
        }

        It 'Should skip an undo whose change is no longer in place' {
            $script:granted = $false
            Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false -WarningVariable warnings 3>$null
            Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 0 -Scope It
            "$warnings" | Should -BeLike '*no longer in place*'
        }

        It 'Should refuse a plan.json changed after Set (<Name>) with IisLogonRightsBackupTampered, making no LSA call' -ForEach $Tamperings {
            $planPath = Join-Path $script:folder 'plan.json'
            Set-Content -LiteralPath $planPath -Value (Edit-Plan -Json ([System.IO.File]::ReadAllText($planPath)) -Change $Change -Rewrite $Rewrite) -Encoding Ascii
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsBackupTampered*'
            $script:lsaCalls | Should -Be 0
        }

        It 'Should refuse <Name> even with a manifest rewritten to match, with IisLogonRightsPlanRejected and no LSA call' -ForEach $Tamperings {
            $planPath = Join-Path $script:folder 'plan.json'
            Set-Content -LiteralPath $planPath -Value (Edit-Plan -Json ([System.IO.File]::ReadAllText($planPath)) -Change $Change -Rewrite $Rewrite) -Encoding Ascii
            Write-Manifest -Folder $script:folder
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsPlanRejected*'
            $script:lsaCalls | Should -Be 0
        }

        It 'Should refuse rights-before.json claiming the right was held before, with IisLogonRightsPlanRejected' {
            Set-Content -LiteralPath (Join-Path $script:folder 'rights-before.json') -Value ('{{"{0}": ["SeBatchLogonRight"]}}' -f $script:reportsSid) -Encoding Ascii
            Write-Manifest -Folder $script:folder
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsPlanRejected*'
            $script:lsaCalls | Should -Be 0
        }

        # No documented plan grants the built-in IUSR a right (its rule is enforced only under
        # conservative), so an undo entry for one could only take away someone else's grant.
        It 'Should refuse an undo of IUSR''s SeNetworkLogonRight under the documented rules, with IisLogonRightsPlanRejected and no LSA call' {
            $planPath = Join-Path $script:folder 'plan.json'
            $iusr = { param ($p) $p.actions = @($p.actions) + [pscustomobject] @{ action = 'grant'; right = 'SeNetworkLogonRight'; sid = 'S-1-5-17'; account = 'NT AUTHORITY\IUSR'; temporary = $false; fixes = @() }; $p.undo = @([pscustomobject] @{ action = 'revoke'; right = 'SeNetworkLogonRight'; sid = 'S-1-5-17'; account = 'NT AUTHORITY\IUSR'; temporary = $false }) + @($p.undo) }
            Set-Content -LiteralPath $planPath -Value (Edit-Plan -Json ([System.IO.File]::ReadAllText($planPath)) -Change $iusr) -Encoding Ascii
            Set-Content -LiteralPath (Join-Path $script:folder 'rights-before.json') -Value ('{{"{0}": [], "S-1-5-17": []}}' -f $script:reportsSid) -Encoding Ascii
            Write-Manifest -Folder $script:folder
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsPlanRejected*' -ExpectedMessage '*rule iis-builtin-iusr is not enforced under the documented rules*'
            $script:lsaCalls | Should -Be 0
        }

        It 'Should refuse a folder holding only a plan.json, with IisLogonRightsBackupIncomplete and no LSA call' {
            $bare = Join-Path $TestDrive ('bare-{0}' -f [System.Guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $bare
            Copy-Item -LiteralPath (Join-Path $script:folder 'plan.json') -Destination $bare
            { Undo-IisAnonymousLogonRight -BackupPath $bare -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsBackupIncomplete*'
            Remove-Item -LiteralPath (Join-Path $script:folder 'manifest.json')
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsBackupIncomplete*'
            $script:lsaCalls | Should -Be 0
        }

        It 'Should refuse a backup <Name>, with IisLogonRightsBackupUnprotected and no LSA call' -ForEach @(
            @{ Name = 'owned by an ordinary user'; Security = [pscustomobject] @{ Owner = 'S-1-5-21-1-2-3-1001'; Protected = $true; Rules = @([pscustomobject] @{ Sid = 'S-1-5-18'; Type = 'Allow'; Rights = 'FullControl'; Inherited = $true }) } }
            @{ Name = 'that Users may write to'; Security = [pscustomobject] @{ Owner = 'S-1-5-32-544'; Protected = $false; Rules = @([pscustomobject] @{ Sid = 'S-1-5-32-544'; Type = 'Allow'; Rights = 'FullControl'; Inherited = $true }, [pscustomobject] @{ Sid = 'S-1-5-32-545'; Type = 'Allow'; Rights = 'CreateFiles, AppendData'; Inherited = $true }) } }
        ) {
            Mock -CommandName Get-IisLogonRightsPathSecurity -MockWith { $Security }
            { Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false } | Should -Throw -ErrorId 'IisLogonRightsBackupUnprotected*'
            $script:lsaCalls | Should -Be 0
        }

        It 'Should accept a backup that SYSTEM and Administrators alone own and reach' {
            Mock -CommandName Get-IisLogonRightsPathSecurity -MockWith { [pscustomobject] @{ Owner = 'S-1-5-32-544'; Protected = $true; Rules = @([pscustomobject] @{ Sid = 'S-1-5-18'; Type = 'Allow'; Rights = 'FullControl'; Inherited = $false }, [pscustomobject] @{ Sid = 'S-1-5-32-544'; Type = 'Allow'; Rights = 'FullControl'; Inherited = $false }) } }
            Undo-IisAnonymousLogonRight -BackupPath $script:folder -Confirm:$false
            Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It
        }
    }
}

Describe 'Backup retention' {
    It 'Should keep the newest backups and leave other folders and folders with subfolders alone' {
        $root = Join-Path $TestDrive ('retention-{0}' -f [System.Guid]::NewGuid().ToString('N'))
        foreach ($name in '20240101T000000000Z-00000001', '20240102T000000000Z-00000002', '20240103T000000000Z-00000003', '20240104T000000000Z-00000004', 'keep-me')
        {
            $null = New-Item -ItemType Directory -Path (Join-Path $root $name)
            Set-Content -LiteralPath (Join-Path (Join-Path $root $name) 'plan.json') -Value '{}'
        }

        $null = New-Item -ItemType Directory -Path (Join-Path (Join-Path $root '20240101T000000000Z-00000001') 'nested')
        InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Root = $root } { param ($Root) Remove-IisLogonRightsOldBackup -Root $Root -Keep 2 -Confirm:$false -WarningAction SilentlyContinue }
        @(Get-ChildItem -LiteralPath $root -Directory | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('20240101T000000000Z-00000001', '20240103T000000000Z-00000003', '20240104T000000000Z-00000004', 'keep-me')
    }
}
