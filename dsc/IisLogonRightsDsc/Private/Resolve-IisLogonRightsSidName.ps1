function Resolve-IisLogonRightsSidName
{
    <#
    .SYNOPSIS
        Returns the DOMAIN\name a SID translates to on this host, or nothing when it translates to none.

    .DESCRIPTION
        A boundary function (tests replace it): LookupAccountSid through
        System.Security.Principal. A SID this host does not define (IdentityNotMappedException)
        returns nothing, which is the answer the caller wants for S-1-5-113: Windows 8.1 and
        Server 2012 R2 define it, Windows 7, 8, Server 2008 R2 and 2012 only with KB 2871997.

    .PARAMETER Sid
        The SID in S-1-... form.

    .EXAMPLE
        Resolve-IisLogonRightsSidName -Sid 'S-1-5-113'   # NT AUTHORITY\Local account, or nothing
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid
    )

    try
    {
        return ([System.Security.Principal.SecurityIdentifier]::new($Sid)).Translate([System.Security.Principal.NTAccount]).Value
    }
    catch [System.Security.Principal.IdentityNotMappedException]
    {
        return $null
    }
}
