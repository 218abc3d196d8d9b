function Resolve-IisLogonRightsPhysicalFolder
{
    <#
    .SYNOPSIS
        Maps a site-relative URL path to the folder IIS serves it from.

    .DESCRIPTION
        The longest virtual directory whose path is at or above the URL path gives the folder;
        the remaining segments are folders below it. Returns $null when no virtual directory
        covers the path, when the directory has no physicalPath, when the path is below a
        directory whose AllowSubDirConfig is false (IIS reads no web.config there), or when a
        remaining segment could leave the folder (. or .., or one holding \ / or :), because the
        segments come from a configuration file, which is not trusted input.

    .PARAMETER Directories
        Objects with Segments (the virtual directory's URL segments), PhysicalPath and optionally
        AllowSubDirConfig.

    .PARAMETER Segments
        The URL path's segments.

    .EXAMPLE
        Resolve-IisLogonRightsPhysicalFolder -Directories $directories -Segments @('app', 'docs')
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Object[]]
        $Directories,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.String[]]
        $Segments
    )

    $best = $null
    foreach ($directory in $Directories)
    {
        $directorySegments = [System.String[]] @($directory.Segments)
        $longer = $null -eq $best -or $directorySegments.Count -gt @($best.Segments).Count
        if ($longer -and (Test-IisLogonRightsPathPrefix -Prefixes @(, $directorySegments) -Segments $Segments))
        {
            $best = $directory
        }
    }

    if ($null -eq $best -or [System.String]::IsNullOrEmpty($best.PhysicalPath))
    {
        return $null
    }

    # allowSubDirConfig="false": IIS reads no web.config below the directory's own folder.
    if ($best.PSObject.Properties['AllowSubDirConfig'] -and -not $best.AllowSubDirConfig -and @($Segments).Count -gt @($best.Segments).Count)
    {
        return $null
    }

    $folder = $best.PhysicalPath.TrimEnd('\')
    foreach ($segment in @($Segments | Select-Object -Skip @($best.Segments).Count))
    {
        if ($segment -eq '.' -or $segment -eq '..' -or $segment.IndexOfAny([System.Char[]] @('\', '/', ':')) -ge 0)
        {
            return $null
        }

        $folder = '{0}\{1}' -f $folder, $segment
    }

    return $folder
}
