function Get-IisLogonRightsWebConfigDocument
{
    <#
    .SYNOPSIS
        Collects the web.config files that may set the anonymous identity (webconfigs.json).

    .DESCRIPTION
        For every site, application, virtual directory and location path where
        anonymousAuthentication is unlocked (Get-IisLogonRightsWebConfigPath), reads the
        web.config in the folder IIS serves it from, environment variables such as
        %SystemDrive% expanded. Each becomes an entry: state read with the text (reduced to its
        anonymousAuthentication settings, ConvertTo-IisLogonRightsWebConfigExcerpt), absent when the folder has none, or unreadable with the reason. The engine
        applies them where the section is unlocked and notes every path it still lacks.
        Returns $null when the section is locked everywhere (no web.config can change the
        anonymous identity, so there is nothing to collect).

    .PARAMETER ApplicationHostText
        The text of applicationHost.config.

    .EXAMPLE
        $files['webconfigs.json'] = Get-IisLogonRightsWebConfigDocument -ApplicationHostText $iis.Text
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $ApplicationHostText
    )

    $paths = @(Get-IisLogonRightsWebConfigPath -ApplicationHostText $ApplicationHostText)
    if ($paths.Count -eq 0)
    {
        return $null
    }

    $entries = [System.Collections.Generic.List[System.Object]]::new()
    foreach ($path in $paths)
    {
        $file = '{0}\web.config' -f [System.Environment]::ExpandEnvironmentVariables($path.Folder).TrimEnd('\')
        $entry = [ordered] @{
            site         = $path.Site
            path         = $path.Path
            physicalPath = $file
            state        = 'absent'
        }
        try
        {
            $text = Read-IisLogonRightsWebConfigFile -Path $file
            if ($null -ne $text)
            {
                $entry['state'] = 'read'
                $entry['text'] = ConvertTo-IisLogonRightsWebConfigExcerpt -Text $text
            }
        }
        catch
        {
            $entry['state'] = 'unreadable'
            $exception = $_.Exception
            if ($exception -is [System.Management.Automation.MethodInvocationException] -and $null -ne $exception.InnerException)
            {
                $exception = $exception.InnerException
            }

            $entry['reason'] = $exception.Message
            if ($exception -is [System.Xml.XmlException])
            {
                $entry['reason'] = 'not well-formed XML, so IIS answers HTTP 500.19 for this path: {0}' -f $exception.Message
            }

            # Site names and paths come from the configuration: shown escaped, like every message.
            Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('{0} (site "{1}" path {2}) could not be read, so the verdict there may miss its anonymous identity: {3}' -f $file, $path.Site, $path.Path, $entry['reason']))
        }

        $entries.Add($entry)
    }

    return [ordered] @{ webConfigs = $entries.ToArray() }
}
