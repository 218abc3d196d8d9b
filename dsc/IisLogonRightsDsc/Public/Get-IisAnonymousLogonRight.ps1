function Get-IisAnonymousLogonRight
{
    <#
    .SYNOPSIS
        Gets whether the identities IIS uses for anonymous requests hold the logon rights they need.

    .DESCRIPTION
        Collects the facts on this computer (user-rights assignment, IIS configuration, Group
        Policy results, the accounts involved) and asks the iis-logon-rights engine for the
        state of each scope: one IisLogonRightsDsc.State object per scope, with one finding per
        site, path and anonymous identity, its required right and its status (ok, missing,
        denied, revoked-at-refresh, gpo-blocked, unresolved, not-required), and the Reasons of
        the findings not in the desired state. Changes nothing.

        With -SnapshotPath, judges a snapshot collected earlier (on any computer) instead.

    .PARAMETER Scope
        The IIS site to check, by name (case-insensitive), or * for every site (the default).
        Takes site names from the pipeline, and the Name property of objects such as the ones
        Get-IISSite and Get-Website write.

    .PARAMETER RuleSet
        documented (default) enforces only documented rules; conservative also enforces rules
        whose evidence is unconfirmed (the IIS 7+ built-in IUSR needing network logon).

    .PARAMETER AllowTemporaryFix
        Count a finding that is revoked-at-refresh as in the desired state: the identity holds
        the right now, through a local grant that a GPO will undo at the next refresh, which the
        caller accepted (Set-IisAnonymousLogonRight -AllowTemporaryFix makes such grants). The
        finding and its Reason stay, and a warning names the GPO whose edit makes the fix last.

    .PARAMETER SnapshotPath
        A snapshot folder (Export-IisLogonRightsSnapshot) or facts .json file to judge instead
        of this computer.

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from when collecting: Rsop (default), RsopThenGpresult,
        Gpresult or None.

    .INPUTS
        System.String. Site names, or objects with a Name property.

    .OUTPUTS
        IisLogonRightsDsc.State

    .EXAMPLE
        Get-IisAnonymousLogonRight

        The state of every site on this computer.

    .EXAMPLE
        Get-IISSite | Get-IisAnonymousLogonRight -RuleSet conservative | Select-Object -ExpandProperty Findings

        Every finding of every site, under the conservative rules.

    .EXAMPLE
        Get-IisAnonymousLogonRight -SnapshotPath '\\fileserver\snapshots\WEB01'

        Judges a snapshot collected on WEB01.

    .LINK
        about_IisLogonRightsDsc
    #>
    [CmdletBinding()]
    [OutputType('IisLogonRightsDsc.State')]
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
        $SnapshotPath,

        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop'
    )

    begin
    {
        $factsJson = $null
        $snapshot = ''
        if ($PSBoundParameters.ContainsKey('SnapshotPath'))
        {
            $snapshot = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($SnapshotPath)
        }
    }

    process
    {
        try
        {
            foreach ($item in $Scope)
            {
                if ($snapshot -eq '' -and $null -eq $factsJson)
                {
                    $facts = Get-IisLogonRightsFactSet -GroupPolicySource $GroupPolicySource
                    $factsJson = New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
                }

                $result = Invoke-IisLogonRightsJudgement -Command 'get' -Scope $item -RuleSet $RuleSet -FactsJson ([System.String] $factsJson) -SnapshotPath $snapshot -AllowTemporaryFix:$AllowTemporaryFix
                ConvertTo-IisLogonRightsState -Result $result -Scope $item
            }
        }
        catch
        {
            $PSCmdlet.ThrowTerminatingError($_)
        }
    }
}
