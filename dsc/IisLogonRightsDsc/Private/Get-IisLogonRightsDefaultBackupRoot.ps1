function Get-IisLogonRightsDefaultBackupRoot
{
    <#
    .SYNOPSIS
        Returns the default folder for backups: %ProgramData%\IisLogonRightsDsc\Backups.

    .DESCRIPTION
        A machine-wide folder, so backups written by the DSC LCM (SYSTEM) and by an
        administrator's session land in the same place.

    .EXAMPLE
        Get-IisLogonRightsDefaultBackupRoot
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $programData = [System.Environment]::GetFolderPath([System.Environment+SpecialFolder]::CommonApplicationData)
    return [System.IO.Path]::Combine($programData, 'IisLogonRightsDsc', 'Backups')
}
