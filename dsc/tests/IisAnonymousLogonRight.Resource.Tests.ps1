<#
    Pester 5 tests of the class-based resource: Get(), Test() and Set() only delegate to the
    public commands (mocked here), with the resource's properties as parameters.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
}

AfterAll {
    Remove-TestedModule
}

Describe 'IisAnonymousLogonRight' {
    BeforeEach {
        Mock -CommandName Get-IisAnonymousLogonRight -MockWith {
            [pscustomobject] @{
                PSTypeName     = 'IisLogonRightsDsc.State'
                Scope          = $Scope[0]
                RuleSet        = $RuleSet
                InDesiredState = $false
                Findings       = @([pscustomobject] @{ Site = 'Reports'; Path = '/'; Account = 'CONTOSO\svc-reports'; Sid = 'S-1-5-21-1-2-3-1604'; Right = 'SeBatchLogonRight'; Status = 'missing' })
                Reasons        = @([pscustomobject] @{ Code = 'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing'; Phrase = 'lacks Log on as a batch job' })
            }
        }
        Mock -CommandName Test-IisAnonymousLogonRight -MockWith { $false }
        Mock -CommandName Set-IisAnonymousLogonRight -MockWith { }
    }

    It 'Get() should return the state with Reasons for Machine Configuration' {
        InModuleScope -ScriptBlock {
            $resource = [IisAnonymousLogonRight]::new()
            $resource.Scope = 'Reports'
            $resource.RuleSet = 'conservative'
            $current = $resource.Get()
            $current.InDesiredState | Should -BeFalse
            $current.Reasons[0].Code | Should -Be 'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing'
            $current.Findings[0].Status | Should -Be 'missing'
            $current.RuleSet | Should -Be 'conservative'
        }
        Should -Invoke -CommandName Get-IisAnonymousLogonRight -Exactly -Times 1 -Scope It -ParameterFilter { $Scope -eq 'Reports' -and $RuleSet -eq 'conservative' }
    }

    It 'Test() should return what Test-IisAnonymousLogonRight says' {
        InModuleScope -ScriptBlock {
            $resource = [IisAnonymousLogonRight]::new()
            $resource.Scope = '*'
            $resource.Test() | Should -BeFalse
        }
        Should -Invoke -CommandName Test-IisAnonymousLogonRight -Exactly -Times 1 -Scope It -ParameterFilter { $Scope -eq '*' -and $RuleSet -eq 'documented' }
    }

    It 'Set() should call Set-IisAnonymousLogonRight without prompting, passing AllowTemporaryFix' {
        InModuleScope -ScriptBlock {
            $resource = [IisAnonymousLogonRight]::new()
            $resource.Scope = 'Default Web Site'
            $resource.AllowTemporaryFix = $true
            $resource.Set()
        }
        Should -Invoke -CommandName Set-IisAnonymousLogonRight -Exactly -Times 1 -Scope It -ParameterFilter { $Scope -eq 'Default Web Site' -and $AllowTemporaryFix -and $Confirm -eq $false }
    }
}
