function Get-IisLogonRightsFileHash
{
    <#
    .SYNOPSIS
        Returns the SHA-256 of a file as lower-case hex.

    .DESCRIPTION
        For the backup manifest: written at Set time, compared before Undo reads anything.
        Uses .NET directly, so it works the same in Windows PowerShell 5.1 and PowerShell 7.

    .PARAMETER Path
        The file.

    .EXAMPLE
        Get-IisLogonRightsFileHash -Path (Join-Path $backup 'plan.json')
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    $sha256 = [System.Security.Cryptography.SHA256]::Create()
    try
    {
        $digest = $sha256.ComputeHash([System.IO.File]::ReadAllBytes($Path))
    }
    finally
    {
        $sha256.Dispose()
    }

    return ([System.BitConverter]::ToString($digest) -replace '-', '').ToLowerInvariant()
}
