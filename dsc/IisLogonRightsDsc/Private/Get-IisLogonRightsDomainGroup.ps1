function Get-IisLogonRightsDomainGroup
{
    <#
    .SYNOPSIS
        Returns the SIDs of the domain security groups in a domain account's token.

    .DESCRIPTION
        A boundary function (tests replace it). Reads the account's tokenGroups attribute from
        its domain (through ADSI, as the computer account when run as SYSTEM). tokenGroups is
        what a domain controller computes for a logon token: every global, universal and
        domain-local group the account is in, nested groups followed, the primary group and the
        groups' SID history included. It holds SIDs only, so a group whose name cannot be
        resolved still counts; GetAuthorizationGroups() would throw there instead.

        Throws when the account's domain cannot be reached or does not know the SID. The
        caller then records in accounts.json that the account's groups are incomplete, and why,
        so the engine never judges a silently smaller token. For an account of a trusted domain,
        the groups of the resource domain that only its own controllers know may be missing;
        the engine's verdict treats them the same way only when this function throws.

    .PARAMETER Sid
        The account's SID.

    .EXAMPLE
        Get-IisLogonRightsDomainGroup -Sid 'S-1-5-21-2060260628-1893702904-3285376245-1604'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid
    )

    $entry = New-Object -TypeName System.DirectoryServices.DirectoryEntry -ArgumentList ('LDAP://<SID={0}>' -f $Sid)
    try
    {
        # tokenGroups is constructed on request: it must be asked for by name, on the object itself.
        $entry.RefreshCache([System.String[]] @('tokenGroups'))
        $groups = [System.Collections.Generic.List[System.String]]::new()
        foreach ($bytes in $entry.Properties['tokenGroups'])
        {
            $groups.Add((New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList @([System.Byte[]] $bytes, 0)).Value)
        }

        return $groups.ToArray()
    }
    finally
    {
        $entry.Dispose()
    }
}
