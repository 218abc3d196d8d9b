<#
    .SYNOPSIS
        Calls the class-based DSC resource directly, the way Azure Machine Configuration,
        Ansible win_dsc and Puppet dsc_lite do (Invoke-DscResource).

    .DESCRIPTION
        Test tells whether every site's anonymous identities hold their logon rights; Get
        returns the Reasons (Code, Phrase) Machine Configuration reports; Set makes the
        identity-scoped changes, saving a backup first. Run elevated on the web server, in
        Windows PowerShell 5.1 or in PowerShell 7 with PSDesiredStateConfiguration 2.0.7 or later.

    .PARAMETER Scope
        A site name, or * for every site.

    .PARAMETER Enforce
        Also run Set when Test fails.

    .EXAMPLE
        .\Invoke-IisAnonymousLogonRightResource.ps1 -Scope 'Default Web Site'
#>
[CmdletBinding()]
param
(
    [Parameter()]
    [System.String]
    $Scope = '*',

    [Parameter()]
    [System.Management.Automation.SwitchParameter]
    $Enforce
)

$resource = @{
    Name       = 'IisAnonymousLogonRight'
    ModuleName = 'IisLogonRightsDsc'
    Property   = @{ Scope = $Scope; RuleSet = 'documented' }
}

$test = Invoke-DscResource @resource -Method Test
if ($test.InDesiredState)
{
    Write-Output ('{0}: in the desired state' -f $Scope)
    return
}

$state = Invoke-DscResource @resource -Method Get
foreach ($reason in $state.Reasons)
{
    Write-Output ('{0}: {1}' -f $reason.Code, $reason.Phrase)
}

if ($Enforce)
{
    $null = Invoke-DscResource @resource -Method Set
    Write-Output ('{0}: in the desired state after Set: {1}' -f $Scope, (Invoke-DscResource @resource -Method Test).InDesiredState)
}
