<#
    The real scenario, on a disposable Windows Server with IIS (the Windows workflow): a local
    account serves anonymous requests for Default Web Site, its network logon right is taken
    away, Test fails, Set fixes it, Test passes, Undo restores it, and no other holder of any
    logon right changes along the way. It changes the machine's security policy, so it runs
    only when IIS_LOGON_RIGHTS_SCENARIO is 1, elevated.
#>
Describe 'Anonymous account without network logon, end to end' -Tag 'Scenario' {
    BeforeEach {
        if ($env:IIS_LOGON_RIGHTS_SCENARIO -ne '1')
        {
            Set-ItResult -Skipped -Because 'Windows only: changes the security policy of a disposable Windows Server with IIS (the Windows workflow sets IIS_LOGON_RIGHTS_SCENARIO=1)'
        }
    }

    BeforeAll {
        if ($env:IIS_LOGON_RIGHTS_SCENARIO -ne '1')
        {
            return
        }

        Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, '..', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')) -Force
        Import-Module -Name 'WebAdministration' -ErrorAction Stop

        function script:Get-LogonRightHolder
        {
            # Right -> sorted holders, from a fresh secedit export (the module's own exporter).
            $text = & (Get-Module -Name 'IisLogonRightsDsc') { Export-IisLogonRightsUserRightsPolicy }
            $holders = @{}
            foreach ($line in ($text -split "`r?`n"))
            {
                if ($line -match '^\s*(Se\w*LogonRight)\s*=\s*(.*)$')
                {
                    $holders[$Matches[1]] = (@($Matches[2].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' } | Sort-Object)) -join ','
                }
            }

            return $holders
        }

        function script:Format-Holder
        {
            param ([System.Collections.IDictionary] $Holder)
            return (@($Holder.Keys | Sort-Object | ForEach-Object { '{0}={1}' -f $_, $Holder[$_] }) -join [System.Environment]::NewLine)
        }

        function script:Invoke-Lsa
        {
            param ([System.String] $Operation, [System.String] $Sid, [System.String] $Right)
            & (Get-Module -Name 'IisLogonRightsDsc') { param ($operation, $sid, $right) & $operation -Sid $sid -Right $right } $Operation $Sid $Right
        }

        $script:accountName = 'iislr-anon'
        $password = 'Iis-{0}-Lr!' -f [System.Guid]::NewGuid().ToString('N')
        $secure = ConvertTo-SecureString -String $password -AsPlainText -Force
        $user = New-LocalUser -Name $script:accountName -Password $secure -PasswordNeverExpires -Description 'iis-logon-rights scenario'
        Add-LocalGroupMember -Group (Get-LocalGroup -SID 'S-1-5-32-545') -Member $user -ErrorAction SilentlyContinue
        $script:accountSid = $user.SID.Value

        $section = 'system.webServer/security/authentication/anonymousAuthentication'
        $location = @{ PSPath = 'MACHINE/WEBROOT/APPHOST'; Location = 'Default Web Site'; Filter = $section }
        Set-WebConfigurationProperty @location -Name 'userName' -Value ('{0}\{1}' -f $env:COMPUTERNAME, $script:accountName)
        Set-WebConfigurationProperty @location -Name 'password' -Value $password
        Set-WebConfigurationProperty @location -Name 'logonMethod' -Value 'Network'

        # Take the network logon right away from every holder that reaches the account.
        $script:removedHolders = @()
        $networkHolders = (Get-LogonRightHolder)['SeNetworkLogonRight'] -split ','
        foreach ($holder in @('*S-1-1-0', '*S-1-5-11', '*S-1-5-32-545'))
        {
            if ($networkHolders -contains $holder)
            {
                Invoke-Lsa -Operation 'Remove-IisLogonRightsAccountRight' -Sid $holder.TrimStart('*') -Right 'SeNetworkLogonRight'
                $script:removedHolders += $holder.TrimStart('*')
            }
        }

        $script:baseline = Get-LogonRightHolder
        $script:backupRoot = Join-Path -Path $TestDrive -ChildPath 'backups'
    }

    AfterAll {
        if ($env:IIS_LOGON_RIGHTS_SCENARIO -ne '1')
        {
            return
        }

        # What the Invoke-DscResource test granted, if it ran.
        Invoke-Lsa -Operation 'Remove-IisLogonRightsAccountRight' -Sid $script:accountSid -Right 'SeNetworkLogonRight'
        foreach ($sid in $script:removedHolders)
        {
            Invoke-Lsa -Operation 'Add-IisLogonRightsAccountRight' -Sid $sid -Right 'SeNetworkLogonRight'
        }

        Clear-WebConfiguration -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Default Web Site' -Filter 'system.webServer/security/authentication/anonymousAuthentication' -ErrorAction SilentlyContinue
        Remove-LocalUser -Name $script:accountName -ErrorAction SilentlyContinue
    }

    It 'Test fails while the account lacks network logon' {
        Test-IisAnonymousLogonRight -Scope 'Default Web Site' | Should -BeFalse
        $finding = @(Test-IisAnonymousLogonRight -Scope 'Default Web Site' -Detailed | Where-Object { $_.Sid -eq $script:accountSid })
        $finding.Count | Should -Be 1
        $finding[0].Status | Should -Be 'missing'
        $finding[0].Right | Should -Be 'SeNetworkLogonRight'
    }

    It 'Set -WhatIf changes nothing' {
        Set-IisAnonymousLogonRight -Scope 'Default Web Site' -BackupPath $script:backupRoot -WhatIf
        Format-Holder (Get-LogonRightHolder) | Should -Be (Format-Holder $script:baseline)
    }

    It 'Set grants the right to the account''s own SID only, and Test passes' {
        $script:change = Set-IisAnonymousLogonRight -Scope 'Default Web Site' -BackupPath $script:backupRoot -PassThru -Confirm:$false
        $script:change.InDesiredState | Should -BeTrue
        @($script:change.Applied | ForEach-Object { '{0} {1} {2}' -f $_.Action, $_.Right, $_.Sid }) | Should -Be @(('grant SeNetworkLogonRight {0}' -f $script:accountSid))
        Test-IisAnonymousLogonRight -Scope 'Default Web Site' | Should -BeTrue

        $expected = $script:baseline.Clone()
        $expected['SeNetworkLogonRight'] = (@(($script:baseline['SeNetworkLogonRight'] -split ',') + ('*{0}' -f $script:accountSid) | Where-Object { $_ -ne '' } | Sort-Object)) -join ','
        Format-Holder (Get-LogonRightHolder) | Should -Be (Format-Holder $expected) -Because 'no other holder of any logon right changes'
    }

    It 'Anonymous requests are served after Set' {
        # The functional proof: IIS logs the account on over the network with the right granted.
        $response = Invoke-WebRequest -Uri 'http://localhost/' -UseBasicParsing
        $response.StatusCode | Should -Be 200
    }

    It 'Undo restores every logon right exactly' {
        Undo-IisAnonymousLogonRight -BackupPath $script:change.BackupPath -Confirm:$false
        Format-Holder (Get-LogonRightHolder) | Should -Be (Format-Holder $script:baseline)
        Test-IisAnonymousLogonRight -Scope 'Default Web Site' | Should -BeFalse
    }

    It 'Invoke-DscResource Set, as the LCM runs it, grants the right and Test then passes' {
        # The workflow installed the module under Program Files and set the LCM to RefreshMode Disabled.
        $properties = @{ Scope = 'Default Web Site' }
        (Invoke-DscResource -Name 'IisAnonymousLogonRight' -ModuleName 'IisLogonRightsDsc' -Method Test -Property $properties).InDesiredState | Should -BeFalse
        $null = Invoke-DscResource -Name 'IisAnonymousLogonRight' -ModuleName 'IisLogonRightsDsc' -Method Set -Property $properties
        (Invoke-DscResource -Name 'IisAnonymousLogonRight' -ModuleName 'IisLogonRightsDsc' -Method Test -Property $properties).InDesiredState | Should -BeTrue
        Test-IisAnonymousLogonRight -Scope 'Default Web Site' | Should -BeTrue
    }
}
