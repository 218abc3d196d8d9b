function Get-IisLogonRightsWebConfigEntry
{
    <#
    .SYNOPSIS
        Reads the web.config of one folder into a webconfigs.json entry.

    .DESCRIPTION
        The entry says read (with the text reduced to its anonymousAuthentication settings,
        ConvertTo-IisLogonRightsWebConfigExcerpt), absent when the folder has none, or
        unreadable with the reason, and a warning names a file that could not be read.

    .PARAMETER Site
        The site's name.

    .PARAMETER Path
        The site-relative URL path the folder is served at.

    .PARAMETER Folder
        The folder, environment variables expanded.

    .EXAMPLE
        $entry = Get-IisLogonRightsWebConfigEntry -Site 'Blog' -Path '/' -Folder 'D:\sites\blog'
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Site,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Path,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Folder
    )

    $file = '{0}\web.config' -f $Folder.TrimEnd('\')
    $entry = [ordered] @{
        site         = $Site
        path         = $Path
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
        Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('{0} (site "{1}" path {2}) could not be read, so the verdict there may miss its anonymous identity: {3}' -f $file, $Site, $Path, $entry['reason']))
    }

    return $entry
}
