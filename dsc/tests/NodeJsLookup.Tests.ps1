<#
    Pester 5 tests of where the module looks for node (Find-IisLogonRightsNodeJs): the session
    setting, the process environment, the machine environment (read from the registry, mocked
    here), PATH and the installer's folder, in that order; an explicit path that does not exist
    is an error naming where it came from.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule

    $script:savedNode = $env:IIS_LOGON_RIGHTS_NODE
    $script:savedPath = $env:PATH
    $script:savedProgramFiles = $env:ProgramFiles
    $script:fromSetting = Join-Path -Path $TestDrive -ChildPath 'setting-node'
    $script:fromProcess = Join-Path -Path $TestDrive -ChildPath 'process-node'
    $script:fromMachine = Join-Path -Path $TestDrive -ChildPath 'machine-node'
    foreach ($file in $script:fromSetting, $script:fromProcess, $script:fromMachine)
    {
        Set-Content -LiteralPath $file -Value '' -Encoding Ascii
    }
}

AfterAll {
    $env:IIS_LOGON_RIGHTS_NODE = $script:savedNode
    $env:PATH = $script:savedPath
    $env:ProgramFiles = $script:savedProgramFiles
    Remove-TestedModule
}

Describe 'Find-IisLogonRightsNodeJs' {
    BeforeEach {
        $env:IIS_LOGON_RIGHTS_NODE = $null
        $env:PATH = $script:savedPath
        $env:ProgramFiles = $script:savedProgramFiles
        InModuleScope -ScriptBlock { $script:IisLogonRightsNodeJsPath = $null }
        Mock -CommandName Get-IisLogonRightsMachineEnvironmentVariable -MockWith { $null }
    }

    Context 'When only the machine-scope variable is set (a host started before it was set)' {
        It 'Should use it, read for IIS_LOGON_RIGHTS_NODE' {
            Mock -CommandName Get-IisLogonRightsMachineEnvironmentVariable -ParameterFilter { $Name -eq 'IIS_LOGON_RIGHTS_NODE' } -MockWith { $script:fromMachine }
            InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } | Should -Be $script:fromMachine
        }

        It 'Should fail naming the machine variable when its file does not exist, instead of trying PATH' {
            $missing = Join-Path -Path $TestDrive -ChildPath 'no-such-node'
            Mock -CommandName Get-IisLogonRightsMachineEnvironmentVariable -MockWith { $missing }
            { InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } } | Should -Throw -ErrorId 'IisLogonRightsNodeJsNotFound*' -ExpectedMessage '*by the machine environment variable IIS_LOGON_RIGHTS_NODE*'
        }
    }

    Context 'When several places are set' {
        It 'Should prefer the process variable to the machine variable' {
            Mock -CommandName Get-IisLogonRightsMachineEnvironmentVariable -MockWith { $script:fromMachine }
            $env:IIS_LOGON_RIGHTS_NODE = $script:fromProcess
            InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } | Should -Be $script:fromProcess
        }

        It 'Should prefer the session setting to both variables' {
            Mock -CommandName Get-IisLogonRightsMachineEnvironmentVariable -MockWith { $script:fromMachine }
            $env:IIS_LOGON_RIGHTS_NODE = $script:fromProcess
            InModuleScope -Parameters @{ Path = $script:fromSetting } -ScriptBlock { param ($Path) $script:IisLogonRightsNodeJsPath = $Path }
            InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } | Should -Be $script:fromSetting
        }
    }

    Context 'When nothing is set and node is nowhere' {
        It 'Should say it tried the process and the machine variables' {
            $env:PATH = ''
            $env:ProgramFiles = ''
            { InModuleScope -ScriptBlock { Find-IisLogonRightsNodeJs } } | Should -Throw -ErrorId 'IisLogonRightsNodeJsNotFound*' -ExpectedMessage '*IIS_LOGON_RIGHTS_NODE (not set in the process or the machine)*'
            Should -Invoke -CommandName Get-IisLogonRightsMachineEnvironmentVariable -Exactly -Times 1 -Scope It
        }
    }
}
