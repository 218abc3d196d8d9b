function Get-IisLogonRightsBundlePath
{
    <#
    .SYNOPSIS
        Returns the path of the engine bundle shipped in the module's bin folder.

    .DESCRIPTION
        build.mjs copies dist/iis-logon-rights.cjs into bin\ of the module. A module folder
        without it (copied from the repository before building) is an error that says so.

    .EXAMPLE
        $bundle = Get-IisLogonRightsBundlePath
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $bundle = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'bin', 'iis-logon-rights.cjs')
    if (-not [System.IO.File]::Exists($bundle))
    {
        $missing = @{
            ErrorId           = 'IisLogonRightsBundleNotFound'
            Category          = 'ObjectNotFound'
            TargetObject      = $bundle
            Message           = 'The engine bundle {0} is missing.' -f $bundle
            RecommendedAction = 'Build the module (node build.mjs copies dist\iis-logon-rights.cjs into the module''s bin folder) or install a released copy.'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
    }

    return $bundle
}
