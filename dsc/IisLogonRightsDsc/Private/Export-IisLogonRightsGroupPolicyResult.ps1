function Export-IisLogonRightsGroupPolicyResult
{
    <#
    .SYNOPSIS
        Returns the text of `gpresult /scope computer /x`.

    .DESCRIPTION
        The fallback source of Group Policy facts when RSoP WMI cannot be read. Like the secedit
        export: a uniquely named temp file, the exit code checked, the file removed afterwards.

    .EXAMPLE
        $gpresultText = Export-IisLogonRightsGroupPolicyResult
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), ('iis-logon-rights-{0}.xml' -f [System.Guid]::NewGuid().ToString('N')))
    $gpresult = [System.IO.Path]::Combine((Get-IisLogonRightsSystemDirectory), 'gpresult.exe')
    try
    {
        $run = Invoke-IisLogonRightsNativeCommand -FilePath $gpresult -ArgumentList @('/scope', 'computer', '/x', $path, '/f')
        if ($run.ExitCode -ne 0 -or -not [System.IO.File]::Exists($path))
        {
            $failed = @{
                ErrorId           = 'IisLogonRightsGpresultFailed'
                Category          = 'ReadError'
                TargetObject      = $gpresult
                Message           = 'gpresult /scope computer /x failed with exit code {0}: {1}' -f $run.ExitCode, $run.Output.Trim()
                RecommendedAction = 'Run as an administrator; on a computer that is not in a domain, collect without Group Policy facts (-GroupPolicySource None).'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @failed))
        }

        return [System.IO.File]::ReadAllText($path)
    }
    finally
    {
        if ([System.IO.File]::Exists($path))
        {
            [System.IO.File]::Delete($path)
        }
    }
}
