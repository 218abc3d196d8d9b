function Remove-IisLogonRightsOldBackup
{
    <#
    .SYNOPSIS
        Prunes the backup root to the newest backups (the retention setting).

    .DESCRIPTION
        Keeps the Keep newest backup folders directly under Root and removes the older ones.
        Only folders named as Set names them (UTC time and a random suffix, for example
        20240917T075240123Z-1a2b3c4d) are counted or removed, oldest first by that name. A
        folder is removed only when it holds nothing but files: one with a subfolder or a link
        is left alone with a warning, so pruning never follows a link out of the root.

    .PARAMETER Root
        The backup root.

    .PARAMETER Keep
        How many backups to keep.

    .EXAMPLE
        Remove-IisLogonRightsOldBackup -Root (Get-IisLogonRightsDefaultBackupRoot) -Keep 50 -Confirm:$false
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Root,

        [Parameter(Mandatory = $true)]
        [ValidateRange(1, 100000)]
        [System.Int32]
        $Keep
    )

    if (-not [System.IO.Directory]::Exists($Root))
    {
        return
    }

    # The names start with the UTC time, so ordinal order is age order; newest first.
    [System.String[]] $backups = @([System.IO.Directory]::GetDirectories($Root) | Where-Object { [System.IO.Path]::GetFileName($_) -cmatch '^\d{8}T\d{9}Z-[0-9a-f]{8}$' })
    [System.Array]::Sort($backups, [System.StringComparer]::Ordinal)
    [System.Array]::Reverse($backups)
    for ($index = $Keep; $index -lt $backups.Count; $index++)
    {
        $folder = $backups[$index]
        $info = [System.IO.DirectoryInfo]::new($folder)
        $entries = @($info.GetFileSystemInfos())
        $unsafe = @($entries | Where-Object { ($_.Attributes -band [System.IO.FileAttributes]::Directory) -or ($_.Attributes -band [System.IO.FileAttributes]::ReparsePoint) })
        if (($info.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -or $unsafe.Count -gt 0)
        {
            Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Old backup {0} holds a folder or a link, so it was not pruned.' -f $folder))
            continue
        }

        if ($PSCmdlet.ShouldProcess($folder, 'Remove an old backup'))
        {
            foreach ($entry in $entries)
            {
                [System.IO.File]::Delete($entry.FullName)
            }

            [System.IO.Directory]::Delete($folder, $false)
        }
    }
}
