function Invoke-IisLogonRightsEngine
{
    <#
    .SYNOPSIS
        Runs one command of the iis-logon-rights engine and returns its exit code and output.

    .DESCRIPTION
        The one place that picks the engine's host (Get-IisLogonRightsEngineHost). inprocess,
        the default, runs the engine bundle in Jint inside this process
        (Invoke-IisLogonRightsInProcessEngine). node finds node and the bundle, checks their
        versions agree and runs `node <bundle> <arguments>` with the input on stdin (JSON never
        travels in argv). Both give the same exit code, stdout and stderr for the same command
        line. The engine's stderr lines are replayed into the Warning, Verbose and Debug
        streams, and an exit code that is not in -SuccessExitCode becomes a terminating error
        with a stable ErrorId (see ConvertTo-IisLogonRightsEngineError).

    .PARAMETER ArgumentList
        The engine's arguments, for example 'test', '--snapshot', '-', '--format', 'json'.

    .PARAMETER InputText
        The text for stdin: a facts document, a dsc request or a plan.

    .PARAMETER SuccessExitCode
        The exit codes that are answers rather than failures (test adds 1: not in desired state).

    .EXAMPLE
        $run = Invoke-IisLogonRightsEngine -ArgumentList 'get', '--snapshot', '-', '--format', 'json', '--log-format', 'json' -InputText $factsJson
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String[]]
        $ArgumentList,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $InputText = '',

        [Parameter()]
        [System.Int32[]]
        $SuccessExitCode = @(0)
    )

    $engineHost = Get-IisLogonRightsEngineHost
    # The command for messages: 'test', or 'dsc set'.
    $words = @($ArgumentList | Where-Object { $_ -notlike '-*' })
    $command = ''
    if ($words.Count -gt 1 -and $words[0] -eq 'dsc')
    {
        $command = 'dsc {0}' -f $words[1]
    }
    elseif ($words.Count -gt 0)
    {
        $command = $words[0]
    }

    Write-Verbose -Message ('iis-logon-rights {0} ({1})' -f ($ArgumentList -join ' '), $engineHost)
    if ($engineHost -eq 'node')
    {
        $node = Find-IisLogonRightsNodeJs
        $bundle = Get-IisLogonRightsBundlePath
        Assert-IisLogonRightsEngineVersion -NodePath $node -BundlePath $bundle
        $run = Invoke-IisLogonRightsProcess -FilePath $node -ArgumentList (@($bundle) + $ArgumentList) -InputText $InputText
    }
    else
    {
        $run = Invoke-IisLogonRightsInProcessEngine -ArgumentList $ArgumentList -InputText $InputText
    }

    $errorMessages = @(Write-IisLogonRightsEngineDiagnostic -StandardError $run.StandardError)
    if ($SuccessExitCode -notcontains $run.ExitCode)
    {
        $PSCmdlet.ThrowTerminatingError((ConvertTo-IisLogonRightsEngineError -ExitCode $run.ExitCode -ErrorMessage $errorMessages -Command $command))
    }

    return $run
}
