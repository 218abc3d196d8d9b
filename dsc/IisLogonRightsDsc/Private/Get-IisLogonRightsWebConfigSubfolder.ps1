function Get-IisLogonRightsWebConfigSubfolder
{
    <#
    .SYNOPSIS
        Walks the plain folders below one collected path, within the collector's limits.

    .DESCRIPTION
        A web.config in a plain physical folder (not an application or virtual directory) applies
        at the folder's URL path just as one at an application does, so the folders below each
        path the collector reads are listed too, breadth first: at most MaxDepth levels below the
        path, and no more folders than the shared Budget allows (a huge content tree must not
        stall a Test). Folders whose URL path is in Skip (other collected paths: applications,
        virtual directories and location paths, each walked on its own) are not entered, and
        neither are names that could leave the folder. Returns one object: Folders, the
        (Path, Folder) pairs to read a web.config from, and Walk, the folderWalks entry of
        webconfigs.json saying how far the walk went (complete is false, with the reason, when a
        folder could not be listed or the budget ran out).

    .PARAMETER Site
        The site's name.

    .PARAMETER Path
        The site-relative URL path the walk starts at, e.g. / or /app.

    .PARAMETER Folder
        The folder that path is served from, environment variables expanded.

    .PARAMETER Skip
        Lower-cased URL paths not to enter.

    .PARAMETER MaxDepth
        How many folder levels below Path to list.

    .PARAMETER Budget
        A hashtable whose Remaining key counts the folders the whole collection may still list.

    .EXAMPLE
        $walk = Get-IisLogonRightsWebConfigSubfolder -Site 'Blog' -Path '/' -Folder 'D:\sites\blog' -Skip $skip -MaxDepth 8 -Budget $budget
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Site,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Path,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Folder,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Collections.Generic.HashSet[System.String]]
        $Skip,

        [Parameter(Mandatory = $true)]
        [System.Int32]
        $MaxDepth,

        [Parameter(Mandatory = $true)]
        [System.Collections.Hashtable]
        $Budget
    )

    $found = [System.Collections.Generic.List[System.Object]]::new()
    $walk = [ordered] @{
        site         = $Site
        path         = $Path
        physicalPath = $Folder
        depth        = $MaxDepth
        complete     = $true
    }
    $level = @([pscustomobject] @{ Path = $Path.TrimEnd('/'); Folder = $Folder.TrimEnd('\') })
    for ($depth = 1; $depth -le $MaxDepth -and $level.Count -gt 0 -and $walk['complete']; $depth++)
    {
        $next = [System.Collections.Generic.List[System.Object]]::new()
        foreach ($parent in $level)
        {
            try
            {
                $names = @(Get-IisLogonRightsSubfolderName -Path $parent.Folder)
            }
            catch
            {
                $walk['complete'] = $false
                $walk['reason'] = 'the folder {0} could not be listed: {1}' -f $parent.Folder, $_.Exception.Message
                break
            }

            foreach ($name in $names)
            {
                $urlPath = '{0}/{1}' -f $parent.Path, $name
                if ($name -eq '.' -or $name -eq '..' -or $name.IndexOfAny([System.Char[]] @('\', '/', ':')) -ge 0 -or $Skip.Contains($urlPath.ToLowerInvariant()))
                {
                    continue
                }

                if ($Budget['Remaining'] -le 0)
                {
                    $walk['complete'] = $false
                    $walk['reason'] = 'the collector lists at most {0} folders per host, and that many were listed before this one' -f $Budget['Limit']
                    break
                }

                $Budget['Remaining'] = $Budget['Remaining'] - 1
                $child = [pscustomobject] @{ Path = $urlPath; Folder = '{0}\{1}' -f $parent.Folder, $name }
                $found.Add($child)
                $next.Add($child)
            }

            if (-not $walk['complete'])
            {
                break
            }
        }

        $level = $next.ToArray()
    }

    return [pscustomobject] @{ Folders = $found.ToArray(); Walk = $walk }
}
