function Set-IisLogonRightsDesiredState
{
    <#
    .SYNOPSIS
        The one Set path: plans, applies, collects again and tests one scope.

    .DESCRIPTION
        Set-IisAnonymousLogonRight (and through it the class resource) and the DSC v3 entry's
        set all come here, so every caller applies and verifies the same way and fails with the
        same error:
        1. The facts of this host (or the ones the caller just collected) go to the engine's
           plan command for the scope.
        2. Invoke-IisLogonRightsPlanApplication checks the plan against those facts, offers each
           action to ShouldProcess, writes the backup and applies what was approved through LSA.
        3. Unless it runs with -WhatIf or some actions were declined, the scope is tested
           again: on facts collected again when anything was applied, else on the same facts.
           A scope still not in the desired state is the terminating error
           IisLogonRightsNotInDesiredState, naming every finding that remains and the backup
           that undoes what was applied.
        Returns the outcome: the actions applied, declined and refused, the backup folder, the
        verdict ($null when not tested) and the facts document the verdict was reached on.

    .PARAMETER Scope
        The IIS site, by name, or * for every site.

    .PARAMETER RuleSet
        documented or conservative.

    .PARAMETER AllowTemporaryFix
        Also change rights a GPO owns (until the next refresh), and count the finding that
        leaves (revoked-at-refresh) as in the desired state.

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from when collecting (Get-IisLogonRightsFactSet).

    .PARAMETER BackupRoot
        The folder under which the backup folder is created.

    .PARAMETER BackupRetention
        How many backups to keep under BackupRoot.

    .PARAMETER FactSet
        Facts the caller has just collected (Get-IisLogonRightsFactSet), used for the plan
        instead of collecting again.

    .PARAMETER WhatIf
        Shows each grant and revoke without applying it.

    .PARAMETER Confirm
        Asks before each grant and revoke.

    .EXAMPLE
        $outcome = Set-IisLogonRightsDesiredState -Scope 'Default Web Site' -BackupRoot (Get-IisLogonRightsDefaultBackupRoot)
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Scope,

        [Parameter()]
        [System.String]
        $RuleSet = 'documented',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $AllowTemporaryFix,

        [Parameter()]
        [System.String]
        $GroupPolicySource = 'Rsop',

        [Parameter(Mandatory = $true)]
        [System.String]
        $BackupRoot,

        [Parameter()]
        [ValidateRange(1, 100000)]
        [System.Int32]
        $BackupRetention = 50,

        [Parameter()]
        [AllowNull()]
        [System.Management.Automation.PSObject]
        $FactSet = $null
    )

    if ($null -eq $FactSet)
    {
        $FactSet = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
    }

    $factsJson = New-IisLogonRightsFactsDocument -Name $FactSet.Name -Files $FactSet.Files
    $arguments = @('plan', '--snapshot', '-', '--format', 'json', '--log-format', 'json', '--rules', $RuleSet, '--site', $Scope)
    if ($AllowTemporaryFix)
    {
        $arguments += '--allow-temporary-fix'
    }

    $planRun = Invoke-IisLogonRightsEngine -ArgumentList $arguments -InputText $factsJson
    $applied = Invoke-IisLogonRightsPlanApplication -PlanJson $planRun.StandardOutput -FactsJson $factsJson -SeceditText $FactSet.Files['secedit.inf'] -BackupRoot $BackupRoot -BackupRetention $BackupRetention
    if ($null -ne $applied.BackupPath)
    {
        Write-Information -MessageData (ConvertTo-IisLogonRightsDisplayText -Text ('Backup and undo plan: {0}' -f $applied.BackupPath)) -Tags 'IisLogonRightsDsc'
    }

    $outcome = [pscustomobject] @{
        Scope          = $Scope
        Applied        = @($applied.Applied)
        Declined       = @($applied.Declined)
        Refused        = @($applied.Refused)
        BackupPath     = $applied.BackupPath
        InDesiredState = $null
        FactsJson      = $factsJson
    }

    if ($WhatIfPreference)
    {
        Write-Verbose -Message 'WhatIf: nothing was changed, so the result is not tested.'
        return $outcome
    }

    if (@($applied.Declined).Count -gt 0)
    {
        Write-Warning -Message ('{0} of the plan''s changes were declined, so the result is not tested; Test-IisAnonymousLogonRight tells the state.' -f @($applied.Declined).Count)
        return $outcome
    }

    if ($null -ne $applied.BackupPath)
    {
        $after = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
        $outcome.FactsJson = New-IisLogonRightsFactsDocument -Name $after.Name -Files $after.Files
    }

    $result = Invoke-IisLogonRightsJudgement -Command 'test' -Scope $Scope -RuleSet $RuleSet -FactsJson $outcome.FactsJson -AllowTemporaryFix:$AllowTemporaryFix
    $outcome.InDesiredState = [System.Boolean] $result.inDesiredState
    if (-not $outcome.InDesiredState)
    {
        $remaining = @(
            foreach ($finding in @($result.findings))
            {
                $converted = ConvertTo-IisLogonRightsFinding -Finding $finding
                if (-not $converted.InDesiredState)
                {
                    $converted.Message
                }
            }
        )
        $undoHint = ''
        if ($null -ne $applied.BackupPath)
        {
            $undoHint = ' The changes that were applied can be undone with: Undo-IisAnonymousLogonRight -BackupPath ''{0}''' -f $applied.BackupPath
        }

        $notReached = @{
            ErrorId           = 'IisLogonRightsNotInDesiredState'
            Category          = 'InvalidResult'
            TargetObject      = $Scope
            Message           = 'Scope {0} is still not in the desired state after Set ({1} change(s) applied). What remains: {2}{3}' -f $Scope, @($applied.Applied).Count, ($remaining -join ' | '), $undoHint
            RecommendedAction = ((Get-IisLogonRightsEngineContract).ExitCodes | Where-Object { $_.Name -eq 'notInDesiredState' }).RecommendedAction
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @notReached))
    }

    return $outcome
}
