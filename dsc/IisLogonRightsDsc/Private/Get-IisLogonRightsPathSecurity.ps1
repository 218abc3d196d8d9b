function Get-IisLogonRightsPathSecurity
{
    <#
    .SYNOPSIS
        Returns the owner and access rules of a file or folder as SIDs.

    .DESCRIPTION
        A boundary function (tests replace it). The thin wrapper around Get-Acl that Undo uses to decide whether a backup can be
        trusted: the owner's SID, whether inheritance is off, and each access rule's SID, type
        and rights. Returns $null where Windows ACLs do not exist (the module's tests on Linux
        replace this function).

    .PARAMETER Path
        The file or folder.

    .EXAMPLE
        Get-IisLogonRightsPathSecurity -Path 'C:\ProgramData\IisLogonRightsDsc\Backups'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT)
    {
        return $null
    }

    $sidType = [System.Security.Principal.SecurityIdentifier]
    $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
    $rules = @(
        foreach ($rule in $acl.GetAccessRules($true, $true, $sidType))
        {
            [pscustomobject] @{
                Sid       = $rule.IdentityReference.Value
                Type      = [System.String] $rule.AccessControlType
                Rights    = [System.String] $rule.FileSystemRights
                Inherited = [System.Boolean] $rule.IsInherited
            }
        }
    )
    return [pscustomobject] @{
        Owner     = $acl.GetOwner($sidType).Value
        Protected = [System.Boolean] $acl.AreAccessRulesProtected
        Rules     = $rules
    }
}
