function Get-IisLogonRightsBundlePath
{
    <#
    .SYNOPSIS
        Returns the path of an engine bundle shipped in the module's bin folder.

    .DESCRIPTION
        build.mjs copies dist/iis-logon-rights.cjs (the node host's) and
        dist/iis-logon-rights.engine.js (the in-process host's) into bin\ of the module. A
        module folder without it (copied from the repository before building) is an error that
        says so.

    .PARAMETER Name
        The bundle's file name.

    .EXAMPLE
        $bundle = Get-IisLogonRightsBundlePath -Name 'iis-logon-rights.engine.js'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter()]
        [ValidateSet('iis-logon-rights.cjs', 'iis-logon-rights.engine.js')]
        [System.String]
        $Name = 'iis-logon-rights.cjs'
    )

    $bundle = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'bin', $Name)
    if (-not [System.IO.File]::Exists($bundle))
    {
        $missing = @{
            ErrorId           = 'IisLogonRightsBundleNotFound'
            Category          = 'ObjectNotFound'
            TargetObject      = $bundle
            Message           = 'The engine bundle {0} is missing.' -f $bundle
            RecommendedAction = ('Build the module (node build.mjs copies dist\{0} into the module''s bin folder) or install it from its package.' -f $Name)
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
    }

    return $bundle
}
