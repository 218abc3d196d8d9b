function Undo-IisAnonymousLogonRight
{
    <#
    .SYNOPSIS
        Undoes a change made by Set-IisAnonymousLogonRight, from its backup.

    .DESCRIPTION
        Before reading anything from the backup folder it checks that SYSTEM or Administrators
        own the folder and its files, that nobody else has access (IisLogonRightsBackupUnprotected),
        and that plan.json, rights-before.json and manifest.json are there
        (IisLogonRightsBackupIncomplete) with the SHA-256 the manifest recorded at Set time
        (IisLogonRightsBackupTampered). Then it collects the facts now and has the engine check
        the undo list against them and against rights-before.json (check-plan --undo): every
        entry must be the inverse of an action, touch only the own SID of an identity IIS uses
        now in a right whose rule the plan's rule set enforces, and restore exactly the recorded
        state; otherwise nothing is undone
        (IisLogonRightsPlanRejected). Each undo action is applied through LSA only while the
        change it undoes is still in place (others are skipped with a warning): each grant the
        change made is removed again, each deny entry it removed is restored, and nothing else
        is touched. Then it reads the affected SIDs' rights back and compares them with
        rights-before.json: an undo that did not restore them is an error naming the
        difference.

        -WhatIf prints each action and changes nothing.

    .PARAMETER BackupPath
        The backup folder Set-IisAnonymousLogonRight wrote (or the plan.json inside it).

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from when collecting: Rsop (default), RsopThenGpresult,
        Gpresult or None.

    .PARAMETER PassThru
        Write an IisLogonRightsDsc.ChangeResult with the actions applied.

    .PARAMETER WhatIf
        Shows each action without applying it.

    .PARAMETER Confirm
        Asks before each action.

    .INPUTS
        System.String. Backup folders, or objects with a BackupPath property (the output of
        Set-IisAnonymousLogonRight -PassThru).

    .OUTPUTS
        None, or IisLogonRightsDsc.ChangeResult with -PassThru.

    .EXAMPLE
        Undo-IisAnonymousLogonRight -BackupPath 'C:\ProgramData\IisLogonRightsDsc\Backups\20240917T075240123Z-1a2b3c4d'

    .EXAMPLE
        Set-IisAnonymousLogonRight -PassThru | Undo-IisAnonymousLogonRight -WhatIf

        Shows what undoing the change just made would do.

    .LINK
        Set-IisAnonymousLogonRight
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('IisLogonRightsDsc.ChangeResult')]
    param
    (
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNullOrEmpty()]
        [System.String]
        $BackupPath,

        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop',

        [Parameter()]
        [System.Management.Automation.SwitchParameter]
        $PassThru
    )

    process
    {
        try
        {
            $path = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($BackupPath)
            $folder = $path
            $planPath = [System.IO.Path]::Combine($path, 'plan.json')
            if ([System.IO.File]::Exists($path))
            {
                $folder = [System.IO.Path]::GetDirectoryName($path)
                $planPath = $path
            }

            if (-not [System.IO.Directory]::Exists($folder) -or [System.IO.Path]::GetFileName($planPath) -ne 'plan.json')
            {
                $missing = @{
                    ErrorId           = 'IisLogonRightsBackupNotFound'
                    Category          = 'ObjectNotFound'
                    TargetObject      = $BackupPath
                    Message           = 'No backup folder at {0}.' -f $folder
                    RecommendedAction = 'Give the backup folder that Set-IisAnonymousLogonRight reported (under %ProgramData%\IisLogonRightsDsc\Backups by default).'
                }
                $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
            }

            # Owner, ACL and SHA-256 manifest before anything in the backup is read.
            Assert-IisLogonRightsBackupIntegrity -Folder $folder
            $rightsBeforeJson = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($folder, 'rights-before.json'))
            $facts = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
            $factsJson = New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
            $checked = Read-IisLogonRightsPlan -Json ([System.IO.File]::ReadAllText($planPath)) -FactsJson $factsJson -RightsBeforeJson $rightsBeforeJson
            $rightsBefore = ConvertFrom-Json -InputObject $rightsBeforeJson

            $applied = [System.Collections.Generic.List[System.Object]]::new()
            foreach ($action in @($checked.Plan.undo))
            {
                $description = Get-IisLogonRightsActionDescription -Action $action
                # A revoke undoes a grant, a grant undoes a removed deny entry: only while that
                # change is still in place (someone may have undone it by hand since).
                $heldNow = @(Get-IisLogonRightsAccountRight -Sid $action.sid) -ccontains $action.right
                if ($heldNow -ne ($action.action -eq 'revoke'))
                {
                    Write-Warning -Message ('Skipped: {0}; the change it undoes is no longer in place.' -f $description)
                    continue
                }

                if ($PSCmdlet.ShouldProcess($description, ('{0}?' -f $description), 'Undo a logon right change'))
                {
                    Invoke-IisLogonRightsPlanAction -Action $action
                    $applied.Add($action)
                }
            }

            $differences = @(
                foreach ($action in $applied)
                {
                    $heldNow = @(Get-IisLogonRightsAccountRight -Sid $action.sid) -ccontains $action.right
                    $heldBefore = @($rightsBefore.PSObject.Properties[$action.sid].Value) -ccontains $action.right

                    if ($heldNow -ne $heldBefore)
                    {
                        '{0} {1} {2} now, but {3} before the change' -f $action.account, $(if ($heldNow) { 'holds' } else { 'lacks' }), $action.right, $(if ($heldBefore) { 'held it' } else { 'did not hold it' })
                    }
                }
            )
            if ($differences.Count -gt 0)
            {
                $incomplete = @{
                    ErrorId      = 'IisLogonRightsUndoIncomplete'
                    Category     = 'InvalidResult'
                    TargetObject = $BackupPath
                    Message      = 'The undo did not restore the rights recorded in {0}: {1}' -f $folder, ($differences -join ' | ')
                }
                $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @incomplete))
            }

            if ($PassThru)
            {
                [pscustomobject] @{
                    PSTypeName     = 'IisLogonRightsDsc.ChangeResult'
                    Operation      = 'Undo'
                    Scope          = $checked.Plan.snapshot
                    Applied        = @(foreach ($action in $applied) { ConvertTo-IisLogonRightsPlanAction -Action $action })
                    Refused        = @()
                    BackupPath     = $folder
                    InDesiredState = $null
                }
            }
        }
        catch
        {
            $PSCmdlet.ThrowTerminatingError($_)
        }
    }
}
