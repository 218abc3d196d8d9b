function ConvertTo-IisLogonRightsPlanAction
{
    <#
    .SYNOPSIS
        Turns a plan action into an IisLogonRightsDsc.PlanAction object.

    .DESCRIPTION
        For output (-PassThru) and tables: Action, Right, Account, Sid, Temporary.

    .PARAMETER Action
        One action of a plan.

    .EXAMPLE
        $plan.actions | ForEach-Object { ConvertTo-IisLogonRightsPlanAction -Action $_ }
    #>
    [CmdletBinding()]
    [OutputType('IisLogonRightsDsc.PlanAction')]
    param
    (
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [System.Object]
        $Action
    )

    process
    {
        [pscustomobject] @{
            PSTypeName = 'IisLogonRightsDsc.PlanAction'
            Action     = $Action.action
            Right      = $Action.right
            Account    = $Action.account
            Sid        = $Action.sid
            Temporary  = [System.Boolean] $Action.temporary
        }
    }
}
