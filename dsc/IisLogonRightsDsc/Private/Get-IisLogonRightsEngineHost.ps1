function Get-IisLogonRightsEngineHost
{
    <#
    .SYNOPSIS
        Says which host runs the engine: inprocess (the default) or node.

    .DESCRIPTION
        inprocess runs the engine bundle in Jint inside this PowerShell process, so the server
        needs nothing but the module. node runs bin\iis-logon-rights.cjs with Node.js 20 or later,
        as a separate process. The module setting (Set-IisLogonRightsEngineHost) wins over the
        IIS_LOGON_RIGHTS_ENGINE environment variable, which wins over the default. Both hosts
        give byte-identical answers (the repository's differential test proves it).

    .EXAMPLE
        if ((Get-IisLogonRightsEngineHost) -eq 'node') { Find-IisLogonRightsNodeJs }
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param ()

    $choice = $script:IisLogonRightsEngineHost
    $source = 'the module setting'
    if ($null -eq $choice -or $choice -eq '')
    {
        $choice = [System.Environment]::GetEnvironmentVariable('IIS_LOGON_RIGHTS_ENGINE')
        $source = 'IIS_LOGON_RIGHTS_ENGINE'
    }

    if ($null -eq $choice -or $choice.Trim() -eq '')
    {
        return 'inprocess'
    }

    $choice = $choice.Trim().ToLowerInvariant()
    if (@('inprocess', 'node') -notcontains $choice)
    {
        $invalid = @{
            ErrorId           = 'IisLogonRightsEngineHostInvalid'
            Category          = 'InvalidArgument'
            TargetObject      = $choice
            Message           = '{0} is "{1}"; expected inprocess or node.' -f $source, $choice
            RecommendedAction = 'Set IIS_LOGON_RIGHTS_ENGINE to inprocess (the default: the engine runs inside PowerShell) or node (Node.js 20 or later runs it).'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @invalid))
    }

    return $choice
}
