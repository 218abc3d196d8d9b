<#
    Pester 5 tests of the web.config collection with only the file access replaced
    (Read-IisLogonRightsWebConfigFile): which folders are read where anonymousAuthentication is
    unlocked, what each entry says, that secrets never leave the host, and that the engine turns
    the result into the real verdict.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:fixture = [System.IO.Path]::Combine($script:repositoryRoot, 'test', 'fixtures', 'logon', 'webconfig-anonymous-identity')
    $script:applicationHost = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:fixture, 'applicationHost.config'))
    $script:blogWebConfig = @'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="Blog" connectionString="Server=db;User Id=blog;Password=S3cret!" />
  </connectionStrings>
  <system.webServer>
    <security>
      <authentication>
        <anonymousAuthentication userName="WEB20\blog-anon" password="plain-text-secret" />
        <windowsAuthentication enabled="true" />
      </authentication>
    </security>
  </system.webServer>
  <location path="downloads">
    <system.webServer>
      <security>
        <authentication>
          <anonymousAuthentication enabled="false" />
        </authentication>
      </security>
    </system.webServer>
  </location>
</configuration>
'@
    $script:savedSystemDrive = $env:SystemDrive
    $env:SystemDrive = 'C:'
}

AfterAll {
    $env:SystemDrive = $script:savedSystemDrive
    Remove-TestedModule
}

Describe 'Get-IisLogonRightsWebConfigPath' {
    It 'Should list the site, application and virtual directory folders where the section is unlocked, and only there' {
        $paths = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            @(Get-IisLogonRightsWebConfigPath -ApplicationHostText $Text)
        }
        @($paths | ForEach-Object { '{0}|{1}|{2}' -f $_.Site, $_.Path, $_.Folder }) | Should -Be @('Blog|/|D:\sites\blog', 'Blog|/files|\\fs01\files', 'Blog|/api|%SystemDrive%\inetpub\blog-api')
    }

    It 'Should take every site when overrideModeDefault is Allow, map location paths to folders, and skip paths that leave the folder' {
        $paths = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            $text = @'
<configuration>
  <configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="Allow" /></sectionGroup></sectionGroup></sectionGroup></configSections>
  <system.applicationHost><sites>
    <site name="A"><application path="/"><virtualDirectory path="/" physicalPath="D:\a\" /></application></site>
    <site name="B"><application path="/"><virtualDirectory path="/" physicalPath="D:\b" /></application></site>
  </sites></system.applicationHost>
  <location path="A/docs/old"><system.webServer /></location>
  <location path="A/../../Windows"><system.webServer /></location>
</configuration>
'@
            @(Get-IisLogonRightsWebConfigPath -ApplicationHostText $text)
        }
        @($paths | ForEach-Object { '{0}|{1}|{2}' -f $_.Site, $_.Path, $_.Folder }) | Should -Be @('A|/|D:\a', 'A|/docs/old|D:\a\docs\old', 'B|/|D:\b')
    }

    It 'Should take every site when the declaration has no overrideModeDefault, which IIS reads as Allow, and keep paths locked again below' {
        $paths = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            $text = @'
<configuration>
  <configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" /></sectionGroup></sectionGroup></sectionGroup></configSections>
  <system.applicationHost><sites>
    <site name="A"><application path="/"><virtualDirectory path="/" physicalPath="D:\a" /></application><application path="/admin"><virtualDirectory path="/" physicalPath="D:\admin" /></application></site>
  </sites></system.applicationHost>
  <location path="A/admin" overrideMode="Deny"><system.webServer><security><authentication><anonymousAuthentication /></authentication></security></system.webServer></location>
</configuration>
'@
            @(Get-IisLogonRightsWebConfigPath -ApplicationHostText $text)
        }
        @($paths | ForEach-Object { '{0}|{1}|{2}' -f $_.Site, $_.Path, $_.Folder }) | Should -Be @('A|/|D:\a', 'A|/admin|D:\admin')
    }

    It 'Should return nothing when the section is locked everywhere or the text does not parse' {
        InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            @(Get-IisLogonRightsWebConfigPath -ApplicationHostText '<configuration><system.applicationHost><sites><site name="A"><application path="/"><virtualDirectory path="/" physicalPath="D:\a" /></application></site></sites></system.applicationHost></configuration>').Count | Should -Be 0
            @(Get-IisLogonRightsWebConfigPath -ApplicationHostText '<configuration>').Count | Should -Be 0
        }
    }
}

Describe 'Get-IisLogonRightsWebConfigDocument' {
    BeforeEach {
        # No plain subfolders here (WebConfigFolders.Tests.ps1 walks them).
        Mock -CommandName Get-IisLogonRightsSubfolderName -MockWith { @() }
        Mock -CommandName Read-IisLogonRightsWebConfigFile -MockWith {
            switch ($Path)
            {
                'D:\sites\blog\web.config' { $script:blogWebConfig }
                'C:\inetpub\blog-api\web.config' { $null }
                default { throw ('Access to the path ''{0}'' is denied.' -f $Path) }
            }
        }
    }

    It 'Should read each folder once, expand environment variables, and record absent and unreadable files with the reason' {
        $document = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text -WarningAction SilentlyContinue
        }
        $entries = @($document['webConfigs'])
        @($entries | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_['site'], $_['path'], $_['physicalPath'], $_['state'] }) | Should -Be @('Blog|/|D:\sites\blog\web.config|read', 'Blog|/files|\\fs01\files\web.config|unreadable', 'Blog|/api|C:\inetpub\blog-api\web.config|absent')
        $entries[1]['reason'] | Should -Be 'Access to the path ''\\fs01\files\web.config'' is denied.'
        $entries[2].Contains('text') | Should -BeFalse
        Should -Invoke -CommandName Read-IisLogonRightsWebConfigFile -Exactly -Times 3 -Scope It
    }

    It 'Should keep only the anonymousAuthentication settings, with the password value redacted' {
        $document = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text -WarningAction SilentlyContinue
        }
        $text = @($document['webConfigs'])[0]['text']
        $text | Should -Not -Match 'S3cret|plain-text-secret|connectionString|windowsAuthentication'
        $text | Should -Match '<anonymousAuthentication userName="WEB20\\blog-anon" password="\[redacted\]" />'
        $text | Should -Match '<location path="downloads">'
        $text | Should -Match '<anonymousAuthentication enabled="false" />'
    }

    It 'Should keep each setting on the line it has in the web.config, also when the file is one line' {
        $excerpt = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:blogWebConfig } -ScriptBlock {
            param ($Text)
            ConvertTo-IisLogonRightsWebConfigExcerpt -Text $Text
        }
        $lines = $excerpt.Split([System.Char] 10)
        $lines[8] | Should -Match '<anonymousAuthentication userName="WEB20\\blog-anon" password="\[redacted\]" />'
        $lines[13] | Should -Be '<location path="downloads">'
        $lines[17] | Should -Match '<anonymousAuthentication enabled="false" />.*</location></configuration>$'
        @($lines | Where-Object { $_ -match 'anonymousAuthentication' }).Count | Should -Be 2
        $oneLine = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            ConvertTo-IisLogonRightsWebConfigExcerpt -Text '<configuration><location path="a" overrideMode="Deny"><system.webServer><security><authentication><anonymousAuthentication userName="x" /></authentication></security></system.webServer></location></configuration>'
        }
        $oneLine | Should -Be ('<?xml version="1.0" encoding="utf-8"?><configuration><location path="a" overrideMode="Deny"><system.webServer><security><authentication><anonymousAuthentication userName="x" /></authentication></security></system.webServer></location></configuration>' + [System.Char] 10)
    }

    It 'Should keep the locks a web.config writes for the files below it, and nothing else of its lock attributes' {
        $excerpt = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            ConvertTo-IisLogonRightsWebConfigExcerpt -Text '<configuration><location path="." allowOverride="false"><system.webServer><security><authentication><anonymousAuthentication userName="x" lockAttributes="userName" lockAllAttributesExcept="enabled" lockItem="true" lockElements="none" /></authentication></security></system.webServer></location></configuration>'
        }
        $excerpt | Should -Match '<location path="\." allowOverride="false"><system\.webServer><security><authentication><anonymousAuthentication userName="x" lockAttributes="userName" lockAllAttributesExcept="enabled" lockItem="true" /></authentication>'
        $excerpt | Should -Not -Match 'lockElements'
    }

    It 'Should record a web.config that is not well-formed as unreadable, saying IIS answers 500.19' {
        Mock -CommandName Read-IisLogonRightsWebConfigFile -MockWith { '<configuration><system.webServer>' }
        $document = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 3
        }
        $entry = @(@($document)[0]['webConfigs'])[0]
        $entry['state'] | Should -Be 'unreadable'
        $entry['reason'] | Should -Match '^not well-formed XML, so IIS answers HTTP 500\.19 for this path: '
    }
}

Describe 'Get-IisLogonRightsFactSet with unlocked anonymousAuthentication' {
    BeforeEach {
        # No plain subfolders here (WebConfigFolders.Tests.ps1 walks them).
        Mock -CommandName Get-IisLogonRightsSubfolderName -MockWith { @() }
        Mock -CommandName Read-IisLogonRightsWebConfigFile -MockWith {
            switch ($Path)
            {
                'D:\sites\blog\web.config' { $script:blogWebConfig }
                'D:\sites\shop\web.config' { throw 'Shop is locked: it must never be read' }
                'C:\inetpub\blog-api\web.config' { $null }
                default { throw ('Access to the path ''{0}'' is denied.' -f $Path) }
            }
        }
        Mock -CommandName Export-IisLogonRightsUserRightsPolicy -MockWith { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:fixture, 'secedit.inf')) }
        Mock -CommandName Get-IisLogonRightsIisConfiguration -MockWith {
            [pscustomobject] @{ FileName = 'applicationHost.config'; Path = 'C:\Windows\System32\inetsrv\config\applicationHost.config'; Text = $script:applicationHost }
        }
        Mock -CommandName Get-IisLogonRightsHostFact -MockWith { [ordered] @{ computerName = 'WEB20'; domain = 'CONTOSO'; domainJoined = $true; osVersion = '10.0.20348'; iisVersion = '10.0' } }
        Mock -CommandName Get-IisLogonRightsLocalGroupMember -MockWith { @{ 'S-1-5-32-545' = @('S-1-5-11', 'S-1-5-4') } }
        Mock -CommandName Get-IisLogonRightsDomainGroup -MockWith { @('S-1-5-21-2060260628-1893702904-3285376245-513') }
        Mock -CommandName Resolve-IisLogonRightsSidName -MockWith {
            switch ($Sid)
            {
                'S-1-5-113' { 'NT AUTHORITY\Local account' }
                'S-1-5-32-545' { 'BUILTIN\Users' }
                default { $null }
            }
        }
        Mock -CommandName Resolve-IisLogonRightsAccountSid -MockWith {
            switch ($Name)
            {
                'WEB20\blog-anon' { [pscustomobject] @{ Sid = 'S-1-5-21-3623811015-3361044348-30300820-1013'; CanonicalName = 'WEB20\blog-anon' } }
                'CONTOSO\svc-blog' { [pscustomobject] @{ Sid = 'S-1-5-21-2060260628-1893702904-3285376245-1751'; CanonicalName = 'CONTOSO\svc-blog' } }
                'CONTOSO\svc-shop' { [pscustomobject] @{ Sid = 'S-1-5-21-2060260628-1893702904-3285376245-1752'; CanonicalName = 'CONTOSO\svc-shop' } }
                'IIS APPPOOL\DefaultAppPool' { [pscustomobject] @{ Sid = 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415'; CanonicalName = 'IIS APPPOOL\DefaultAppPool' } }
                default { throw 'Some or all identity references could not be translated.' }
            }
        }
    }

    It 'Should collect webconfigs.json, resolve the web.config account, and let the engine find the local account denied' {
        $json = InModuleScope -ModuleName 'IisLogonRightsDsc' -ScriptBlock {
            $facts = Get-IisLogonRightsFactSet -GroupPolicySource 'None' -WarningAction SilentlyContinue
            @($facts.Files.Keys) | Should -Be @('secedit.inf', 'applicationHost.config', 'webconfigs.json', 'accounts.json', 'host.json')
            @($facts.Files['accounts.json'].accounts | ForEach-Object { $_.name }) | Should -Contain 'WEB20\blog-anon'
            New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
        }
        $result = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Json = $json } -ScriptBlock {
            param ($Json)
            Invoke-IisLogonRightsJudgement -Command 'test' -Scope 'Blog' -RuleSet 'documented' -FactsJson $Json
        }
        $root = @($result.findings)[0]
        $root.path | Should -Be '/'
        $root.identity.name | Should -Be 'WEB20\blog-anon'
        # Line 9 of the web.config itself, not of the excerpt the snapshot holds.
        $root.identity.definedAt | Should -Match '^web\.config "D:\\sites\\blog\\web\.config" \(site "Blog" path /\) \(line 9\)$'
        $root.status | Should -Be 'denied'
        $result.inDesiredState | Should -BeFalse
        Should -Invoke -CommandName Read-IisLogonRightsWebConfigFile -ParameterFilter { $Path -like '*shop*' } -Exactly -Times 0 -Scope It
    }
}

Describe 'Read-IisLogonRightsWebConfigFile' {
    It 'Should return the text, $null for a missing file, and throw for a folder that does not exist' {
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), [System.Guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
        try
        {
            $file = [System.IO.Path]::Combine($folder, 'web.config')
            InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ File = $file; Folder = $folder } -ScriptBlock {
                param ($File, $Folder)
                Read-IisLogonRightsWebConfigFile -Path $File | Should -BeNullOrEmpty
                [System.IO.File]::WriteAllText($File, '<configuration />')
                Read-IisLogonRightsWebConfigFile -Path $File | Should -Be '<configuration />'
                { Read-IisLogonRightsWebConfigFile -Path ([System.IO.Path]::Combine($Folder, 'missing', 'web.config')) } | Should -Throw '*does not exist or cannot be reached*'
            }
        }
        finally
        {
            [System.IO.Directory]::Delete($folder, $true)
        }
    }
}
