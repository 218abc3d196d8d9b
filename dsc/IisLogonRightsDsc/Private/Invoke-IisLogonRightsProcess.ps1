function Invoke-IisLogonRightsProcess
{
    <#
    .SYNOPSIS
        Runs a program with text on stdin and returns its exit code, stdout and stderr.

    .DESCRIPTION
        Uses System.Diagnostics.Process directly rather than the call operator, for three
        reasons. The input is written as UTF-8 bytes straight to the stdin stream, and stdout
        and stderr are decoded as UTF-8, so localized account names survive: nothing depends on
        [Console]::InputEncoding, [Console]::OutputEncoding or $OutputEncoding, which therefore
        are never changed (and need no restoring; under the DSC LCM there is no console whose
        code page could be set). Both output streams are read asynchronously while stdin is
        written, so a large facts document cannot deadlock against a full pipe. And the exit
        code is read from the process itself.

    .PARAMETER FilePath
        The program (node.exe).

    .PARAMETER ArgumentList
        Its arguments; see ConvertTo-IisLogonRightsArgumentString.

    .PARAMETER InputText
        The text to send on stdin (may be empty; stdin is closed after it).

    .PARAMETER TimeoutSeconds
        How long to wait before the process is killed and an error raised.

    .EXAMPLE
        $run = Invoke-IisLogonRightsProcess -FilePath $node -ArgumentList $bundle, '--version'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $FilePath,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [System.String[]]
        $ArgumentList,

        [Parameter()]
        [AllowEmptyString()]
        [System.String]
        $InputText = '',

        [Parameter()]
        [ValidateRange(1, 86400)]
        [System.Int32]
        $TimeoutSeconds = 600
    )

    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $FilePath
    $startInfo.Arguments = ConvertTo-IisLogonRightsArgumentString -Argument $ArgumentList
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = $utf8
    $startInfo.StandardErrorEncoding = $utf8

    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $startInfo
    try
    {
        $null = $process.Start()
        $stdoutTask = $process.StandardOutput.ReadToEndAsync()
        $stderrTask = $process.StandardError.ReadToEndAsync()
        try
        {
            $bytes = $utf8.GetBytes($InputText)
            $process.StandardInput.BaseStream.Write($bytes, 0, $bytes.Length)
            $process.StandardInput.BaseStream.Flush()
        }
        catch [System.IO.IOException]
        {
            # The program exited before reading all of stdin (a usage error): its exit code and
            # stderr say why, so this is not the error to report.
            Write-Debug -Message ('stdin of {0} closed early: {1}' -f $FilePath, $_.Exception.Message)
        }
        finally
        {
            try
            {
                $process.StandardInput.Close()
            }
            catch [System.IO.IOException]
            {
                Write-Debug -Message ('stdin of {0} was already closed' -f $FilePath)
            }
        }

        if (-not $process.WaitForExit($TimeoutSeconds * 1000))
        {
            try
            {
                $process.Kill()
            }
            catch [System.InvalidOperationException]
            {
                Write-Debug -Message ('{0} exited while being stopped' -f $FilePath)
            }

            $timeout = @{
                ErrorId      = 'IisLogonRightsEngineTimeout'
                Category     = 'OperationTimeout'
                TargetObject = $FilePath
                Message      = '{0} did not finish within {1} seconds and was stopped' -f $FilePath, $TimeoutSeconds
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @timeout))
        }

        # The parameterless overload also waits for the redirected streams to reach their end.
        $process.WaitForExit()
        return [pscustomobject] @{
            ExitCode       = $process.ExitCode
            StandardOutput = $stdoutTask.GetAwaiter().GetResult()
            StandardError  = $stderrTask.GetAwaiter().GetResult()
        }
    }
    finally
    {
        $process.Dispose()
    }
}
