function Read-IisLogonRightsPlan
{
    <#
    .SYNOPSIS
        Checks a plan against fresh facts with the engine (check-plan --snapshot) and returns it.

    .DESCRIPTION
        Nothing is applied or undone from a plan the engine has not checked against the facts
        collected now. For Set, every action must be one the engine plans for those facts
        under the plan's own rule set and opt-ins, and the undo list exactly the actions'
        inverses in reverse order. With -RightsBeforeJson (Undo), every undo entry must touch
        the own SID of an identity IIS uses now, in a right it needs or is denied by, and
        restore exactly what rights-before.json recorded. A plan that fails is refused with the
        ErrorId IisLogonRightsPlanRejected, naming the first offending entry. Returns the
        checked plan as the engine printed it (Json, the text that is saved) and parsed (Plan).

    .PARAMETER Json
        The plan document's text.

    .PARAMETER FactsJson
        The facts document collected now (New-IisLogonRightsFactsDocument).

    .PARAMETER RightsBeforeJson
        Undo only: the backup's rights-before.json.

    .EXAMPLE
        $checked = Read-IisLogonRightsPlan -Json $planText -FactsJson $factsJson
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Json,

        [Parameter(Mandatory = $true)]
        [System.String]
        $FactsJson,

        [Parameter()]
        [System.String]
        $RightsBeforeJson = ''
    )

    $arguments = @('check-plan', '--plan', '-', '--snapshot', '-', '--format', 'json', '--log-format', 'json')
    $request = '{{"plan":{0},"facts":{1}}}' -f $Json, $FactsJson
    if ($RightsBeforeJson -ne '')
    {
        $arguments += '--undo'
        $request = '{{"plan":{0},"facts":{1},"rightsBefore":{2}}}' -f $Json, $FactsJson, $RightsBeforeJson
    }

    try
    {
        $run = Invoke-IisLogonRightsEngine -ArgumentList $arguments -InputText $request
    }
    catch
    {
        # Facts the engine cannot read are the collector's problem, not the plan's.
        if ($_.FullyQualifiedErrorId -notlike 'IisLogonRightsEngineInvalidInput*' -or $_.Exception.Message -like '*stdin:/facts*')
        {
            throw
        }

        $rejected = @{
            ErrorId           = 'IisLogonRightsPlanRejected'
            Category          = 'SecurityError'
            TargetObject      = 'plan.json'
            Message           = 'The plan was refused before any change, because it is not what the engine plans for this computer now: {0}' -f $_.Exception.Message
            RecommendedAction = 'Do not apply a plan that was edited; run Set again (or Undo from an untouched backup).'
            InnerException    = $_.Exception
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @rejected))
    }

    return [pscustomobject] @{
        Json = $run.StandardOutput
        Plan = ConvertFrom-Json -InputObject $run.StandardOutput
    }
}
