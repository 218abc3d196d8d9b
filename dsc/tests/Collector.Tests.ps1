<#
    Pester 5 tests of the collector with the Windows calls mocked at the module's boundary
    functions (secedit, IIS files, WMI, account lookups): what Get-IisLogonRightsFactSet
    gathers, what it does when a source fails, and that the engine accepts the result.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:example = [System.IO.Path]::Combine($script:repositoryRoot, 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch')
}

AfterAll {
    Remove-TestedModule
}

Describe 'Get-IisLogonRightsFactSet' {
    BeforeEach {
        Mock -CommandName Export-IisLogonRightsUserRightsPolicy -MockWith { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:example, 'secedit.inf')) }
        Mock -CommandName Get-IisLogonRightsIisConfiguration -MockWith {
            [pscustomobject] @{ FileName = 'applicationHost.config'; Path = 'C:\Windows\System32\inetsrv\config\applicationHost.config'; Text = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:example, 'applicationHost.config')) }
        }
        Mock -CommandName Get-IisLogonRightsCimInstance -ParameterFilter { $ClassName -eq 'RSOP_UserPrivilegeRight' } -MockWith {
            [pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544', '*S-1-5-11'); precedence = 1; GPOID = 'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com' }
        }
        Mock -CommandName Get-IisLogonRightsCimInstance -ParameterFilter { $ClassName -eq 'RSOP_GPO' } -MockWith {
            [pscustomobject] @{ id = 'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com'; name = 'CONTOSO Servers - User Rights' }
        }
        Mock -CommandName Export-IisLogonRightsGroupPolicyResult -MockWith { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:example, 'gpresult.xml')) }
        Mock -CommandName Get-IisLogonRightsHostFact -MockWith { [ordered] @{ computerName = 'WEB03'; domain = 'CONTOSO'; domainJoined = $true; osVersion = '10.0.20348'; iisVersion = '10.0' } }
        Mock -CommandName Get-IisLogonRightsLocalGroupMember -MockWith { @{ 'S-1-5-32-545' = @('S-1-5-11', 'S-1-5-4'); 'S-1-5-32-568' = @('S-1-5-17') } }
        Mock -CommandName Get-IisLogonRightsDomainGroup -MockWith { @('S-1-5-21-2060260628-1893702904-3285376245-513') }
        Mock -CommandName Resolve-IisLogonRightsSidName -MockWith {
            switch ($Sid)
            {
                'S-1-5-113' { 'NT AUTHORITY\Local account' }
                'S-1-5-32-545' { 'BUILTIN\Users' }
                'S-1-5-32-568' { 'BUILTIN\IIS_IUSRS' }
                default { $null }
            }
        }
        Mock -CommandName Resolve-IisLogonRightsAccountSid -MockWith {
            switch ($Name)
            {
                'CONTOSO\svc-reports' { [pscustomobject] @{ Sid = 'S-1-5-21-2060260628-1893702904-3285376245-1604'; CanonicalName = 'CONTOSO\svc-reports' } }
                'IUSR' { [pscustomobject] @{ Sid = 'S-1-5-17'; CanonicalName = 'NT AUTHORITY\IUSR' } }
                'Guest' { [pscustomobject] @{ Sid = 'S-1-5-21-496250926-734067688-4248505504-501'; CanonicalName = 'WEB03\Guest' } }
                default { throw 'Some or all identity references could not be translated.' }
            }
        }
    }

    Context 'When every source answers' {
        It 'Should gather every file, resolve the names the engine lists and list the others as unresolved' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet }
            $facts.Name | Should -Be 'WEB03'
            @($facts.Files.Keys) | Should -Be @('secedit.inf', 'applicationHost.config', 'rsop.json', 'accounts.json', 'host.json')
            @($facts.Files['rsop.json'])[0].gpoName | Should -Be 'CONTOSO Servers - User Rights'
            @($facts.Files['accounts.json'].accounts | ForEach-Object { $_.name }) | Should -Be @('NT AUTHORITY\IUSR', 'CONTOSO\svc-reports', 'WEB03\Guest', 'BUILTIN\Users', 'BUILTIN\IIS_IUSRS')
            @($facts.Files['accounts.json'].unresolved | ForEach-Object { $_.name }) | Should -Be @('IIS APPPOOL\DefaultAppPool', 'IIS APPPOOL\Docs')
            Should -Invoke -CommandName Get-IisLogonRightsDomainGroup -Exactly -Times 1 -Scope It
            Should -Invoke -CommandName Export-IisLogonRightsGroupPolicyResult -Exactly -Times 0 -Scope It
        }

        It 'Should produce facts the engine judges' {
            $json = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
                $facts = Get-IisLogonRightsFactSet
                New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
            }
            $result = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Json = $json } -ScriptBlock {
                param ($Json)
                Invoke-IisLogonRightsJudgement -Command 'test' -Scope 'Reports' -RuleSet 'documented' -FactsJson $Json
            }
            $result.inDesiredState | Should -BeFalse
            @($result.findings)[0].status | Should -Be 'missing'
        }
    }

    Context 'When the engine needs facts beyond the accounts themselves' {
        It 'Should record whether the Local account SIDs exist on this host' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet }
            $facts.Files['host.json']['localAccountSids'] | Should -BeTrue
            Should -Invoke -CommandName Resolve-IisLogonRightsSidName -ParameterFilter { $Sid -eq 'S-1-5-113' } -Exactly -Times 1 -Scope It

            Mock -CommandName Resolve-IisLogonRightsSidName -MockWith { $null }
            $unpatched = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet }
            $unpatched.Files['host.json']['localAccountSids'] | Should -BeFalse
        }

        It 'Should leave localAccountSids out, with a warning, when the lookup fails' {
            Mock -CommandName Resolve-IisLogonRightsSidName -MockWith { throw 'RPC server unavailable' }
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -WarningVariable warnings -WarningAction SilentlyContinue; $warnings }
            @($facts)[0].Files['host.json'].Contains('localAccountSids') | Should -BeFalse
            @($facts)[1] | Should -Match 'S-1-5-113'
        }

        It 'Should list the local groups with their members, under the names this host gives them' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet }
            $users = @($facts.Files['accounts.json'].accounts | Where-Object { $_.sid -eq 'S-1-5-32-545' })[0]
            $users.name | Should -Be 'BUILTIN\Users'
            $users.kind | Should -Be 'builtin'
            @($users.members) | Should -Be @('S-1-5-11', 'S-1-5-4')
            $users.Contains('groups') | Should -BeFalse
        }
    }

    Context 'When RSoP WMI cannot be read' {
        BeforeEach {
            Mock -CommandName Get-IisLogonRightsCimInstance -ParameterFilter { $Namespace -eq 'root\rsop\computer' } -MockWith { throw 'Access denied' }
        }

        It 'Should fall back to gpresult only when asked to' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -GroupPolicySource 'RsopThenGpresult' -WarningAction SilentlyContinue }
            $facts.Files.Contains('gpresult.xml') | Should -BeTrue
            $facts.Files.Contains('rsop.json') | Should -BeFalse
            Should -Invoke -CommandName Export-IisLogonRightsGroupPolicyResult -Exactly -Times 1 -Scope It
        }

        It 'Should warn and leave the Group Policy facts out otherwise' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -WarningAction SilentlyContinue }
            $facts.Files.Contains('rsop.json') | Should -BeFalse
            $facts.Files.Contains('gpresult.xml') | Should -BeFalse
            Should -Invoke -CommandName Export-IisLogonRightsGroupPolicyResult -Exactly -Times 0 -Scope It
        }
    }

    Context 'When the engine refuses the IIS configuration' {
        It 'Should warn with the engine''s words, naming the file, and resolve no names' {
            Mock -CommandName Get-IisLogonRightsIisConfiguration -MockWith {
                $text = '<configuration><system.applicationHost><applicationPools><add name="P"><processModel identityType="Bogus" /></add></applicationPools><sites /></system.applicationHost></configuration>'
                [pscustomobject] @{ FileName = 'applicationHost.config'; Path = 'C:\Windows\System32\inetsrv\config\applicationHost.config'; Text = $text }
            }
            $facts = InModuleScope -ScriptBlock { Get-IisLogonRightsFactSet -WarningVariable warnings -WarningAction SilentlyContinue; $warnings }
            @(@($facts)[0].Files['accounts.json'].accounts | Where-Object { $_.Contains('groups') }).Count | Should -Be 0
            @($facts)[0].Files['accounts.json'].unresolved.Count | Should -Be 0
            @(@($facts)[1..(@($facts).Count - 1)] | Where-Object { "$_" -like '*account names to resolve could not be listed*applicationHost.config*Bogus*' }).Count | Should -Be 1
            Should -Invoke -CommandName Resolve-IisLogonRightsAccountSid -Exactly -Times 0 -Scope It
        }
    }

    Context 'When the domain cannot be reached' {
        BeforeEach {
            Mock -CommandName Get-IisLogonRightsDomainGroup -MockWith { throw 'The server is not operational.' }
        }

        It 'Should keep the local groups and record in accounts.json why the rest is missing' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -WarningAction SilentlyContinue }
            $reports = @($facts.Files['accounts.json'].accounts | Where-Object { $_.name -eq 'CONTOSO\svc-reports' })[0]
            @($reports.groups) | Should -Be @('S-1-5-32-545')
            $reports['groupsIncomplete'] | Should -Be 'The server is not operational.'
        }

        It 'Should warn, naming the account and the reason' {
            $null = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -WarningVariable warnings -WarningAction SilentlyContinue; $script:collectorWarnings = $warnings }
            $warnings = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { $script:collectorWarnings }
            @($warnings | Where-Object { "$_" -match 'CONTOSO\\svc-reports' -and "$_" -match 'The server is not operational' }).Count | Should -BeGreaterThan 0
        }
    }

    Context 'When the domain answers' {
        It 'Should list no groupsIncomplete' {
            $facts = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsFactSet -WarningAction SilentlyContinue }
            $reports = @($facts.Files['accounts.json'].accounts | Where-Object { $_.name -eq 'CONTOSO\svc-reports' })[0]
            $reports.Contains('groupsIncomplete') | Should -BeFalse
        }
    }
}

Describe 'Get-IisLogonRightsDomainGroup' {
    It 'Should throw, never return a smaller list, when no domain answers for the SID' {
        if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT)
        {
            Set-ItResult -Skipped -Because 'Windows only: binds to the account in its domain through ADSI (System.DirectoryServices)'
        }

        # An account of a domain that does not exist: the bind fails on a workgroup runner and
        # in a real domain alike.
        { InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsDomainGroup -Sid 'S-1-5-21-1-2-3-1105' } } | Should -Throw
    }
}

Describe 'Export-IisLogonRightsUserRightsPolicy' {
    It 'Should remove its temp files when secedit fails' {
        Mock -CommandName Invoke-IisLogonRightsNativeCommand -MockWith { [pscustomobject] @{ ExitCode = 1; Output = 'Access is denied.' } }
        { InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Export-IisLogonRightsUserRightsPolicy } } | Should -Throw -ErrorId 'IisLogonRightsSeceditFailed*'
        Should -Invoke -CommandName Invoke-IisLogonRightsNativeCommand -Exactly -Times 1 -Scope It -ParameterFilter { $ArgumentList -contains '/export' -and $ArgumentList -contains 'USER_RIGHTS' }
        @(Get-ChildItem -Path ([System.IO.Path]::GetTempPath()) -Filter 'iis-logon-rights-*.inf' -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -gt (Get-Date).AddMinutes(-1) }).Count | Should -Be 0
    }
}

Describe 'Get-IisLogonRightsIisConfiguration' {
    It 'Should never return a password value' {
        if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT)
        {
            Set-ItResult -Skipped -Because 'Windows only: reads the IIS configuration of the machine it runs on'
        }

        $configuration = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock { Get-IisLogonRightsIisConfiguration }
        $configuration.Text | Should -Not -Match 'password="\[enc:'
    }
}
