function Export-IisLogonRightsUserRightsPolicy
{
    <#
    .SYNOPSIS
        Returns the text of `secedit /export /areas USER_RIGHTS`.

    .DESCRIPTION
        secedit writes to a file, so the export goes to a file with a unique name in the temp
        folder (never a fixed name another run could collide with), the exit code is checked,
        the file is read (UTF-16LE with a byte order mark) and then removed with its log,
        whatever happened.

    .EXAMPLE
        $seceditText = Export-IisLogonRightsUserRightsPolicy
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $id = [System.Guid]::NewGuid().ToString('N')
    $temp = [System.IO.Path]::GetTempPath()
    $configurationPath = [System.IO.Path]::Combine($temp, ('iis-logon-rights-{0}.inf' -f $id))
    $logPath = [System.IO.Path]::Combine($temp, ('iis-logon-rights-{0}.log' -f $id))
    $secedit = [System.IO.Path]::Combine((Get-IisLogonRightsSystemDirectory), 'secedit.exe')
    try
    {
        $run = Invoke-IisLogonRightsNativeCommand -FilePath $secedit -ArgumentList @('/export', '/areas', 'USER_RIGHTS', '/cfg', $configurationPath, '/log', $logPath, '/quiet')
        if ($run.ExitCode -ne 0 -or -not [System.IO.File]::Exists($configurationPath))
        {
            $log = ''
            if ([System.IO.File]::Exists($logPath))
            {
                $log = [System.IO.File]::ReadAllText($logPath).Trim()
            }

            $failed = @{
                ErrorId           = 'IisLogonRightsSeceditFailed'
                Category          = 'ReadError'
                TargetObject      = $secedit
                Message           = 'secedit /export /areas USER_RIGHTS failed with exit code {0}{1}. {2} {3}' -f $run.ExitCode, $(if ([System.IO.File]::Exists($configurationPath)) { '' } else { ' and wrote no file' }), $run.Output.Trim(), $log
                RecommendedAction = 'Run as an administrator (secedit needs to read the local security policy).'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @failed))
        }

        return [System.IO.File]::ReadAllText($configurationPath)
    }
    finally
    {
        foreach ($path in @($configurationPath, $logPath))
        {
            if ([System.IO.File]::Exists($path))
            {
                [System.IO.File]::Delete($path)
            }
        }
    }
}
