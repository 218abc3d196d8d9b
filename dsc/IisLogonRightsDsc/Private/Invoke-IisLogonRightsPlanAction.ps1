function Invoke-IisLogonRightsPlanAction
{
    <#
    .SYNOPSIS
        Applies one plan action: grant one right to one SID, or remove one SID from one right.

    .DESCRIPTION
        grant calls LsaAddAccountRights, revoke LsaRemoveAccountRights, each for the action's own
        SID and right only (through Add- and Remove-IisLogonRightsAccountRight).

    .PARAMETER Action
        One action of a checked plan.

    .EXAMPLE
        Invoke-IisLogonRightsPlanAction -Action $plan.actions[0]
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Object]
        $Action
    )

    switch ($Action.action)
    {
        'grant'
        {
            Add-IisLogonRightsAccountRight -Sid $Action.sid -Right $Action.right
        }

        'revoke'
        {
            Remove-IisLogonRightsAccountRight -Sid $Action.sid -Right $Action.right
        }

        default
        {
            throw ('Unknown plan action "{0}"' -f $Action.action)
        }
    }

    Write-Verbose -Message ('Done: {0}' -f (Get-IisLogonRightsActionDescription -Action $Action))
}
