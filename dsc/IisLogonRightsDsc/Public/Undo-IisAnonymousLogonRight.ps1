function Undo-IisAnonymousLogonRight
{
    <#
    .SYNOPSIS
        Undoes a change made by Set-IisAnonymousLogonRight, from its backup.

    .DESCRIPTION
        Reads plan.json from the backup folder, validates it with the engine (check-plan) and
        applies its undo actions, in order, through LSA: each grant the change made is removed
        again, each deny entry it removed is restored, and nothing else is touched. Then it
        reads the affected SIDs' rights back and compares them with rights-before.json: an undo
        that did not restore them is an error naming the difference.

        -WhatIf prints each action and changes nothing.

    .PARAMETER BackupPath
        The backup folder Set-IisAnonymousLogonRight wrote (or the plan.json inside it).

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

            if (-not [System.IO.File]::Exists($planPath))
            {
                $missing = @{
                    ErrorId           = 'IisLogonRightsBackupNotFound'
                    Category          = 'ObjectNotFound'
                    TargetObject      = $BackupPath
                    Message           = 'No plan.json at {0}.' -f $planPath
                    RecommendedAction = 'Give the backup folder that Set-IisAnonymousLogonRight reported (under %ProgramData%\IisLogonRightsDsc\Backups by default).'
                }
                $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @missing))
            }

            $checked = Read-IisLogonRightsPlan -Json ([System.IO.File]::ReadAllText($planPath))
            $rightsBefore = $null
            $rightsBeforePath = [System.IO.Path]::Combine($folder, 'rights-before.json')
            if ([System.IO.File]::Exists($rightsBeforePath))
            {
                $rightsBefore = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($rightsBeforePath))
            }

            $applied = [System.Collections.Generic.List[System.Object]]::new()
            foreach ($action in @($checked.Plan.undo))
            {
                $description = Get-IisLogonRightsActionDescription -Action $action
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
                    $heldBefore = $action.action -eq 'grant'
                    if ($null -ne $rightsBefore -and $null -ne $rightsBefore.PSObject.Properties[$action.sid])
                    {
                        $heldBefore = @($rightsBefore.PSObject.Properties[$action.sid].Value) -ccontains $action.right
                    }

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
