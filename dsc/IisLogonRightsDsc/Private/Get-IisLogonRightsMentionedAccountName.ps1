function Get-IisLogonRightsMentionedAccountName
{
    <#
    .SYNOPSIS
        Lists the account names that the collected IIS configuration and policy mention.

    .DESCRIPTION
        These are the names the host must resolve to SIDs for accounts.json: anonymous user
        names (anonymousAuthentication userName, in applicationHost.config and in the collected
        web.config files, IIS 6 AnonymousUserName), application pool
        accounts (processModel userName, IIS 6 WAMUserName, and IIS APPPOOL\<pool> for every
        pool), connect-as accounts (virtualDirectory and virtualDirectoryDefaults userName, IIS 6
        UNCUserName), and holders of
        logon rights written by name instead of *SID in secedit.inf, rsop.json and gpresult.xml.
        Finding too many names costs a lookup; missing one leaves an identity unresolved, so the
        search is broad (every element, every location) and deciding what applies where is left
        to the engine. Names are returned once each (compared case-insensitively), in the order
        found. A file that does not parse contributes nothing here; the engine reports it.

    .PARAMETER Files
        The collected files (name to content), as in the facts document.

    .EXAMPLE
        $names = Get-IisLogonRightsMentionedAccountName -Files $files
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Files
    )

    $names = [System.Collections.Generic.List[System.String]]::new()
    $seen = [System.Collections.Generic.HashSet[System.String]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $add = {
        param ($name)
        if ($null -eq $name)
        {
            return
        }

        $trimmed = ([System.String] $name).Trim()
        if ($trimmed -ne '' -and $trimmed -notmatch '^\*?S-1-' -and $seen.Add($trimmed))
        {
            $names.Add($trimmed)
        }
    }
    $logonRight = '^\s*Se\w*LogonRight\s*$'

    if ($Files.Contains('applicationHost.config'))
    {
        try
        {
            $document = ConvertTo-IisLogonRightsXmlDocument -Text $Files['applicationHost.config']
            foreach ($attribute in $document.SelectNodes('//anonymousAuthentication/@userName | //processModel/@userName | //virtualDirectory/@userName | //virtualDirectoryDefaults/@userName'))
            {
                & $add $attribute.Value
            }

            foreach ($attribute in $document.SelectNodes('//applicationPools/add/@name'))
            {
                if ($attribute.Value.Trim() -ne '')
                {
                    & $add ('IIS APPPOOL\{0}' -f $attribute.Value.Trim())
                }
            }
        }
        catch [System.Xml.XmlException]
        {
            Write-Verbose -Message ('applicationHost.config does not parse here, so no names were read from it: {0}' -f $_.Exception.Message)
        }
    }

    if ($Files.Contains('webconfigs.json'))
    {
        foreach ($entry in @($Files['webconfigs.json']['webConfigs']))
        {
            if ($entry -isnot [System.Collections.IDictionary] -or -not $entry.Contains('text'))
            {
                continue
            }

            try
            {
                $document = ConvertTo-IisLogonRightsXmlDocument -Text $entry['text']
                foreach ($attribute in $document.SelectNodes('//*[local-name()="anonymousAuthentication"]/@userName'))
                {
                    & $add $attribute.Value
                }
            }
            catch [System.Xml.XmlException]
            {
                Write-Verbose -Message ('A collected web.config does not parse here, so no names were read from it: {0}' -f $_.Exception.Message)
            }
        }
    }

    if ($Files.Contains('MetaBase.xml'))
    {
        try
        {
            $document = ConvertTo-IisLogonRightsXmlDocument -Text $Files['MetaBase.xml']
            foreach ($attribute in $document.SelectNodes('//*/@AnonymousUserName | //*/@WAMUserName | //*/@UNCUserName'))
            {
                & $add $attribute.Value
            }
        }
        catch [System.Xml.XmlException]
        {
            Write-Verbose -Message ('MetaBase.xml does not parse here, so no names were read from it: {0}' -f $_.Exception.Message)
        }
    }

    if ($Files.Contains('secedit.inf'))
    {
        $inPrivilegeRights = $false
        foreach ($line in ($Files['secedit.inf'] -split "`r?`n"))
        {
            if ($line -match '^\s*\[(?<section>[^\]]+)\]\s*$')
            {
                $inPrivilegeRights = $Matches['section'].Trim() -eq 'Privilege Rights'
                continue
            }

            $equals = $line.IndexOf('=')
            if ($inPrivilegeRights -and $equals -gt 0 -and $line.Substring(0, $equals) -match $logonRight)
            {
                foreach ($holder in $line.Substring($equals + 1).Split(','))
                {
                    & $add $holder
                }
            }
        }
    }

    if ($Files.Contains('rsop.json'))
    {
        foreach ($entry in @($Files['rsop.json']))
        {
            # Collected RSoP entries are dictionaries; text (a rsop.json read from a file) has no names to offer here.
            if ($entry -is [System.Collections.IDictionary] -and [System.String] $entry['right'] -match $logonRight)
            {
                foreach ($holder in @($entry['accounts']))
                {
                    & $add $holder
                }
            }
        }
    }

    if ($Files.Contains('gpresult.xml'))
    {
        try
        {
            $document = ConvertTo-IisLogonRightsXmlDocument -Text $Files['gpresult.xml']
            foreach ($assignment in $document.SelectNodes('//*[local-name()="UserRightsAssignment"]'))
            {
                $rightName = $assignment.SelectSingleNode('*[local-name()="Name"]')
                if ($null -eq $rightName -or $rightName.InnerText -notmatch $logonRight)
                {
                    continue
                }

                foreach ($member in $assignment.SelectNodes('*[local-name()="Member"]'))
                {
                    $sid = $member.SelectSingleNode('*[local-name()="SID"]')
                    $name = $member.SelectSingleNode('*[local-name()="Name"]')
                    if (($null -eq $sid -or $sid.InnerText.Trim() -eq '') -and $null -ne $name)
                    {
                        & $add $name.InnerText
                    }
                }
            }
        }
        catch [System.Xml.XmlException]
        {
            Write-Verbose -Message ('gpresult.xml does not parse here, so no names were read from it: {0}' -f $_.Exception.Message)
        }
    }

    return $names.ToArray()
}
