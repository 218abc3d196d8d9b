function Find-IisLogonRightsNodeJs
{
    <#
    .SYNOPSIS
        Finds node, the runtime of the engine.

    .DESCRIPTION
        In this order: the path given to Set-IisLogonRightsNodeJsPath in this session; the
        environment variable IIS_LOGON_RIGHTS_NODE of this process; the same variable at machine
        scope, read from the registry, for hosts started before it was set (WmiPrvSE, which runs
        the DSC LCM, and the Machine Configuration agent keep the environment they started with);
        node on PATH; node.exe in the Node.js installer's default folder (%ProgramFiles%\nodejs).
        A path set explicitly (the first three) that does not exist is an error, not a reason to
        try the next place, so a typo never runs a different node. When nothing is found, the error says what was tried and that the
        DSC Local Configuration Manager runs as SYSTEM, which does not see a user's PATH.

    .EXAMPLE
        $node = Find-IisLogonRightsNodeJs
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $explicit = @(
        @{ Source = 'Set-IisLogonRightsNodeJsPath'; Path = $script:IisLogonRightsNodeJsPath },
        @{ Source = 'the environment variable IIS_LOGON_RIGHTS_NODE'; Path = $env:IIS_LOGON_RIGHTS_NODE },
        @{ Source = 'the machine environment variable IIS_LOGON_RIGHTS_NODE'; Path = (Get-IisLogonRightsMachineEnvironmentVariable -Name 'IIS_LOGON_RIGHTS_NODE') }
    )
    foreach ($candidate in $explicit)
    {
        if ([System.String]::IsNullOrWhiteSpace($candidate.Path))
        {
            continue
        }

        if ([System.IO.File]::Exists($candidate.Path))
        {
            return $candidate.Path
        }

        $missing = @{
            ErrorId           = 'IisLogonRightsNodeJsNotFound'
            Category          = 'ObjectNotFound'
            TargetObject      = $candidate.Path
            Message           = 'node was set to "{0}" by {1}, but that file does not exist.' -f $candidate.Path, $candidate.Source
            RecommendedAction = 'Give the full path of node.exe (Node.js 20 or later).'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
    }

    $onPath = @(Get-Command -Name 'node' -CommandType Application -ErrorAction SilentlyContinue)
    if ($onPath.Count -gt 0)
    {
        return $onPath[0].Source
    }

    $tried = 'Set-IisLogonRightsNodeJsPath (not set), IIS_LOGON_RIGHTS_NODE (not set in the process or the machine), PATH'
    if (-not [System.String]::IsNullOrEmpty($env:ProgramFiles))
    {
        $default = [System.IO.Path]::Combine($env:ProgramFiles, 'nodejs', 'node.exe')
        if ([System.IO.File]::Exists($default))
        {
            return $default
        }

        $tried = '{0}, {1}' -f $tried, $default
    }

    $notFound = @{
        ErrorId           = 'IisLogonRightsNodeJsNotFound'
        Category          = 'ObjectNotFound'
        TargetObject      = 'node'
        Message           = 'node (Node.js 20 or later, which runs the iis-logon-rights engine) was not found. Tried: {0}. The DSC Local Configuration Manager runs as SYSTEM and does not see a user''s PATH.' -f $tried
        RecommendedAction = 'Install Node.js 20 or later for all users, or set the machine environment variable IIS_LOGON_RIGHTS_NODE to the full path of node.exe (read at each run, so no service needs a restart), or call Set-IisLogonRightsNodeJsPath in this session.'
    }
    $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @notFound))
}
