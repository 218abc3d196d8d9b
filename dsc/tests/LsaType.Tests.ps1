<#
    Pester 5 tests of the LSA P/Invoke type's decision logic, compiled here as the module compiles
    it on Windows (the LSA calls themselves need Windows): its name carries the module version,
    and a status is success by NT_SUCCESS (high bit clear), not by being zero.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
    $script:module = Get-Module -Name 'IisLogonRightsDsc'
}

AfterAll {
    Remove-TestedModule
}

Describe 'The LSA P/Invoke type' {
    It 'Should be named after the module version, so a long-lived host never reuses an older module''s type' {
        InModuleScope -ScriptBlock { Get-IisLogonRightsLsaTypeName -Version '0.1.0' } | Should -Be 'IisLogonRightsDsc.V0_1_0.Lsa'
        InModuleScope -ScriptBlock { Get-IisLogonRightsLsaTypeName -Version '1.10.2' } | Should -Be 'IisLogonRightsDsc.V1_10_2.Lsa'
        $type = InModuleScope -ScriptBlock { Initialize-IisLogonRightsLsaType }
        $type.FullName | Should -Be ('IisLogonRightsDsc.V{0}.Lsa' -f ($script:module.Version.ToString() -replace '\.', '_'))
        InModuleScope -ScriptBlock { Initialize-IisLogonRightsLsaType } | Should -Be $type -Because 'compiled once per process'
    }

    It 'Should treat NTSTATUS 0x<Status> as success: <Success> (NT_SUCCESS)' -ForEach @(
        @{ Status = '00000000'; Success = $true },
        @{ Status = '00000107'; Success = $true },
        @{ Status = '40000000'; Success = $true },
        @{ Status = '80000005'; Success = $false },
        @{ Status = 'C0000034'; Success = $false },
        @{ Status = 'C0000022'; Success = $false }
    ) {
        $type = InModuleScope -ScriptBlock { Initialize-IisLogonRightsLsaType }
        $type::IsSuccess([System.UInt32]::Parse($Status, [System.Globalization.NumberStyles]::HexNumber)) | Should -Be $Success
    }
}
