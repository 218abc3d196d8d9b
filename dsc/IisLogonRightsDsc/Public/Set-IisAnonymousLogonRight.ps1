function Set-IisAnonymousLogonRight
{
    <#
    .SYNOPSIS
        Grants the identities IIS uses for anonymous requests the logon rights they lack.

    .DESCRIPTION
        Collects the facts on this computer and asks the iis-logon-rights engine for a plan.
        The plan only makes identity-scoped changes: it grants the required right to the
        identity's own SID, or removes the identity's own SID from a deny right. It never
        touches another holder of a right, and it refuses to change a right that a GPO owns
        (the change would be undone at the next refresh) unless -AllowTemporaryFix is given;
        refused findings are written as warnings with the fix an administrator would make (for
        a GPO, the edit to make in it).

        Before changing anything it checks the plan against the facts it just collected
        (check-plan --snapshot; a plan that fails is refused with IisLogonRightsPlanRejected) and saves a
        backup with the undo plan (see -BackupPath and Undo-IisAnonymousLogonRight). It applies
        the plan through LsaAddAccountRights and LsaRemoveAccountRights, one SID and one right
        at a time (not secedit, which replaces whole holder lists). Then it collects the facts
        again and tests: if the scope is still not in the desired state, it throws an error that
        names every finding that remains.

        -WhatIf prints each grant and revoke and changes nothing (no backup is written either).

    .PARAMETER Scope
        The IIS site to fix, by name (case-insensitive), or * for every site (the default).
        Takes site names from the pipeline, and the Name property of objects such as the ones
        Get-IISSite and Get-Website write.

    .PARAMETER RuleSet
        documented (default) or conservative.

    .PARAMETER AllowTemporaryFix
        Also change rights that a GPO owns. Such changes last only until the next Group Policy
        refresh (at most 16 hours for security settings); the lasting fix is the GPO. The test
        after the change then counts the granted-until-refresh finding (revoked-at-refresh) as
        in the desired state, with a warning naming the GPO, as Test-IisAnonymousLogonRight
        -AllowTemporaryFix does.

    .PARAMETER BackupPath
        The folder under which each change's backup folder is created. Default:
        %ProgramData%\IisLogonRightsDsc\Backups. Set gives it an explicit ACL (SYSTEM and
        Administrators only, inheritance off) before writing, and each backup a SHA-256
        manifest that Undo checks.

    .PARAMETER BackupRetention
        How many backups to keep under the backup folder (default 50). After writing a new
        backup, Set removes the oldest ones beyond this number.

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from when collecting: Rsop (default), RsopThenGpresult,
        Gpresult or None.

    .PARAMETER PassThru
        Write an IisLogonRightsDsc.ChangeResult per scope: the actions applied, the findings
        refused, the backup folder and the state after the change.

    .PARAMETER WhatIf
        Shows each grant and revoke without applying it.

    .PARAMETER Confirm
        Asks before each grant and revoke.

    .INPUTS
        System.String. Site names, or objects with a Name property.

    .OUTPUTS
        None, or IisLogonRightsDsc.ChangeResult with -PassThru.

    .EXAMPLE
        Set-IisAnonymousLogonRight -WhatIf

        Shows what would be granted or revoked for every site.

    .EXAMPLE
        Set-IisAnonymousLogonRight -Scope 'Default Web Site' -PassThru

        Fixes one site, then shows what was applied and where the backup is.

    .EXAMPLE
        Set-IisAnonymousLogonRight -AllowTemporaryFix -Confirm:$false

        Also acts under rights a GPO owns, until the GPO itself is fixed.

    .LINK
        Undo-IisAnonymousLogonRight

    .LINK
        about_IisLogonRightsDsc
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('IisLogonRightsDsc.ChangeResult')]
    param
    (
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('Site', 'SiteName', 'Name')]
        [ValidateNotNullOrEmpty()]
        [System.String[]]
        $Scope = @('*'),

        [Parameter()]
        [ValidateSet('documented', 'conservative')]
        [System.String]
        $RuleSet = 'documented',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $AllowTemporaryFix,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [System.String]
        $BackupPath,

        [Parameter()]
        [ValidateRange(1, 100000)]
        [System.Int32]
        $BackupRetention = 50,

        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $PassThru
    )

    begin
    {
        $backupRoot = Get-IisLogonRightsDefaultBackupRoot
        if ($PSBoundParameters.ContainsKey('BackupPath'))
        {
            $backupRoot = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($BackupPath)
        }
    }

    process
    {
        try
        {
            foreach ($item in $Scope)
            {
                $outcome = Set-IisLogonRightsDesiredState -Scope $item -RuleSet $RuleSet -AllowTemporaryFix:$AllowTemporaryFix -GroupPolicySource $GroupPolicySource -BackupRoot $backupRoot -BackupRetention $BackupRetention

                if ($PassThru)
                {
                    [pscustomobject] @{
                        PSTypeName     = 'IisLogonRightsDsc.ChangeResult'
                        Operation      = 'Set'
                        Scope          = $item
                        Applied        = @(foreach ($action in @($outcome.Applied)) { ConvertTo-IisLogonRightsPlanAction -Action $action })
                        Refused        = @($outcome.Refused)
                        BackupPath     = $outcome.BackupPath
                        InDesiredState = $outcome.InDesiredState
                    }
                }
            }
        }
        catch
        {
            $PSCmdlet.ThrowTerminatingError($_)
        }
    }
}
