function Set-IisLogonRightsPathProtection
{
    <#
    .SYNOPSIS
        Gives a folder an explicit ACL: SYSTEM and Administrators only, inheritance off.

    .DESCRIPTION
        A boundary function (tests replace it). The backup root must not inherit the permissions of %ProgramData%, where ordinary users
        may create folders: anyone who could write a backup could make Undo remove or grant
        rights. The folder gets Administrators as owner, inheritance from its parent turned off
        (inherited entries are not copied), and full control for SYSTEM (S-1-5-18) and
        Administrators (S-1-5-32-544), inherited by everything created inside it. Does nothing
        where Windows ACLs do not exist (the module's tests on Linux replace this function).

    .PARAMETER Path
        The folder to protect.

    .EXAMPLE
        Set-IisLogonRightsPathProtection -Path 'C:\ProgramData\IisLogonRightsDsc\Backups'
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT)
    {
        Write-Verbose -Message ('Not Windows: no ACL is set on {0}.' -f $Path)
        return
    }

    $administrators = [System.Security.Principal.SecurityIdentifier]::new('S-1-5-32-544')
    $security = [System.Security.AccessControl.DirectorySecurity]::new()
    $security.SetOwner($administrators)
    $security.SetAccessRuleProtection($true, $false)
    $inheritance = [System.Security.AccessControl.InheritanceFlags] 'ContainerInherit, ObjectInherit'
    foreach ($sid in @('S-1-5-18', 'S-1-5-32-544'))
    {
        $identity = [System.Security.Principal.SecurityIdentifier]::new($sid)
        $rule = [System.Security.AccessControl.FileSystemAccessRule]::new($identity, [System.Security.AccessControl.FileSystemRights]::FullControl, $inheritance, [System.Security.AccessControl.PropagationFlags]::None, [System.Security.AccessControl.AccessControlType]::Allow)
        $security.AddAccessRule($rule)
    }

    if ($PSCmdlet.ShouldProcess($Path, 'Restrict access to SYSTEM and Administrators'))
    {
        Set-Acl -LiteralPath $Path -AclObject $security -ErrorAction Stop
    }
}
