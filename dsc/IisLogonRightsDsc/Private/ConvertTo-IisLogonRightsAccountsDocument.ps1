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
        Error (why the host could not resolve it).

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
        $Resolution
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

            $accounts.Add([ordered] @{
                    name   = $spelling
                    sid    = $entry.Sid
                    kind   = $entry.Kind
                    groups = [System.String[]] @($entry.Groups)
                })
        }
    }

    return [ordered] @{
        accounts   = $accounts.ToArray()
        unresolved = $unresolved.ToArray()
    }
}
