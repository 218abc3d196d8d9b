function Invoke-IisLogonRightsDscOperation
{
    <#
    .SYNOPSIS
        Runs one DSC v3 operation (get, test, set, whatif) for the v3 entry script.

    .DESCRIPTION
        Collects the facts, sends {"desired": ..., "facts": ...} to `iis-logon-rights dsc
        <get|test|set>` and returns the JSON line DSC expects on stdout.
        get and test: the engine's instance (test with _inDesiredState). Out of desired state
        is data, never an error.
        whatif: the instance as it will be once the plan is applied (the engine predicts it
        from the plan; DSC compares it with get's to report what set would change), with each
        change the plan would make written as a warning (DSC shows warn trace lines by
        default) and nothing changed.
        set: the engine's plan is checked, backed up and applied (Invoke-IisLogonRightsPlanApplication),
        the facts are collected again and tested; the after-state instance is returned, or, when
        the instance is still not in the desired state, an IisLogonRightsNotInDesiredState error
        (exit code 1) names what remains.

    .PARAMETER Operation
        get, test, set or whatif.

    .PARAMETER DesiredJson
        The desired instance DSC sent on stdin (schemas/dsc-instance.schema.json).

    .PARAMETER BackupRoot
        Where set writes its backup folder.

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from: Rsop (default), RsopThenGpresult, Gpresult or None.

    .EXAMPLE
        Invoke-IisLogonRightsDscOperation -Operation test -DesiredJson '{"scope":"*"}'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [ValidateSet('get', 'test', 'set', 'whatif')]
        [System.String]
        $Operation,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $DesiredJson,

        [Parameter()]
        [System.String]
        $BackupRoot = (Get-IisLogonRightsDefaultBackupRoot),

        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop'
    )

    try
    {
        $desired = ConvertFrom-Json -InputObject $DesiredJson -ErrorAction Stop
    }
    catch
    {
        $invalid = @{
            ErrorId      = 'IisLogonRightsEngineInvalidInput'
            Category     = 'InvalidData'
            TargetObject = 'stdin'
            Message      = 'The desired instance on stdin is not a JSON object: {0}' -f $_.Exception.Message
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @invalid))
    }

    $facts = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
    $factsJson = New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
    $request = '{{"desired":{0},"facts":{1}}}' -f (ConvertTo-IisLogonRightsJson -InputObject $desired), $factsJson
    $engineOperation = $Operation
    if ($Operation -eq 'whatif')
    {
        $engineOperation = 'set'
    }

    $run = Invoke-IisLogonRightsEngine -ArgumentList @('dsc', $engineOperation) -InputText $request
    switch ($Operation)
    {
        'whatif'
        {
            $plan = ConvertFrom-Json -InputObject $run.StandardOutput
            foreach ($action in @($plan.actions))
            {
                Write-Warning -Message ('what-if: {0}' -f (Get-IisLogonRightsActionDescription -Action $action))
            }

            foreach ($refusal in @($plan.refused))
            {
                Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('what-if: would not change {0} at {1}{2} ({3}): {4} Fix: {5}' -f $refusal.account, $refusal.site, $refusal.path, $refusal.status, $refusal.reason, $refusal.fix))
            }

            $predicted = Invoke-IisLogonRightsEngine -ArgumentList @('dsc', 'whatif') -InputText $request
            return $predicted.StandardOutput.Trim()
        }

        'set'
        {
            $outcome = Invoke-IisLogonRightsPlanApplication -PlanJson $run.StandardOutput -FactsJson $factsJson -SeceditText $facts.Files['secedit.inf'] -BackupRoot $BackupRoot -Confirm:$false -WhatIf:$false
            if ($null -ne $outcome.BackupPath)
            {
                Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Changed {0} logon right assignment(s); backup and undo plan: {1}' -f @($outcome.Applied).Count, $outcome.BackupPath))
                $facts = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
                $request = '{{"desired":{0},"facts":{1}}}' -f (ConvertTo-IisLogonRightsJson -InputObject $desired), (New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files)
            }

            $after = Invoke-IisLogonRightsEngine -ArgumentList @('dsc', 'test') -InputText $request
            $instance = ConvertFrom-Json -InputObject $after.StandardOutput
            if (-not $instance._inDesiredState)
            {
                $remaining = @(
                    foreach ($finding in @($instance.findings))
                    {
                        if (-not (Test-IisLogonRightsStatus -Status $finding.status))
                        {
                            '{0}{1}: {2} {3} {4}' -f $finding.site, $finding.path, $finding.account, $finding.right, $finding.status
                        }
                    }
                )
                $notReached = @{
                    ErrorId      = 'IisLogonRightsNotInDesiredState'
                    Category     = 'InvalidResult'
                    TargetObject = $desired.scope
                    Message      = 'Still not in the desired state after set ({0} change(s) applied): {1}. Reasons: {2}' -f @($outcome.Applied).Count, ($remaining -join '; '), ((@($instance.reasons) | ForEach-Object { $_.phrase }) -join ' | ')
                }
                $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @notReached))
            }

            $final = Invoke-IisLogonRightsEngine -ArgumentList @('dsc', 'get') -InputText $request
            return $final.StandardOutput.Trim()
        }

        default
        {
            return $run.StandardOutput.Trim()
        }
    }
}
