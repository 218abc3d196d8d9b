function Invoke-IisLogonRightsInProcessEngine
{
    <#
    .SYNOPSIS
        Runs one engine command line inside this process and returns its exit code, stdout and
        stderr, as Invoke-IisLogonRightsProcess returns them for node.

    .DESCRIPTION
        Sends {"argv", "env"}, the stdin text and this host's files (IisLogonRightsEngineFiles) to
        IisLogonRightsEngine.run of the bundle loaded in Jint (Get-IisLogonRightsJsEngine), and
        reads exitCode, stdout and stderr from its answer: the same command line code as the Node CLI,
        so the answer is the same byte for byte. A limit hit becomes the answer the Node CLI gives
        for the same kind of failure: too much memory is invalid input (exit code 3: the input is
        too large to judge); too much time or too deep a recursion is an internal error (4).
        After any such stop the engine is dropped, and the next call prepares a fresh one.

    .PARAMETER ArgumentList
        The engine's arguments, for example 'test', '--snapshot', '-', '--format', 'json'.

    .PARAMETER InputText
        The text the engine reads as stdin.

    .EXAMPLE
        $run = Invoke-IisLogonRightsInProcessEngine -ArgumentList '--version'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.String[]]
        $ArgumentList,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $InputText = ''
    )

    $state = Get-IisLogonRightsJsEngine
    # The variables the Node CLI reads: COLUMNS sets the width of tables off a terminal.
    $environment = [ordered] @{}
    foreach ($name in @('IIS_LOGON_RIGHTS_DEBUG', 'NO_COLOR', 'COLUMNS'))
    {
        $value = [System.Environment]::GetEnvironmentVariable($name)
        if ($null -ne $value)
        {
            $environment[$name] = $value
        }
    }

    $request = '{{"argv":{0},"env":{1}}}' -f (ConvertTo-IisLogonRightsJson -InputObject @($ArgumentList)), (ConvertTo-IisLogonRightsJson -InputObject $environment)
    $stopped = $null
    try
    {
        $state.Engine.Constraints.Reset()
        $answer = $state.Engine.Invoke($state.Run, $request, $InputText, $state.Files)
        $exitCode = [System.Int32] $answer.Get('exitCode').ToObject()
        $standardOutput = $answer.Get('stdout').ToString()
        $standardError = $answer.Get('stderr').ToString()
    }
    catch
    {
        $stopped = $_.Exception
        while ($stopped -is [System.Management.Automation.MethodInvocationException] -and $null -ne $stopped.InnerException)
        {
            $stopped = $stopped.InnerException
        }
    }

    if ($null -ne $stopped)
    {
        $script:IisLogonRightsJsEngine = $null
        $exitCode = 4
        $message = 'internal error: the in-process engine stopped: {0} (this is a defect; please report it with the input that caused it)' -f $stopped.Message
        switch ($stopped.GetType().FullName)
        {
            'Jint.Runtime.MemoryLimitExceededException'
            {
                $exitCode = 3
                $message = 'invalid input: judging it took more than the in-process engine''s memory limit ({0} MiB allocated); the input is too large or too deeply repetitive to judge' -f $state.MemoryMegabytes
            }

            'System.TimeoutException'
            {
                $message = 'internal error: the in-process engine did not finish within its time limit ({0} seconds) (this is a defect; please report it with the input that caused it)' -f $state.TimeoutSeconds
            }

            'Jint.Runtime.RecursionDepthOverflowException'
            {
                $message = 'internal error: the in-process engine nested calls deeper than its limit (this is a defect; please report it with the input that caused it)'
            }
        }

        return [pscustomobject] @{
            ExitCode       = $exitCode
            StandardOutput = ''
            StandardError  = (ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ error = $message })) + "`n"
        }
    }

    return [pscustomobject] @{
        ExitCode       = $exitCode
        StandardOutput = $standardOutput
        StandardError  = $standardError
    }
}
