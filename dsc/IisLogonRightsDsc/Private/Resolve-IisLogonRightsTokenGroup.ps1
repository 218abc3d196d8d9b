function Resolve-IisLogonRightsTokenGroup
{
    <#
    .SYNOPSIS
        Works out the group SIDs an account's logon token carries on this host.

    .DESCRIPTION
        A token holds the account's domain groups and every local group that contains the
        account, one of those domain groups, or a well-known SID that every such token holds:
        Everyone (S-1-1-0), Authenticated Users (S-1-5-11, not for the built-in Guest, RID 501)
        and, for local accounts, Local account (S-1-5-113). That is how Users (which contains
        Authenticated Users) ends up in nearly every token. Application pool identities
        (S-1-5-82-...) also get IIS_IUSRS (S-1-5-32-568), which IIS adds to the worker process
        token at run time. The account's own SID and the well-known SIDs themselves are left
        out: the engine adds those it computes for the logon type.

    .PARAMETER Sid
        The account's SID.

    .PARAMETER Kind
        local, domain, builtin or virtual (Get-IisLogonRightsAccountKind).

    .PARAMETER DomainGroup
        The domain group SIDs (Get-IisLogonRightsDomainGroup), empty for other accounts.

    .PARAMETER LocalGroupMember
        Local group SID to member SIDs (Get-IisLogonRightsLocalGroupMember).

    .EXAMPLE
        Resolve-IisLogonRightsTokenGroup -Sid $sid -Kind 'local' -DomainGroup @() -LocalGroupMember $members
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid,

        [Parameter(Mandatory = $true)]
        [ValidateSet('local', 'domain', 'builtin', 'virtual')]
        [System.String]
        $Kind,

        [Parameter()]
        [AllowEmptyCollection()]
        [System.String[]]
        $DomainGroup = @(),

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $LocalGroupMember
    )

    $implicit = [System.Collections.Generic.List[System.String]]::new()
    $implicit.Add('S-1-1-0')
    if ($Sid -notmatch '^S-1-5-21-.+-501$')
    {
        $implicit.Add('S-1-5-11')
    }

    if ($Kind -eq 'local')
    {
        $implicit.Add('S-1-5-113')
    }

    $inToken = [System.Collections.Generic.HashSet[System.String]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $null = $inToken.Add($Sid)
    foreach ($item in @($DomainGroup) + $implicit.ToArray())
    {
        $null = $inToken.Add($item)
    }

    $groups = [System.Collections.Generic.SortedSet[System.String]]::new([System.StringComparer]::Ordinal)
    foreach ($item in $DomainGroup)
    {
        $null = $groups.Add($item.ToUpperInvariant())
    }

    foreach ($groupSid in $LocalGroupMember.Keys)
    {
        foreach ($member in @($LocalGroupMember[$groupSid]))
        {
            if ($inToken.Contains($member))
            {
                $null = $groups.Add(([System.String] $groupSid).ToUpperInvariant())
                break
            }
        }
    }

    if ($Sid -match '^S-1-5-82-')
    {
        $null = $groups.Add('S-1-5-32-568')
    }

    $null = $groups.Remove($Sid.ToUpperInvariant())
    foreach ($item in $implicit)
    {
        $null = $groups.Remove($item)
    }

    return [System.String[]] @($groups)
}
