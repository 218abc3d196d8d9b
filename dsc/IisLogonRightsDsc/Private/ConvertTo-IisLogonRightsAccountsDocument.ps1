function ConvertTo-IisLogonRightsAccountsDocument
{
    <#
    .SYNOPSIS
        Builds accounts.json (schemas/accounts.schema.json) from name resolutions.

    .DESCRIPTION
        One account per SID, under the name the host resolved it to (DOMAIN\name). The engine
        looks identities up by the name IIS or the policy wrote, so when that name was written
        qualified in another spelling (a UPN, a DNS domain name, .\name) it is listed as well,
        with the same SID and groups. Bare names need no second entry: the engine matches them
        to COMPUTER\name or to a unique short name. Names that could not be resolved are listed
        under unresolved with the host's reason, never dropped.

    .PARAMETER Resolution
        One object per mentioned name: Name, and either Sid, CanonicalName, Kind and Groups, or
        Error (why the host could not resolve it). GroupsIncomplete, when set, says why the
        account's domain groups could not be read; it becomes `groupsIncomplete`, so the engine
        knows the token may hold groups that are not listed.

    .PARAMETER LocalGroup
        The local groups with their direct members: Sid, Name and Members. A group already
        listed as an account gets `members`; any other one is added as an account of its own
        (kind builtin for S-1-5-32-..., else local) with only its members.

    .EXAMPLE
        ConvertTo-IisLogonRightsAccountsDocument -Resolution $resolutions
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Object[]]
        $Resolution,

        [Parameter()]
        [AllowEmptyCollection()]
        [System.Object[]]
        $LocalGroup = @()
    )

    $accounts = [System.Collections.Generic.List[System.Object]]::new()
    $unresolved = [System.Collections.Generic.List[System.Object]]::new()
    $names = [System.Collections.Generic.HashSet[System.String]]::new([System.StringComparer]::OrdinalIgnoreCase)

    foreach ($entry in $Resolution)
    {
        if ($null -ne $entry.Error)
        {
            $unresolved.Add([ordered] @{
                    name   = $entry.Name
                    reason = [System.String] $entry.Error
                })
            continue
        }

        $spellings = @($entry.CanonicalName)
        $mentioned = $entry.Name -replace '^\.\\', ''
        if ($mentioned -ne $entry.CanonicalName -and ($mentioned.Contains('\') -or $mentioned.Contains('@')))
        {
            $spellings += $mentioned
        }

        foreach ($spelling in $spellings)
        {
            if (-not $names.Add($spelling))
            {
                continue
            }

            $account = [ordered] @{
                name   = $spelling
                sid    = $entry.Sid
                kind   = $entry.Kind
                groups = [System.String[]] @($entry.Groups)
            }
            # Resolutions built by older callers have no such property; strict mode would throw.
            $incomplete = $entry.PSObject.Properties['GroupsIncomplete']
            if ($null -ne $incomplete -and -not [System.String]::IsNullOrEmpty($incomplete.Value))
            {
                $account['groupsIncomplete'] = [System.String] $incomplete.Value
            }

            $accounts.Add($account)
        }
    }

    foreach ($group in $LocalGroup)
    {
        $listed = @($accounts | Where-Object { $_.sid -eq $group.Sid })
        foreach ($account in $listed)
        {
            $account['members'] = [System.String[]] @($group.Members)
        }

        if ($listed.Count -eq 0 -and $names.Add($group.Name))
        {
            $accounts.Add([ordered] @{
                    name    = $group.Name
                    sid     = $group.Sid
                    kind    = $(if ($group.Sid.StartsWith('S-1-5-32-')) { 'builtin' } else { 'local' })
                    members = [System.String[]] @($group.Members)
                })
        }
    }

    return [ordered] @{
        accounts   = $accounts.ToArray()
        unresolved = $unresolved.ToArray()
    }
}
