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
        set: the engine checks the desired instance, then the one Set path
        (Set-IisLogonRightsDesiredState, as Set-IisAnonymousLogonRight uses it) plans, backs up,
        applies, collects again and tests; the after-state instance is returned, or, when the
        scope is still not in the desired state, its IisLogonRightsNotInDesiredState error
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
    # whatif lists the plan (dsc set) before it predicts; set first has the engine check the
    # desired instance (dsc get), then goes the one Set path (Set-IisLogonRightsDesiredState).
    $engineOperation = $Operation
    if ($Operation -eq 'whatif')
    {
        $engineOperation = 'set'
    }
    elseif ($Operation -eq 'set')
    {
        $engineOperation = 'get'
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
            # The engine has checked the desired instance (get): its answer is the desired state
            # in the engine's own words, which the one Set path then brings about.
            $wanted = ConvertFrom-Json -InputObject $run.StandardOutput
            $setting = @{
                Scope             = [System.String] $wanted.scope
                RuleSet           = [System.String] $wanted.ruleSet
                AllowTemporaryFix = [System.Boolean] $wanted.allowTemporaryFix
                GroupPolicySource = $GroupPolicySource
                BackupRoot        = $BackupRoot
                FactSet           = $facts
            }
            $outcome = Set-IisLogonRightsDesiredState @setting -Confirm:$false -WhatIf:$false
            if ($null -ne $outcome.BackupPath)
            {
                Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Changed {0} logon right assignment(s); backup and undo plan: {1}' -f @($outcome.Applied).Count, $outcome.BackupPath))
            }

            $request = '{{"desired":{0},"facts":{1}}}' -f (ConvertTo-IisLogonRightsJson -InputObject $desired), $outcome.FactsJson
            $final = Invoke-IisLogonRightsEngine -ArgumentList @('dsc', 'get') -InputText $request
            return $final.StandardOutput.Trim()
        }

        default
        {
            return $run.StandardOutput.Trim()
        }
    }
}
