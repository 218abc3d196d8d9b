function Set-IisLogonRightsNodeJsPath
{
    <#
    .SYNOPSIS
        Sets which node.exe runs the iis-logon-rights engine in this session.

    .DESCRIPTION
        The module looks for node in this order: the path set here (this session only), the
        environment variable IIS_LOGON_RIGHTS_NODE, node on PATH, then %ProgramFiles%\nodejs.
        For the DSC Local Configuration Manager, which runs as SYSTEM in its own process, set
        the machine environment variable IIS_LOGON_RIGHTS_NODE instead. An empty path clears the
        setting.

    .PARAMETER Path
        The full path of node.exe (Node.js 20 or later), or an empty string to clear.

    .PARAMETER WhatIf
        Shows the change without making it.

    .PARAMETER Confirm
        Asks before making the change.

    .EXAMPLE
        Set-IisLogonRightsNodeJsPath -Path 'D:\tools\node-v20\node.exe'

    .EXAMPLE
        Set-IisLogonRightsNodeJsPath -Path ''

        Clears the setting.
    #>
    # The old name, kept so scripts written against it still run: "Node" alone reads as a DSC
    # node in this module, so the command now says Node.js.
    [Alias('Set-IisLogonRightsNodePath')]
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param
    (
        [Parameter(Mandatory = $true, Position = 0)]
        [AllowEmptyString()]
        [System.String]
        $Path
    )

    $resolved = $null
    if ($Path -ne '')
    {
        $resolved = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        if (-not [System.IO.File]::Exists($resolved))
        {
            $missing = @{
                ErrorId      = 'IisLogonRightsNodeJsNotFound'
                Category     = 'ObjectNotFound'
                TargetObject = $resolved
                Message      = '{0} does not exist.' -f $resolved
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
        }
    }

    if ($PSCmdlet.ShouldProcess('node for iis-logon-rights', ('Use {0}' -f $(if ($null -eq $resolved) { 'the default search' } else { $resolved }))))
    {
        $script:IisLogonRightsNodeJsPath = $resolved
        $script:IisLogonRightsVerifiedEngines = $null
    }
}
