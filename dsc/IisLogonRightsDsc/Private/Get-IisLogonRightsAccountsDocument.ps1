function Get-IisLogonRightsAccountsDocument
{
    <#
    .SYNOPSIS
        Resolves the mentioned account names on this host into accounts.json.

    .DESCRIPTION
        Each name is resolved to a SID and its canonical name, classified, and given the group
        SIDs its token carries: domain groups (asked from the domain for domain accounts; when
        the domain cannot be reached, a warning says so and the local groups are kept) and local
        groups. A name the host cannot resolve is listed as unresolved with the reason. Every
        local group is listed with its direct members (`members`), so the engine can tell which
        aliases a token carries from what this host says rather than from Windows defaults
        (hardened hosts take Authenticated Users out of Users). A server has a few dozen local
        groups, so all of them are listed, which covers every one that a right names.

    .PARAMETER Name
        The names to resolve (the engine's accounts command lists them).

    .PARAMETER ComputerName
        This computer's name.

    .EXAMPLE
        $accounts = Get-IisLogonRightsAccountsDocument -Name $names -ComputerName $env:COMPUTERNAME
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.String[]]
        $Name,

        [Parameter(Mandatory = $true)]
        [System.String]
        $ComputerName
    )

    $localGroupMember = @{}
    try
    {
        $localGroupMember = Get-IisLogonRightsLocalGroupMember
    }
    catch
    {
        Write-Warning -Message ('The local groups could not be read, so accounts.json lists no local group memberships: {0}' -f $_.Exception.Message)
    }

    $resolutions = foreach ($item in $Name)
    {
        try
        {
            $resolved = Resolve-IisLogonRightsAccountSid -Name $item -ComputerName $ComputerName
        }
        catch
        {
            [pscustomobject] @{ Name = $item; Error = $_.Exception.Message }
            continue
        }

        $kind = Get-IisLogonRightsAccountKind -Sid $resolved.Sid -CanonicalName $resolved.CanonicalName -ComputerName $ComputerName
        $domainGroup = @()
        $groupsIncomplete = $null
        if ($kind -eq 'domain')
        {
            try
            {
                $domainGroup = @(Get-IisLogonRightsDomainGroup -Sid $resolved.Sid)
            }
            catch
            {
                # Never a silently smaller token: accounts.json says the list is incomplete, and why.
                $groupsIncomplete = $_.Exception.Message
                Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('The domain groups of {0} could not be read, so its verdict is confirmed only where no unlisted group could change it: {1}' -f $resolved.CanonicalName, $groupsIncomplete))
            }
        }

        [pscustomobject] @{
            Name             = $item
            Error            = $null
            Sid              = $resolved.Sid
            CanonicalName    = $resolved.CanonicalName
            Kind             = $kind
            Groups           = @(Resolve-IisLogonRightsTokenGroup -Sid $resolved.Sid -Kind $kind -DomainGroup $domainGroup -LocalGroupMember $localGroupMember)
            GroupsIncomplete = $groupsIncomplete
        }
    }

    $groupSids = [System.Collections.Generic.List[System.String]]::new()
    foreach ($key in $localGroupMember.Keys)
    {
        $groupSids.Add([System.String] $key)
    }

    $groupSids.Sort([System.StringComparer]::Ordinal)
    $localGroups = foreach ($groupSid in $groupSids)
    {
        $groupName = @($resolutions | Where-Object { $null -eq $_.Error -and $_.Sid -eq $groupSid } | ForEach-Object { $_.CanonicalName })[0]
        if ($null -eq $groupName)
        {
            try
            {
                $groupName = Resolve-IisLogonRightsSidName -Sid $groupSid
            }
            catch
            {
                Write-Verbose -Message ('The local group {0} has no name here: {1}' -f $groupSid, $_.Exception.Message)
            }
        }

        [pscustomobject] @{
            Sid     = $groupSid
            Name    = $(if ([System.String]::IsNullOrEmpty($groupName)) { $groupSid } else { $groupName })
            Members = [System.String[]] @($localGroupMember[$groupSid])
        }
    }

    return ConvertTo-IisLogonRightsAccountsDocument -Resolution @($resolutions) -LocalGroup @($localGroups)
}
