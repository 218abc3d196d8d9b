function Initialize-IisLogonRightsBackupRoot
{
    <#
    .SYNOPSIS
        Creates the backup root if needed and gives it its explicit ACL.

    .DESCRIPTION
        Creates the folder and applies Set-IisLogonRightsPathProtection (SYSTEM and
        Administrators only, inheritance off) every time a backup is written, so a root created
        by an older version, or whose ACL was loosened, is locked down again before it receives
        a backup.

    .PARAMETER Path
        The backup root.

    .EXAMPLE
        Initialize-IisLogonRightsBackupRoot -Path (Get-IisLogonRightsDefaultBackupRoot)
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    if ($PSCmdlet.ShouldProcess($Path, 'Create the backup folder, for SYSTEM and Administrators only'))
    {
        $null = [System.IO.Directory]::CreateDirectory($Path)
        Set-IisLogonRightsPathProtection -Path $Path -Confirm:$false
    }
}
