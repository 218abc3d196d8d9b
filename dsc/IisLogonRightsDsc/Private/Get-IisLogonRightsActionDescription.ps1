function Get-IisLogonRightsActionDescription
{
    <#
    .SYNOPSIS
        Says in one sentence what a plan action changes.

    .DESCRIPTION
        The text -WhatIf prints and -Confirm asks about, and what the DSC v3 what-if and the
        logs show: the right, the account and its SID, and whether the change is temporary
        (a GPO owns the right, so the next Group Policy refresh undoes it).

    .PARAMETER Action
        One action of a plan (action, right, sid, account, temporary).

    .EXAMPLE
        Get-IisLogonRightsActionDescription -Action $plan.actions[0]

        Grant SeBatchLogonRight to CONTOSO\svc-reports (S-1-5-21-2060260628-1893702904-3285376245-1604)
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Object]
        $Action
    )

    $who = '{0} ({1})' -f $Action.account, $Action.sid
    $text = switch ($Action.action)
    {
        'grant'
        {
            'Grant {0} to {1}' -f $Action.right, $who
        }

        'revoke'
        {
            'Remove {0} from {1}' -f $who, $Action.right
        }

        default
        {
            throw ('Unknown plan action "{0}"' -f $Action.action)
        }
    }

    if ($Action.temporary)
    {
        $text += ' (temporary: a GPO owns this right, so the next Group Policy refresh undoes it)'
    }

    return (ConvertTo-IisLogonRightsDisplayText -Text $text)
}
