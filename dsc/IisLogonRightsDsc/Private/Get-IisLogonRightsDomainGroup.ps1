function Get-IisLogonRightsDomainGroup
{
    <#
    .SYNOPSIS
        Returns the SIDs of the domain security groups in a domain account's token.

    .DESCRIPTION
        A boundary function (tests replace it). Asks the domain for the account's authorization
        groups (its tokenGroups: nested global, universal and domain-local groups), through
        System.DirectoryServices.AccountManagement, as the computer account when run as SYSTEM.
        Throws when the domain cannot be reached; the caller then keeps the local groups only
        and says so in a warning.

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

    Add-Type -AssemblyName 'System.DirectoryServices.AccountManagement'
    $context = [System.DirectoryServices.AccountManagement.PrincipalContext]::new([System.DirectoryServices.AccountManagement.ContextType]::Domain)
    try
    {
        $principal = [System.DirectoryServices.AccountManagement.Principal]::FindByIdentity($context, [System.DirectoryServices.AccountManagement.IdentityType]::Sid, $Sid)
        if ($null -eq $principal)
        {
            throw ('the domain does not know {0}' -f $Sid)
        }

        $groups = [System.Collections.Generic.List[System.String]]::new()
        $authorizationGroups = $null
        if ($principal -is [System.DirectoryServices.AccountManagement.AuthenticablePrincipal])
        {
            $authorizationGroups = $principal.GetAuthorizationGroups()
        }
        else
        {
            $authorizationGroups = $principal.GetGroups()
        }

        foreach ($group in $authorizationGroups)
        {
            if ($null -ne $group.Sid)
            {
                $groups.Add($group.Sid.Value)
            }
        }

        return $groups.ToArray()
    }
    finally
    {
        $context.Dispose()
    }
}
