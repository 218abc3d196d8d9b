function Export-IisLogonRightsSnapshot
{
    <#
    .SYNOPSIS
        Collects this computer's facts into a snapshot folder that can be judged anywhere.

    .DESCRIPTION
        Writes the files the iis-logon-rights engine reads: secedit.inf (secedit /export /areas
        USER_RIGHTS), applicationHost.config (following redirection.config for shared
        configuration) or MetaBase.xml (IIS 6), rsop.json (RSoP WMI) or gpresult.xml (gpresult
        /scope computer /x), accounts.json (every account name the IIS configuration and the
        policy mention, resolved to a SID with the group SIDs of its token; names the host
        cannot resolve are listed as unresolved), host.json, and webconfigs.json (the web.config
        files, reduced to their anonymousAuthentication settings, wherever that section is
        unlocked). Password values in the IIS
        configuration are replaced by [redacted]; the anonymous user's password is never saved.

        The folder is the same input on every machine: `node iis-logon-rights.cjs test
        --snapshot <folder>`, `report` over many folders, or Get-IisAnonymousLogonRight
        -SnapshotPath.

    .PARAMETER Path
        The folder to write. Created when missing; an existing snapshot in it is only replaced
        with -Force.

    .PARAMETER GroupPolicySource
        Rsop (default): RSoP WMI. RsopThenGpresult: RSoP WMI, and gpresult when that fails.
        Gpresult: gpresult only. None: no Group Policy facts.

    .PARAMETER Force
        Replace the snapshot files already in the folder.

    .PARAMETER WhatIf
        Collects, but shows where the snapshot would be written instead of writing it.

    .PARAMETER Confirm
        Asks before writing the snapshot.

    .OUTPUTS
        IisLogonRightsDsc.Snapshot

    .EXAMPLE
        Export-IisLogonRightsSnapshot -Path C:\Temp\snapshot

    .EXAMPLE
        Invoke-Command -ComputerName WEB01, WEB02 -ScriptBlock { Export-IisLogonRightsSnapshot -Path "C:\Temp\iislr\$env:COMPUTERNAME" -Force }

        Collects on two servers; copy the folders to one place and run `iis-logon-rights report`.
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    [OutputType('IisLogonRightsDsc.Snapshot')]
    param
    (
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [System.String]
        $Path,

        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $Force
    )

    try
    {
        $folder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        $snapshotFiles = @('secedit.inf', 'applicationHost.config', 'MetaBase.xml', 'gpresult.xml', 'rsop.json', 'accounts.json', 'host.json', 'webconfigs.json')
        $existing = @($snapshotFiles | Where-Object { [System.IO.File]::Exists([System.IO.Path]::Combine($folder, $_)) })
        if ($existing.Count -gt 0 -and -not $Force)
        {
            $exists = @{
                ErrorId           = 'IisLogonRightsSnapshotExists'
                Category          = 'ResourceExists'
                TargetObject      = $folder
                Message           = '{0} already holds a snapshot ({1}).' -f $folder, ($existing -join ', ')
                RecommendedAction = 'Use -Force to replace it, or another folder.'
            }
            $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @exists))
        }

        $facts = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
        if (-not $PSCmdlet.ShouldProcess($folder, 'Write a snapshot'))
        {
            return
        }

        $null = [System.IO.Directory]::CreateDirectory($folder)
        # Files of an older snapshot that this collection did not produce would mix two states.
        foreach ($name in $existing)
        {
            [System.IO.File]::Delete([System.IO.Path]::Combine($folder, $name))
        }

        $utf8 = [System.Text.UTF8Encoding]::new($false)
        foreach ($name in $facts.Files.Keys)
        {
            $content = $facts.Files[$name]
            if ($content -isnot [System.String])
            {
                $content = (ConvertTo-IisLogonRightsJson -InputObject $content -Indent) + "`n"
            }

            [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, $name), $content, $utf8)
        }

        [pscustomobject] @{
            PSTypeName   = 'IisLogonRightsDsc.Snapshot'
            ComputerName = $facts.Name
            Path         = $folder
            Files        = [System.String[]] @($facts.Files.Keys)
        }
    }
    catch
    {
        $PSCmdlet.ThrowTerminatingError($_)
    }
}
