function Resolve-IisLogonRightsConfigurationFolder
{
    <#
    .SYNOPSIS
        Returns the folder that holds the applicationHost.config IIS actually uses.

    .DESCRIPTION
        With shared configuration, redirection.config (in the local configuration folder) holds
        <configurationRedirection enabled="true" path="\\server\share\folder" />, and IIS reads
        applicationHost.config from that path. Without it, or when it is disabled, the local
        folder is the answer. The credentials redirection.config may hold are never read.

    .PARAMETER RedirectionConfigText
        The text of redirection.config, or an empty string when the file does not exist.

    .PARAMETER DefaultFolder
        The local configuration folder (%windir%\System32\inetsrv\config).

    .EXAMPLE
        Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText $text -DefaultFolder 'C:\Windows\System32\inetsrv\config'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $RedirectionConfigText,

        [Parameter(Mandatory = $true)]
        [System.String]
        $DefaultFolder
    )

    if ($RedirectionConfigText.Trim() -eq '')
    {
        return $DefaultFolder
    }

    $document = ConvertTo-IisLogonRightsXmlDocument -Text $RedirectionConfigText
    $redirection = $document.SelectSingleNode('/configuration/configurationRedirection')
    if ($null -eq $redirection)
    {
        return $DefaultFolder
    }

    $enabled = $redirection.GetAttribute('enabled')
    $path = $redirection.GetAttribute('path').Trim()
    if ($enabled -ne 'true' -or $path -eq '')
    {
        return $DefaultFolder
    }

    return [System.Environment]::ExpandEnvironmentVariables($path)
}
