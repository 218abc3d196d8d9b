function Test-IisAnonymousLogonRight
{
    <#
    .SYNOPSIS
        Tests whether the identities IIS uses for anonymous requests hold the logon rights they need.

    .DESCRIPTION
        Collects the facts on this computer and asks the iis-logon-rights engine whether every
        finding in the scope is in the desired state: it holds the right its logon type needs,
        no deny right catches it, and it will still hold the right after the next Group Policy
        refresh. Returns $true or $false per scope, and writes a verbose message for each finding
        that is not in the desired state. With -Detailed, returns the findings instead
        (IisLogonRightsDsc.Finding objects, with InDesiredState on each). Changes nothing.

    .PARAMETER Scope
        The IIS site to check, by name (case-insensitive), or * for every site (the default).
        Takes site names from the pipeline, and the Name property of objects such as the ones
        Get-IISSite and Get-Website write.

    .PARAMETER RuleSet
        documented (default) or conservative.

    .PARAMETER Detailed
        Return every finding instead of a boolean.

    .PARAMETER AllowTemporaryFix
        Count a finding that is revoked-at-refresh as in the desired state: the identity holds
        the right now, through a local grant that a GPO will undo at the next refresh, which the
        caller accepted (Set-IisAnonymousLogonRight -AllowTemporaryFix makes such grants). The
        finding and its Reason stay, and a warning names the GPO whose edit makes the fix last.

    .PARAMETER SnapshotPath
        A snapshot folder or facts .json file to judge instead of this computer.

    .PARAMETER GroupPolicySource
        Where the Group Policy facts come from when collecting: Rsop (default), RsopThenGpresult,
        Gpresult or None.

    .INPUTS
        System.String. Site names, or objects with a Name property.

    .OUTPUTS
        System.Boolean, or IisLogonRightsDsc.Finding with -Detailed.

    .EXAMPLE
        Test-IisAnonymousLogonRight

        $true when every site's anonymous identities hold their rights.

    .EXAMPLE
        Test-IisAnonymousLogonRight -Scope 'Default Web Site' -Detailed | Where-Object { -not $_.InDesiredState }

        The findings of one site that need attention.

    .LINK
        about_IisLogonRightsDsc
    #>
    [CmdletBinding()]
    [OutputType([System.Boolean])]
    [OutputType('IisLogonRightsDsc.Finding')]
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
        $Detailed,

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

                $result = Invoke-IisLogonRightsJudgement -Command 'test' -Scope $item -RuleSet $RuleSet -FactsJson ([System.String] $factsJson) -SnapshotPath $snapshot -AllowTemporaryFix:$AllowTemporaryFix
                $findings = @(foreach ($finding in @($result.findings)) { ConvertTo-IisLogonRightsFinding -Finding $finding })
                foreach ($finding in $findings)
                {
                    if (-not $finding.InDesiredState)
                    {
                        Write-Verbose -Message (ConvertTo-IisLogonRightsDisplayText -Text $finding.Message)
                    }
                }

                if ($Detailed)
                {
                    $findings
                }
                else
                {
                    [System.Boolean] $result.inDesiredState
                }
            }
        }
        catch
        {
            $PSCmdlet.ThrowTerminatingError($_)
        }
    }
}
