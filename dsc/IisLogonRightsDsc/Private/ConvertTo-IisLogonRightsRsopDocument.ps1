function ConvertTo-IisLogonRightsRsopDocument
{
    <#
    .SYNOPSIS
        Joins RSOP_UserPrivilegeRight with RSOP_GPO into the rsop.json entries.

    .DESCRIPTION
        One entry per right and contributing GPO (schemas/rsop.schema.json): the right, its
        account list as the GPO wrote it (SIDs with '*', or names), the RSoP precedence (1 is the
        GPO whose list applies), the GPO's id and its display name from RSOP_GPO (matched on the
        id, case-insensitively; null when RSOP_GPO does not list it). Sorted by right and
        precedence so that two collections of the same policy are identical.

    .PARAMETER Right
        RSOP_UserPrivilegeRight instances (UserRight, AccountList, precedence, GPOID).

    .PARAMETER Gpo
        RSOP_GPO instances (id, name).

    .EXAMPLE
        ConvertTo-IisLogonRightsRsopDocument -Right $rights -Gpo $gpos
    #>
    [CmdletBinding()]
    [OutputType([System.Object[]])]
    param
    (
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Object[]]
        $Right,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Object[]]
        $Gpo
    )

    $names = @{}
    foreach ($entry in $Gpo)
    {
        if ($null -ne $entry.id)
        {
            $names[([System.String] $entry.id).ToUpperInvariant()] = $entry.name
        }
    }

    $entries = @(
        foreach ($entry in $Right)
        {
            $gpoId = [System.String] $entry.GPOID
            $gpoName = $null
            if ($names.ContainsKey($gpoId.ToUpperInvariant()))
            {
                $gpoName = $names[$gpoId.ToUpperInvariant()]
            }

            [ordered] @{
                right      = [System.String] $entry.UserRight
                accounts   = @(foreach ($account in @($entry.AccountList)) { if ($null -ne $account) { [System.String] $account } })
                precedence = [System.Int64] $entry.precedence
                gpoId      = $gpoId
                gpoName    = $gpoName
            }
        }
    )

    $sorted = [System.Collections.Generic.List[System.Object]]::new()
    foreach ($entry in $entries)
    {
        $sorted.Add($entry)
    }

    $byRightThenPrecedence = [System.Comparison[System.Object]] {
        param ($first, $second)
        $order = [System.String]::CompareOrdinal($first.right, $second.right)
        if ($order -eq 0)
        {
            $order = $first.precedence.CompareTo($second.precedence)
        }

        return $order
    }
    $sorted.Sort($byRightThenPrecedence)
    return , $sorted.ToArray()
}
