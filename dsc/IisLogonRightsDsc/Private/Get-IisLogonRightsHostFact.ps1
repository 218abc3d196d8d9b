function Get-IisLogonRightsHostFact
{
    <#
    .SYNOPSIS
        Returns host.json: computer name, domain, OS and IIS versions, collection time.

    .DESCRIPTION
        A boundary function (tests replace it). The OS version decides which SIDs Windows adds
        to tokens (for example Local account, S-1-5-113, since Windows 8.1 and Server 2012 R2),
        so it is read from Win32_OperatingSystem; the IIS version from the InetStp registry key.

    .EXAMPLE
        $hostFact = Get-IisLogonRightsHostFact
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param ()

    $computerSystem = @(Get-IisLogonRightsCimInstance -Namespace 'root\cimv2' -ClassName 'Win32_ComputerSystem')[0]
    $operatingSystem = @(Get-IisLogonRightsCimInstance -Namespace 'root\cimv2' -ClassName 'Win32_OperatingSystem')[0]
    $fact = [ordered] @{
        computerName = $env:COMPUTERNAME
        domain       = [System.String] $computerSystem.Domain
        domainJoined = [System.Boolean] $computerSystem.PartOfDomain
        osVersion    = [System.String] $operatingSystem.Version
    }

    $inetStp = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\InetStp' -ErrorAction SilentlyContinue
    if ($null -ne $inetStp -and $null -ne $inetStp.PSObject.Properties['MajorVersion'])
    {
        $fact['iisVersion'] = '{0}.{1}' -f $inetStp.MajorVersion, $inetStp.MinorVersion
    }

    $fact['collectedAt'] = [System.DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    return $fact
}
