function Invoke-IisLogonRightsJudgement
{
    <#
    .SYNOPSIS
        Asks the engine for the state of one scope (get or test) and returns its result document.

    .DESCRIPTION
        Runs `get` or `test` with --format json and --log-format json on either the facts
        document (stdin) or a snapshot folder. For test, exit code 1 (not in the desired state)
        is an answer, not an error.

    .PARAMETER Command
        get or test.

    .PARAMETER Scope
        A site name, or * for every site.

    .PARAMETER RuleSet
        documented or conservative.

    .PARAMETER FactsJson
        The facts document (New-IisLogonRightsFactsDocument). Either this or SnapshotPath.

    .PARAMETER AllowTemporaryFix
        Count revoked-at-refresh findings (a temporary fix the caller opted into) as in the
        desired state; the engine keeps their Reasons and warns with the GPO to fix.

    .PARAMETER SnapshotPath
        A snapshot folder or facts .json file to judge instead of the facts of this host.

    .EXAMPLE
        $result = Invoke-IisLogonRightsJudgement -Command test -Scope '*' -RuleSet documented -FactsJson $json
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [ValidateSet('get', 'test')]
        [System.String]
        $Command,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Scope,

        [Parameter(Mandatory = $true)]
        [System.String]
        $RuleSet,

        [Parameter()]
        [System.String]
        $FactsJson = '',

        [Parameter()]
        [System.String]
        $SnapshotPath = '',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $AllowTemporaryFix
    )

    $source = '-'
    if ($SnapshotPath -ne '')
    {
        $source = $SnapshotPath
    }

    $arguments = @($Command, '--snapshot', $source, '--format', 'json', '--log-format', 'json', '--rules', $RuleSet, '--site', $Scope)
    if ($AllowTemporaryFix)
    {
        $arguments += '--allow-temporary-fix'
    }

    $successCodes = @(0)
    if ($Command -eq 'test')
    {
        $successCodes = @(0, 1)
    }

    $run = Invoke-IisLogonRightsEngine -ArgumentList $arguments -InputText $FactsJson -SuccessExitCode $successCodes
    return ConvertFrom-Json -InputObject $run.StandardOutput
}
