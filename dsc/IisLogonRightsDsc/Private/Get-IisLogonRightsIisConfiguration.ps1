function Get-IisLogonRightsIisConfiguration
{
    <#
    .SYNOPSIS
        Reads the IIS configuration file: applicationHost.config (IIS 7+) or MetaBase.xml (IIS 6).

    .DESCRIPTION
        IIS 7 and later: %windir%\System32\inetsrv\config\applicationHost.config, or the
        applicationHost.config in the folder redirection.config points to (shared
        configuration). IIS 6: %windir%\System32\inetsrv\MetaBase.xml. Password values are
        redacted before the text leaves this function (ConvertTo-IisLogonRightsRedactedText):
        the anonymous user's password is never kept, saved or sent.

    .EXAMPLE
        $iis = Get-IisLogonRightsIisConfiguration   # FileName, Text, Path
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param ()

    $inetsrv = [System.IO.Path]::Combine((Get-IisLogonRightsSystemDirectory), 'inetsrv')
    $localFolder = [System.IO.Path]::Combine($inetsrv, 'config')
    $localApplicationHost = [System.IO.Path]::Combine($localFolder, 'applicationHost.config')
    $metabase = [System.IO.Path]::Combine($inetsrv, 'MetaBase.xml')

    if ([System.IO.File]::Exists($localApplicationHost))
    {
        $redirection = [System.IO.Path]::Combine($localFolder, 'redirection.config')
        $redirectionText = ''
        if ([System.IO.File]::Exists($redirection))
        {
            $redirectionText = [System.IO.File]::ReadAllText($redirection)
        }

        $folder = Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText $redirectionText -DefaultFolder $localFolder
        $path = [System.IO.Path]::Combine($folder, 'applicationHost.config')
        try
        {
            $text = [System.IO.File]::ReadAllText($path)
        }
        catch
        {
            $unreadable = @{
                ErrorId           = 'IisLogonRightsIisConfigurationUnreadable'
                Category          = 'ReadError'
                TargetObject      = $path
                Message           = 'IIS reads its configuration from {0} (redirection.config), which could not be read: {1}' -f $path, $_.Exception.Message
                RecommendedAction = 'Grant this computer''s account (the LCM runs as SYSTEM) read access to the shared configuration folder.'
                InnerException    = $_.Exception
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @unreadable))
        }

        return [pscustomobject] @{
            FileName = 'applicationHost.config'
            Path     = $path
            Text     = ConvertTo-IisLogonRightsRedactedText -Text $text
        }
    }

    if ([System.IO.File]::Exists($metabase))
    {
        return [pscustomobject] @{
            FileName = 'MetaBase.xml'
            Path     = $metabase
            Text     = ConvertTo-IisLogonRightsRedactedText -Text ([System.IO.File]::ReadAllText($metabase))
        }
    }

    $notFound = @{
        ErrorId           = 'IisLogonRightsIisNotFound'
        Category          = 'ObjectNotFound'
        TargetObject      = $inetsrv
        Message           = 'Neither {0} (IIS 7 or later) nor {1} (IIS 6) exists: IIS does not seem to be installed.' -f $localApplicationHost, $metabase
        RecommendedAction = 'Run on the web server itself.'
    }
    $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @notFound))
}
