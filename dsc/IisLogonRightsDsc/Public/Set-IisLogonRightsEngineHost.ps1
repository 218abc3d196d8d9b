function Set-IisLogonRightsEngineHost
{
    <#
    .SYNOPSIS
        Sets which host runs the iis-logon-rights engine in this session: inprocess or node.

    .DESCRIPTION
        inprocess (the default) runs the engine inside this PowerShell process, with the Jint
        interpreter shipped in the module's bin folder: nothing else needs to be installed.
        node runs it with Node.js 20 or later as a separate process (see
        Set-IisLogonRightsNodeJsPath). Both give byte-identical answers. The setting lasts for this
        session and wins over the environment variable IIS_LOGON_RIGHTS_ENGINE; for the DSC
        Local Configuration Manager, set that machine environment variable instead. An empty
        value clears the setting.

    .PARAMETER EngineHost
        inprocess, node, or an empty string to clear.

    .PARAMETER WhatIf
        Shows the change without making it.

    .PARAMETER Confirm
        Asks before making the change.

    .EXAMPLE
        Set-IisLogonRightsEngineHost -EngineHost node

    .EXAMPLE
        Set-IisLogonRightsEngineHost -EngineHost ''

        Clears the setting: IIS_LOGON_RIGHTS_ENGINE, else inprocess.
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param
    (
        [Parameter(Mandatory = $true, Position = 0)]
        [AllowEmptyString()]
        [ValidateSet('inprocess', 'node', '')]
        [System.String]
        $EngineHost
    )

    $description = $EngineHost
    if ($EngineHost -eq '')
    {
        $description = 'IIS_LOGON_RIGHTS_ENGINE, else inprocess'
    }

    if ($PSCmdlet.ShouldProcess('the iis-logon-rights engine host', ('Use {0}' -f $description)))
    {
        $script:IisLogonRightsEngineHost = $EngineHost.ToLowerInvariant()
    }
}
