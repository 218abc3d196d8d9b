function Get-IisLogonRightsWebConfigDocument
{
    <#
    .SYNOPSIS
        Collects the web.config files that may set the anonymous identity (webconfigs.json).

    .DESCRIPTION
        For every site, application, virtual directory and location path where
        anonymousAuthentication is unlocked (Get-IisLogonRightsWebConfigPath), reads the
        web.config in the folder IIS serves it from, environment variables such as
        %SystemDrive% expanded (Get-IisLogonRightsWebConfigEntry: read, absent or unreadable).
        Below each of those folders it also walks the plain subfolders
        (Get-IisLogonRightsWebConfigSubfolder), at most MaxFolderDepth levels deep and
        MaxFolderCount folders in all, and adds an entry for every subfolder web.config it finds
        (a folder without one adds none); folderWalks says how far each walk went, so the engine
        knows where a missing entry means "no web.config there" and where the collector did not
        look. Below a virtual directory with allowSubDirConfig="false" nothing is walked and its
        walk says depth 64: IIS reads no web.config there. Returns $null when the section is locked everywhere (no web.config can change the
        anonymous identity, so there is nothing to collect).

    .PARAMETER ApplicationHostText
        The text of applicationHost.config.

    .PARAMETER MaxFolderDepth
        How many plain folder levels below each collected path are walked. Default 8.

    .PARAMETER MaxFolderCount
        How many plain folders the whole collection lists at most. Default 10000.

    .EXAMPLE
        $files['webconfigs.json'] = Get-IisLogonRightsWebConfigDocument -ApplicationHostText $iis.Text
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $ApplicationHostText,

        [Parameter()]
        [ValidateRange(0, 64)]
        [System.Int32]
        $MaxFolderDepth = 8,

        [Parameter()]
        [ValidateRange(0, 1000000)]
        [System.Int32]
        $MaxFolderCount = 10000
    )

    $paths = @(Get-IisLogonRightsWebConfigPath -ApplicationHostText $ApplicationHostText)
    if ($paths.Count -eq 0)
    {
        return $null
    }

    # Each collected path is walked on its own, so no walk enters another one's folders.
    $skip = @{}
    foreach ($path in $paths)
    {
        $key = $path.Site.ToLowerInvariant()
        if (-not $skip.ContainsKey($key))
        {
            $skip[$key] = [System.Collections.Generic.HashSet[System.String]]::new()
        }

        $null = $skip[$key].Add($path.Path.ToLowerInvariant())
    }

    $budget = @{ Remaining = $MaxFolderCount; Limit = $MaxFolderCount }
    $entries = [System.Collections.Generic.List[System.Object]]::new()
    $walks = [System.Collections.Generic.List[System.Object]]::new()
    foreach ($path in $paths)
    {
        $folder = [System.Environment]::ExpandEnvironmentVariables($path.Folder).TrimEnd('\')
        $entries.Add((Get-IisLogonRightsWebConfigEntry -Site $path.Site -Path $path.Path -Folder $folder))
        if (-not $path.Walk)
        {
            # allowSubDirConfig="false": IIS reads no web.config below, so none can be missing there.
            $walks.Add([ordered] @{ site = $path.Site; path = $path.Path; physicalPath = $folder; depth = 64; complete = $true })
            continue
        }

        $walk = Get-IisLogonRightsWebConfigSubfolder -Site $path.Site -Path $path.Path -Folder $folder -Skip $skip[$path.Site.ToLowerInvariant()] -MaxDepth $MaxFolderDepth -Budget $budget
        foreach ($subfolder in $walk.Folders)
        {
            $entry = Get-IisLogonRightsWebConfigEntry -Site $path.Site -Path $subfolder.Path -Folder $subfolder.Folder
            if ($entry['state'] -ne 'absent')
            {
                $entries.Add($entry)
            }
        }

        $walks.Add($walk.Walk)
    }

    return [ordered] @{ webConfigs = $entries.ToArray(); folderWalks = $walks.ToArray() }
}
