function Get-IisLogonRightsWebConfigPath
{
    <#
    .SYNOPSIS
        Lists the site paths whose web.config may set the anonymous identity, with their folders.

    .DESCRIPTION
        Reads applicationHost.config text and finds where the
        system.webServer/security/authentication/anonymousAuthentication section is unlocked:
        everywhere when its declaration says overrideModeDefault="Allow" or has no such attribute
        (or a server-level location unlocks it), else at and below each <location path="Site/..."
        overrideMode="Allow"> that holds the section (what appcmd unlock config writes). Paths a
        deeper location locks again are still listed: the engine reports a web.config there as
        the HTTP 500.19 IIS answers. For every
        site, application, virtual directory and location path there, returns the site, the
        site-relative URL path and the folder IIS maps it to (the physicalPath of the longest
        matching virtual directory, plus the rest of the path), as written: environment
        variables are expanded by the caller. Path segments that could leave the folder (. and
        .., or holding \ or :) are skipped, because a configuration file is not trusted input, and
        so are paths below a virtual directory with allowSubDirConfig="false" (on it or its
        virtualDirectoryDefaults), whose subfolders IIS reads no web.config from; Walk says
        whether the plain subfolders of a path may hold a web.config IIS reads.
        Returns nothing when the section is locked everywhere or the text does not parse.

    .PARAMETER ApplicationHostText
        The text of applicationHost.config.

    .EXAMPLE
        Get-IisLogonRightsWebConfigPath -ApplicationHostText $iis.Text   # Site, Path, Folder
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $ApplicationHostText
    )

    try
    {
        $document = ConvertTo-IisLogonRightsXmlDocument -Text $ApplicationHostText
    }
    catch [System.Xml.XmlException]
    {
        Write-Verbose -Message ('applicationHost.config does not parse here, so no web.config was read: {0}' -f $_.Exception.Message)
        return
    }

    $section = 'system.webServer/security/authentication/anonymousAuthentication'
    $declaration = $document.SelectSingleNode('/configuration/configSections/sectionGroup[@name="system.webServer"]/sectionGroup[@name="security"]/sectionGroup[@name="authentication"]/section[@name="anonymousAuthentication"]')
    # A declaration without overrideModeDefault is "Allow" (IAppHostSectionDefinition::OverrideModeDefault).
    $everywhere = $null -ne $declaration -and (-not $declaration.HasAttribute('overrideModeDefault') -or ([System.String] $declaration.GetAttribute('overrideModeDefault')).Trim() -eq 'Allow')

    # Unlocked prefixes per site (lower-cased site name to lists of segment arrays).
    $unlocked = @{}
    $locationPaths = [System.Collections.Generic.List[System.String]]::new()
    foreach ($location in $document.SelectNodes('/configuration/location'))
    {
        $segments = @(([System.String] $location.GetAttribute('path')).Split('/') | Where-Object { $_ -ne '' -and $_ -ne '.' })
        if ($segments.Count -gt 0)
        {
            $locationPaths.Add(($segments -join '/'))
        }

        if (([System.String] $location.GetAttribute('overrideMode')).Trim() -ne 'Allow' -or $null -eq $location.SelectSingleNode($section))
        {
            continue
        }

        if ($segments.Count -eq 0)
        {
            $everywhere = $true
            continue
        }

        $key = $segments[0].ToLowerInvariant()
        if (-not $unlocked.ContainsKey($key))
        {
            $unlocked[$key] = [System.Collections.Generic.List[System.Object]]::new()
        }

        $unlocked[$key].Add(@($segments | Select-Object -Skip 1))
    }

    if (-not $everywhere -and $unlocked.Count -eq 0)
    {
        return
    }

    foreach ($site in $document.SelectNodes('/configuration/system.applicationHost/sites/site'))
    {
        $siteName = [System.String] $site.GetAttribute('name')
        $key = $siteName.ToLowerInvariant()
        if ($siteName -eq '' -or (-not $everywhere -and -not $unlocked.ContainsKey($key)))
        {
            continue
        }

        # Virtual directories as (URL segments, physicalPath, allowSubDirConfig), longest first when mapping a path.
        $directories = [System.Collections.Generic.List[System.Object]]::new()
        $candidates = [System.Collections.Generic.List[System.Object]]::new()
        # Virtual directories whose subfolders IIS reads no web.config from (allowSubDirConfig="false").
        $noSubDirConfig = [System.Collections.Generic.HashSet[System.String]]::new([System.StringComparer]::OrdinalIgnoreCase)
        foreach ($application in $site.SelectNodes('application'))
        {
            $applicationSegments = @(([System.String] $application.GetAttribute('path')).Split('/') | Where-Object { $_ -ne '' })
            $candidates.Add($applicationSegments)
            $defaults = @($application.SelectSingleNode('virtualDirectoryDefaults'), $site.SelectSingleNode('virtualDirectoryDefaults'), $document.SelectSingleNode('/configuration/system.applicationHost/sites/virtualDirectoryDefaults'))
            foreach ($directory in $application.SelectNodes('virtualDirectory'))
            {
                $segments = @($applicationSegments) + @(([System.String] $directory.GetAttribute('path')).Split('/') | Where-Object { $_ -ne '' })
                # The attribute falls back to the nearest virtualDirectoryDefaults; IIS's default is true.
                $allowSubDirConfig = $true
                foreach ($holder in @($directory) + $defaults)
                {
                    if ($null -ne $holder -and $holder.HasAttribute('allowSubDirConfig'))
                    {
                        $allowSubDirConfig = ([System.String] $holder.GetAttribute('allowSubDirConfig')).Trim() -ne 'false'
                        break
                    }
                }

                $directories.Add([pscustomobject] @{ Segments = $segments; PhysicalPath = [System.String] $directory.GetAttribute('physicalPath'); AllowSubDirConfig = $allowSubDirConfig })
                $candidates.Add($segments)
                if (-not $allowSubDirConfig)
                {
                    $null = $noSubDirConfig.Add('/' + (@($segments) -join '/'))
                }
            }
        }

        foreach ($locationPath in $locationPaths)
        {
            $segments = @($locationPath.Split('/'))
            if ($segments[0] -eq $siteName)
            {
                $candidates.Add(@($segments | Select-Object -Skip 1))
            }
        }

        $seen = [System.Collections.Generic.HashSet[System.String]]::new([System.StringComparer]::OrdinalIgnoreCase)
        foreach ($candidate in $candidates)
        {
            $urlPath = '/' + (@($candidate) -join '/')
            if (-not $seen.Add($urlPath))
            {
                continue
            }

            if (-not $everywhere -and -not (Test-IisLogonRightsPathPrefix -Prefixes $unlocked[$key] -Segments $candidate))
            {
                continue
            }

            $folder = Resolve-IisLogonRightsPhysicalFolder -Directories $directories -Segments $candidate
            if ($null -ne $folder)
            {
                [pscustomobject] @{ Site = $siteName; Path = $urlPath; Folder = $folder; Walk = -not $noSubDirConfig.Contains($urlPath) }
            }
        }
    }
}
