function Get-IisLogonRightsSubfolderName
{
    <#
    .SYNOPSIS
        Lists the names of the folders directly inside a folder.

    .DESCRIPTION
        A boundary function (tests replace it): the only folder listing of the web.config
        collection. Returns the names (not paths) of the subfolders, in the order the file system
        gives them. Any failure (access denied, a share that does not answer, a folder that does
        not exist) is thrown for the caller to record as the reason the walk stopped.

    .PARAMETER Path
        The full path of the folder, environment variables already expanded.

    .EXAMPLE
        Get-IisLogonRightsSubfolderName -Path 'D:\sites\blog'   # bin, docs, images
    #>
    [CmdletBinding()]
    [OutputType([System.String[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Path
    )

    $names = foreach ($folder in [System.IO.Directory]::GetDirectories($Path))
    {
        [System.IO.Path]::GetFileName($folder)
    }

    return , [System.String[]] @($names)
}
