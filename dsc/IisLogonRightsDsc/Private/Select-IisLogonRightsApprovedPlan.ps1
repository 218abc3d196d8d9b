function Select-IisLogonRightsApprovedPlan
{
    <#
    .SYNOPSIS
        Narrows a plan to the actions that were approved, with their undo actions only.

    .DESCRIPTION
        When -Confirm declines some actions, the plan that is saved and applied must hold
        exactly the approved actions, and its undo exactly their inverses (in reverse order), so
        that Undo never touches what was not changed. The undo entry of an action is the entry
        with the inverse action on the same right and SID.

    .PARAMETER Plan
        The checked plan (parsed).

    .PARAMETER ApprovedIndex
        The indexes of the approved actions in Plan.actions.

    .EXAMPLE
        $subset = Select-IisLogonRightsApprovedPlan -Plan $checked.Plan -ApprovedIndex 0, 2
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Object]
        $Plan,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Int32[]]
        $ApprovedIndex
    )

    $actions = @($Plan.actions)
    $approved = @(foreach ($index in $ApprovedIndex) { $actions[$index] })
    $inverse = @{ grant = 'revoke'; revoke = 'grant' }
    $undo = @(
        foreach ($entry in @($Plan.undo))
        {
            foreach ($action in $approved)
            {
                if ($entry.action -eq $inverse[$action.action] -and $entry.right -ceq $action.right -and $entry.sid -eq $action.sid)
                {
                    $entry
                    break
                }
            }
        }
    )

    $subset = [ordered] @{}
    foreach ($property in $Plan.PSObject.Properties)
    {
        $subset[$property.Name] = $property.Value
    }

    $subset['actions'] = $approved
    $subset['undo'] = $undo
    return $subset
}
