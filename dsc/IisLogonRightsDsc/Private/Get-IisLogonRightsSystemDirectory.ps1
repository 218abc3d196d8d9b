function Get-IisLogonRightsSystemDirectory
{
    <#
    .SYNOPSIS
        Returns the 64-bit System32 folder, also from a 32-bit PowerShell.

    .DESCRIPTION
        A 32-bit process on 64-bit Windows sees SysWOW64 when it asks for System32, and
        SysWOW64\inetsrv has no IIS configuration. Sysnative is the alias that reaches the real
        System32 from such a process.

    .EXAMPLE
        [System.IO.Path]::Combine((Get-IisLogonRightsSystemDirectory), 'inetsrv', 'config')
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $windows = [System.Environment]::GetFolderPath('Windows')
    if ([System.Environment]::Is64BitOperatingSystem -and -not [System.Environment]::Is64BitProcess)
    {
        return [System.IO.Path]::Combine($windows, 'Sysnative')
    }

    return [System.Environment]::SystemDirectory
}
