<#
    Pester 5 tests of the walk through plain folders below the collected web.config paths, with
    only the file system replaced (Get-IisLogonRightsSubfolderName, Read-IisLogonRightsWebConfigFile).
    IIS reads a web.config in any folder below a virtual directory unless the directory says
    allowSubDirConfig="false" (IIS support blog, "How to prevent web.config files to be
    overwritten by config files in application subfolders"); the walk is bounded in depth and in
    folders so a huge content tree cannot stall a Test.
#>
BeforeAll {
    Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, '..', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')) -Force
    $PSDefaultParameterValues['Mock:ModuleName'] = 'IisLogonRightsDsc'
    $PSDefaultParameterValues['Should:ModuleName'] = 'IisLogonRightsDsc'
    $script:applicationHost = @'
<configuration>
  <configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="Allow" /></sectionGroup></sectionGroup></sectionGroup></configSections>
  <system.applicationHost><sites>
    <site name="Blog">
      <application path="/"><virtualDirectory path="/" physicalPath="D:\blog" /><virtualDirectory path="/files" physicalPath="\\fs01\files" /></application>
      <application path="/api"><virtualDirectory path="/" physicalPath="D:\api" allowSubDirConfig="false" /></application>
    </site>
  </sites></system.applicationHost>
  <location path="Blog/api/v1"><system.webServer /></location>
</configuration>
'@
    $script:legacyWebConfig = '<configuration><system.webServer><security><authentication><anonymousAuthentication userName="WEB22\legacy-anon" /></authentication></security></system.webServer></configuration>'
}

AfterAll {
    $PSDefaultParameterValues.Remove('Mock:ModuleName')
    $PSDefaultParameterValues.Remove('Should:ModuleName')
    Remove-Module -Name 'IisLogonRightsDsc' -Force -ErrorAction SilentlyContinue
}

Describe 'Get-IisLogonRightsWebConfigDocument: plain folders' {
    BeforeEach {
        Mock -CommandName Get-IisLogonRightsSubfolderName -MockWith {
            switch ($Path)
            {
                'D:\blog' { @('legacy', 'files', 'docs', '..') }
                'D:\blog\docs' { @('old') }
                'D:\blog\docs\old' { @('deeper') }
                '\\fs01\files' { throw 'The network path was not found.' }
                default { @() }
            }
        }
        Mock -CommandName Read-IisLogonRightsWebConfigFile -MockWith {
            switch ($Path)
            {
                'D:\blog\legacy\web.config' { $script:legacyWebConfig }
                default { $null }
            }
        }
    }

    It 'Should add an entry for each plain folder that holds a web.config, and say how far each walk went' {
        $document = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text
        }
        @($document['webConfigs'] | ForEach-Object { '{0}|{1}|{2}' -f $_['path'], $_['physicalPath'], $_['state'] }) | Should -Be @(
            '/|D:\blog\web.config|absent',
            '/legacy|D:\blog\legacy\web.config|read',
            '/files|\\fs01\files\web.config|absent',
            '/api|D:\api\web.config|absent'
        )
        @($document['webConfigs'])[1]['text'] | Should -Match 'userName="WEB22\\legacy-anon"'
        @($document['folderWalks'] | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_['path'], $_['depth'], $_['complete'], $_['reason'] }) | Should -Be @(
            '/|8|True|',
            '/files|8|False|the folder \\fs01\files could not be listed: The network path was not found.',
            '/api|64|True|'
        )
        # /files is walked from its own folder, not as D:\blog\files; /api/v1 is below allowSubDirConfig="false".
        Should -Invoke -CommandName Get-IisLogonRightsSubfolderName -ParameterFilter { $Path -eq 'D:\blog\files' -or $Path -like 'D:\api*' } -Exactly -Times 0 -Scope It
        Should -Invoke -CommandName Read-IisLogonRightsWebConfigFile -ParameterFilter { $Path -like 'D:\api\v1*' -or $Path -like '*..*' } -Exactly -Times 0 -Scope It
        Should -Invoke -CommandName Get-IisLogonRightsSubfolderName -ParameterFilter { $Path -eq 'D:\blog\docs\old\deeper' } -Exactly -Times 1 -Scope It
    }

    It 'Should stop at the depth limit and at the folder limit, and say which' {
        $shallow = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text -MaxFolderDepth 1
        }
        @($shallow['folderWalks'])[0]['depth'] | Should -Be 1
        @($shallow['folderWalks'])[0]['complete'] | Should -BeTrue
        Should -Invoke -CommandName Get-IisLogonRightsSubfolderName -ParameterFilter { $Path -eq 'D:\blog\docs' } -Exactly -Times 0 -Scope It

        $small = InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Text = $script:applicationHost } -ScriptBlock {
            param ($Text)
            Get-IisLogonRightsWebConfigDocument -ApplicationHostText $Text -MaxFolderCount 1
        }
        $walk = @($small['folderWalks'])[0]
        $walk['complete'] | Should -BeFalse
        $walk['reason'] | Should -Be 'the collector lists at most 1 folders per host, and that many were listed before this one'
    }
}

Describe 'Get-IisLogonRightsSubfolderName' {
    It 'Should return the names of the folders inside a folder, and throw for one that does not exist' {
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), [System.Guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($folder, 'docs'))
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'web.config'), '<configuration />')
        try
        {
            InModuleScope -ModuleName 'IisLogonRightsDsc' -Parameters @{ Folder = $folder } -ScriptBlock {
                param ($Folder)
                @(Get-IisLogonRightsSubfolderName -Path $Folder) | Should -Be @('docs')
                { Get-IisLogonRightsSubfolderName -Path ([System.IO.Path]::Combine($Folder, 'missing')) } | Should -Throw
            }
        }
        finally
        {
            [System.IO.Directory]::Delete($folder, $true)
        }
    }
}
