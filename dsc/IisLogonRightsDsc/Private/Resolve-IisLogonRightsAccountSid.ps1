function Resolve-IisLogonRightsAccountSid
{
    <#
    .SYNOPSIS
        Resolves an account name to its SID and canonical DOMAIN\name on this host.

    .DESCRIPTION
        A boundary function (tests replace it): LookupAccountName and LookupAccountSid through
        System.Security.Principal. A name written .\name means the local computer. Throws when
        the host cannot resolve the name; the caller lists it as unresolved with that reason.

    .PARAMETER Name
        The account name as IIS or the policy wrote it.

    .PARAMETER ComputerName
        The local computer name, for names written .\name.

    .EXAMPLE
        Resolve-IisLogonRightsAccountSid -Name 'IIS APPPOOL\DefaultAppPool' -ComputerName $env:COMPUTERNAME
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Name,

        [Parameter(Mandatory = $true)]
        [System.String]
        $ComputerName
    )

    $lookupName = $Name
    if ($lookupName.StartsWith('.\'))
    {
        $lookupName = '{0}\{1}' -f $ComputerName, $lookupName.Substring(2)
    }

    $sid = ([System.Security.Principal.NTAccount]::new($lookupName)).Translate([System.Security.Principal.SecurityIdentifier])
    $canonical = $sid.Translate([System.Security.Principal.NTAccount]).Value
    return [pscustomobject] @{
        Sid           = $sid.Value
        CanonicalName = $canonical
    }
}
