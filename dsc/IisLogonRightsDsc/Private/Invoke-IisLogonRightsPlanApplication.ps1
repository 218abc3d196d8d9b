function Invoke-IisLogonRightsPlanApplication
{
    <#
    .SYNOPSIS
        Checks, backs up and applies a plan from the engine, following the plan's contract.

    .DESCRIPTION
        1. The plan is checked by the engine against the facts collected now (check-plan
           --snapshot); nothing unchecked is applied, and a plan that fails is refused with
           IisLogonRightsPlanRejected.
        2. Findings the plan refuses to fix are written as warnings with the administrator's
           fix, and the GPO edits that would fix GPO-owned findings as verbose messages.
        3. Each action is offered to ShouldProcess: -WhatIf prints it and changes nothing,
           -Confirm asks. Declined actions drop out of the plan (and their undo with them),
           which is then checked again.
        4. Before the first change, the backup is written: the plan with its undo actions, the
           affected SIDs' current rights, the user-rights export and their SHA-256 manifest, in
           the backup root with its explicit ACL (Save-IisLogonRightsBackup). Backups beyond the
           newest BackupRetention are then pruned (Remove-IisLogonRightsOldBackup).
        5. The actions are applied in order through LSA. If one fails, the error names what was
           already applied and the backup to undo it with.
        Verifying the result (collect again, test) is the caller's step. Returns the checked
        plan, the applied, declined and refused entries, and the backup folder.

    .PARAMETER PlanJson
        The plan the engine printed (plan, or dsc set).

    .PARAMETER FactsJson
        The facts document collected now, which the plan is checked against.

    .PARAMETER BackupRetention
        How many backups to keep under BackupRoot (default 50); older ones are pruned.

    .PARAMETER SeceditText
        The user-rights export the plan was computed from, saved in the backup.

    .PARAMETER BackupRoot
        The folder under which the backup folder is created.

    .EXAMPLE
        $outcome = Invoke-IisLogonRightsPlanApplication -PlanJson $run.StandardOutput -FactsJson $factsJson -SeceditText $facts.Files['secedit.inf'] -BackupRoot (Get-IisLogonRightsDefaultBackupRoot)
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $PlanJson,

        [Parameter(Mandatory = $true)]
        [System.String]
        $FactsJson,

        [Parameter()]
        [ValidateRange(1, 100000)]
        [System.Int32]
        $BackupRetention = 50,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $SeceditText = '',

        [Parameter(Mandatory = $true)]
        [System.String]
        $BackupRoot
    )

    $checked = Read-IisLogonRightsPlan -Json $PlanJson -FactsJson $FactsJson
    $plan = $checked.Plan
    $actions = @($plan.actions)

    foreach ($refusal in @($plan.refused))
    {
        $where = '{0}{1}' -f $refusal.site, $refusal.path
        Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Not changed: {0} at {1} ({2}): {3} Fix: {4}' -f $refusal.account, $where, $refusal.status, $refusal.reason, $refusal.fix))
    }

    foreach ($edit in @($plan.gpoEdits))
    {
        $conflict = ''
        if ($edit.PSObject.Properties.Name -contains 'baselineConflicts')
        {
            # The engine lists removals a security baseline requires; the identity-side fix comes first.
            $entries = @($edit.baselineConflicts | ForEach-Object { '*{0} is required by {1}' -f $_.sid, $_.requiredBy })
            $conflict = ' (conflicts with a baseline: {0}; make the identity-side fix first)' -f ($entries -join '; ')
        }

        Write-Verbose -Message (ConvertTo-IisLogonRightsDisplayText -Text ('GPO edit that would fix it: {0}: {1}{2}' -f $edit.gpo.name, $edit.line, $conflict))
    }

    $approvedIndex = [System.Collections.Generic.List[System.Int32]]::new()
    for ($index = 0; $index -lt $actions.Count; $index++)
    {
        $description = Get-IisLogonRightsActionDescription -Action $actions[$index]
        if ($PSCmdlet.ShouldProcess($description, ('{0}?' -f $description), 'Change a logon right'))
        {
            $approvedIndex.Add($index)
        }
    }

    $outcome = [pscustomobject] @{
        Plan       = $plan
        Applied    = @()
        Declined   = @(for ($index = 0; $index -lt $actions.Count; $index++) { if (-not $approvedIndex.Contains($index)) { $actions[$index] } })
        Refused    = @($plan.refused)
        BackupPath = $null
    }

    if ($approvedIndex.Count -eq 0)
    {
        return $outcome
    }

    $toApply = $checked
    if ($approvedIndex.Count -lt $actions.Count)
    {
        $subset = Select-IisLogonRightsApprovedPlan -Plan $plan -ApprovedIndex $approvedIndex.ToArray()
        $toApply = Read-IisLogonRightsPlan -Json (ConvertTo-IisLogonRightsJson -InputObject $subset) -FactsJson $FactsJson
    }

    $approved = @($toApply.Plan.actions)
    $rightsBefore = [ordered] @{}
    foreach ($action in $approved)
    {
        if (-not $rightsBefore.Contains($action.sid))
        {
            $rightsBefore[$action.sid] = [System.String[]] @(Get-IisLogonRightsAccountRight -Sid $action.sid)
        }
    }

    $outcome.BackupPath = Save-IisLogonRightsBackup -Root $BackupRoot -PlanJson $toApply.Json -RightsBefore $rightsBefore -SeceditText $SeceditText
    Write-Verbose -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Backup and undo plan saved to {0}' -f $outcome.BackupPath))
    Remove-IisLogonRightsOldBackup -Root $BackupRoot -Keep $BackupRetention -Confirm:$false

    $applied = [System.Collections.Generic.List[System.Object]]::new()
    foreach ($action in $approved)
    {
        try
        {
            Invoke-IisLogonRightsPlanAction -Action $action
        }
        catch
        {
            $done = @($applied | ForEach-Object { Get-IisLogonRightsActionDescription -Action $_ })
            if ($done.Count -eq 0)
            {
                $done = @('nothing')
            }

            $failed = @{
                ErrorId           = 'IisLogonRightsApplyFailed'
                Category          = 'WriteError'
                TargetObject      = $action.sid
                Message           = '{0} failed: {1} Already applied: {2}.' -f (Get-IisLogonRightsActionDescription -Action $action), $_.Exception.Message, ($done -join '; ')
                RecommendedAction = 'Undo what was applied with: Undo-IisAnonymousLogonRight -BackupPath ''{0}''' -f $outcome.BackupPath
                InnerException    = $_.Exception
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @failed))
        }

        $applied.Add($action)
    }

    $outcome.Applied = $applied.ToArray()
    return $outcome
}
