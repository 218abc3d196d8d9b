function Get-IisLogonRightsAccountKind
{
    <#
    .SYNOPSIS
        Classifies a resolved account as local, domain, builtin or virtual (accounts.json kind).

    .DESCRIPTION
        Virtual: application pool identities (S-1-5-82-...) and service SIDs (S-1-5-80-...).
        Local or domain: accounts of an S-1-5-21 domain, local when the canonical name's domain
        part is this computer. Builtin: everything else (BUILTIN\..., NT AUTHORITY\..., the
        well-known SIDs).

    .PARAMETER Sid
        The account's SID.

    .PARAMETER CanonicalName
        DOMAIN\name as the host resolved the SID.

    .PARAMETER ComputerName
        This computer's name.

    .EXAMPLE
        Get-IisLogonRightsAccountKind -Sid 'S-1-5-21-1-2-3-1001' -CanonicalName 'WEB01\anon' -ComputerName 'WEB01'

        Returns local.
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $CanonicalName,

        [Parameter(Mandatory = $true)]
        [System.String]
        $ComputerName
    )

    if ($Sid -match '^S-1-5-(80|82)-')
    {
        return 'virtual'
    }

    if ($Sid -match '^S-1-5-21-')
    {
        $slash = $CanonicalName.IndexOf('\')
        if ($slash -gt 0 -and $CanonicalName.Substring(0, $slash) -eq $ComputerName)
        {
            return 'local'
        }

        return 'domain'
    }

    return 'builtin'
}
