function Read-IisLogonRightsPlan
{
    <#
    .SYNOPSIS
        Validates a plan with the engine (check-plan) and returns it.

    .DESCRIPTION
        Nothing is applied or undone from a plan the engine has not checked: schema, SIDs and
        right names (iis-logon-rights check-plan). Returns the checked plan as the engine
        printed it (Json, the text that is saved) and parsed (Plan).

    .PARAMETER Json
        The plan document's text.

    .EXAMPLE
        $checked = Read-IisLogonRightsPlan -Json $planText
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Json
    )

    $run = Invoke-IisLogonRightsEngine -ArgumentList @('check-plan', '--plan', '-', '--format', 'json', '--log-format', 'json') -InputText $Json
    return [pscustomobject] @{
        Json = $run.StandardOutput
        Plan = ConvertFrom-Json -InputObject $run.StandardOutput
    }
}
