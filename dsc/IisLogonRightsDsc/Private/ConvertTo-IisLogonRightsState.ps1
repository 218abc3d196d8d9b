function ConvertTo-IisLogonRightsState
{
    <#
    .SYNOPSIS
        Turns the engine's result document into an IisLogonRightsDsc.State for one scope.

    .DESCRIPTION
        The state of one scope: whether it is in the desired state, its findings and the
        Reasons (Code, Phrase) the engine wrote for each finding that is not.

    .PARAMETER Result
        The result document of `get` or `test` (schemas/result.schema.json).

    .PARAMETER Scope
        The scope the document was computed for (a site name, or * for all sites).

    .EXAMPLE
        ConvertTo-IisLogonRightsState -Result $result -Scope 'Default Web Site'
    #>
    [CmdletBinding()]
    [OutputType('IisLogonRightsDsc.State')]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Object]
        $Result,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Scope
    )

    $findings = @(foreach ($finding in @($Result.findings)) { ConvertTo-IisLogonRightsFinding -Finding $finding })
    $reasons = @(
        foreach ($reason in @($Result.reasons))
        {
            [pscustomobject] @{
                PSTypeName = 'IisLogonRightsDsc.Reason'
                Code       = $reason.code
                Phrase     = $reason.phrase
            }
        }
    )

    return [pscustomobject] @{
        PSTypeName     = 'IisLogonRightsDsc.State'
        Scope          = $Scope
        RuleSet        = $Result.ruleSet
        InDesiredState = [System.Boolean] $Result.inDesiredState
        Findings       = $findings
        Reasons        = $reasons
        Snapshot       = $Result.snapshot
        EngineVersion  = $Result.tool.version
    }
}
