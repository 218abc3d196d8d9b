<#
    Issue 13, item 4: names are data. An account name with CR, LF, bidi and C1 characters, and a
    backup path with ESC, go through Set and Undo; no warning, verbose line, information
    message or error may carry a raw control or bidi character, and the name must still be shown
    (escaped), so the test cannot pass by dropping it. The LSA calls are stand-ins.
#>
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'TestModule.ps1'))
    $script:repositoryRoot = Import-TestedModule
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Helpers', 'SnapshotFacts.ps1'))
    $script:example = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples', 'snapshots', 'iis10-specificuser-pool-missing-batch'))

    # What must never be shown raw: C0 and C1 controls, DEL, and the bidi and separator characters.
    $script:raw = '[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]'
    $script:payload = "`r`nFORGED" + [char] 0x202E + [char] 0x85

    # The example with the pool's SpecificUser renamed: XML carries CR, LF, bidi and C1 as references.
    function script:Read-HostileFacts
    {
        $facts = Read-SnapshotFacts -Folder $script:example -Name 'WEB03'
        $facts.Files['applicationHost.config'] = $facts.Files['applicationHost.config'].Replace('userName="CONTOSO\svc-reports"', 'userName="CONTOSO\svc-reports&#13;&#10;FORGED&#x202E;&#x85;"')
        $facts.Files['accounts.json'] = $facts.Files['accounts.json'].Replace('"CONTOSO\\svc-reports"', '"CONTOSO\\svc-reports\r\nFORGED\u202e\u0085"')
        return $facts
    }

    # Every text a run showed: messages of warnings, verbose and information records and errors.
    function script:Get-ShownText
    {
        param ([System.Object[]] $Record)
        foreach ($item in $Record)
        {
            if ($item -is [System.Management.Automation.ErrorRecord])
            {
                $item.ToString()
                $item.Exception.Message
                if ($null -ne $item.ErrorDetails) { $item.ErrorDetails.Message; $item.ErrorDetails.RecommendedAction }
            }
            elseif ($item -is [System.Management.Automation.InformationalRecord])
            {
                $item.Message
            }
            elseif ($item -is [System.Management.Automation.InformationRecord])
            {
                [System.String] $item.MessageData
            }
        }
    }
}

AfterAll {
    Remove-TestedModule
}

Describe 'Hostile names in what the module shows' {
    BeforeEach {
        Mock -CommandName Get-IisLogonRightsFactSet -MockWith { Read-HostileFacts }
        Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { @() }
        Mock -CommandName Add-IisLogonRightsAccountRight -MockWith { }
        Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { }
        Mock -CommandName Set-IisLogonRightsPathProtection -MockWith { }
    }

    It 'Should show the account name escaped in every record of Set -Verbose, and nothing raw' {
        $records = [System.Collections.Generic.List[System.Object]]::new()
        $root = Join-Path -Path $TestDrive -ChildPath 'backups'
        try
        {
            Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath $root -Confirm:$false -Verbose -InformationAction Continue *>&1 | ForEach-Object { $records.Add($_) }
        }
        catch
        {
            # The stand-in facts do not change, so the check after the change fails.
            $records.Add($_)
        }

        Should -Invoke -CommandName Add-IisLogonRightsAccountRight -Exactly -Times 1 -Scope It
        $shown = @(Get-ShownText -Record $records.ToArray())
        $shown.Count | Should -BeGreaterThan 3
        @($shown | Where-Object { $_ -match $script:raw }) | Should -BeNullOrEmpty
        @($shown | Where-Object { $_.Contains('svc-reports\r\nFORGED\u202E\x85') }).Count | Should -BeGreaterThan 0
    }

    It 'Should keep an error about a backup path with ESC, CR and LF to one escaped line' {
        $path = Join-Path -Path $TestDrive -ChildPath ('bak' + [char] 27 + '[2J' + $script:payload)
        $caught = $null
        try
        {
            Undo-IisAnonymousLogonRight -BackupPath $path -Confirm:$false
        }
        catch
        {
            $caught = $_
        }

        $caught | Should -Not -BeNullOrEmpty
        $shown = @(Get-ShownText -Record @($caught))
        @($shown | Where-Object { $_ -match $script:raw }) | Should -BeNullOrEmpty
        $caught.Exception.Message | Should -BeLike '*bak\x1B`[2J\r\nFORGED\u202E\x85*'
        Should -Invoke -CommandName Remove-IisLogonRightsAccountRight -Exactly -Times 0
    }
}
