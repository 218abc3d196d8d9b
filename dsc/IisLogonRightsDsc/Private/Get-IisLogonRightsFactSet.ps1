function Get-IisLogonRightsFactSet
{
    <#
    .SYNOPSIS
        Collects every fact the engine needs from this host.

    .DESCRIPTION
        The user-rights export (secedit), the IIS configuration (passwords redacted), the
        web.config files where anonymousAuthentication is unlocked (webconfigs.json), the Group
        Policy user-rights results (RSoP WMI, or gpresult, as -GroupPolicySource says), the host
        facts, and accounts.json for every account name those files mention (the engine's
        accounts command lists them, so no file is parsed here). Returns the name
        (the computer name) and the files, ready for New-IisLogonRightsFactsDocument or for
        writing a snapshot folder. A Group Policy source that fails is a warning, not an error:
        the engine then judges without GPO ownership and says so.

    .PARAMETER GroupPolicySource
        Rsop (default): RSoP WMI. RsopThenGpresult: RSoP WMI, and gpresult when that fails.
        Gpresult: gpresult only. None: no Group Policy facts.

    .EXAMPLE
        $facts = Get-IisLogonRightsFactSet
        New-IisLogonRightsFactsDocument -Name $facts.Name -Files $facts.Files
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter()]
        [ValidateSet('Rsop', 'RsopThenGpresult', 'Gpresult', 'None')]
        [System.String]
        $GroupPolicySource = 'Rsop'
    )

    $files = [ordered] @{}
    $files['secedit.inf'] = Export-IisLogonRightsUserRightsPolicy
    $iis = Get-IisLogonRightsIisConfiguration
    $files[$iis.FileName] = $iis.Text
    Write-Verbose -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Read the IIS configuration from {0}' -f $iis.Path))
    if ($iis.FileName -eq 'applicationHost.config')
    {
        # Where anonymousAuthentication is unlocked, a web.config may set the anonymous identity.
        $webConfigs = Get-IisLogonRightsWebConfigDocument -ApplicationHostText $iis.Text
        if ($null -ne $webConfigs)
        {
            $files['webconfigs.json'] = $webConfigs
        }
    }

    $tryGpresult = $GroupPolicySource -eq 'Gpresult'
    if ($GroupPolicySource -eq 'Rsop' -or $GroupPolicySource -eq 'RsopThenGpresult')
    {
        try
        {
            $files['rsop.json'] = Get-IisLogonRightsRsopDocument
        }
        catch
        {
            $tryGpresult = $GroupPolicySource -eq 'RsopThenGpresult'
            $next = 'Group Policy ownership of the rights is unknown'
            if ($tryGpresult)
            {
                $next = 'trying gpresult'
            }

            Write-Warning -Message ('RSoP WMI (root\rsop\computer) could not be read, {0}: {1}' -f $next, $_.Exception.Message)
        }
    }

    if ($tryGpresult)
    {
        try
        {
            $files['gpresult.xml'] = Export-IisLogonRightsGroupPolicyResult
        }
        catch
        {
            Write-Warning -Message ('gpresult failed, so Group Policy ownership of the rights is unknown: {0}' -f $_.Exception.Message)
        }
    }

    $hostFact = Get-IisLogonRightsHostFact
    # Local account (S-1-5-113) is defined from Windows 8.1 / Server 2012 R2 on, and on NT 6.1/6.2
    # only with KB 2871997; whether it translates decides whether local accounts' tokens carry it.
    try
    {
        $hostFact['localAccountSids'] = $null -ne (Resolve-IisLogonRightsSidName -Sid 'S-1-5-113')
    }
    catch
    {
        Write-Warning -Message ('Whether S-1-5-113 (Local account) exists could not be read, so host.json leaves it out: {0}' -f $_.Exception.Message)
    }

    # The engine parses the files and says which names it will look up in accounts.json.
    $names = @()
    try
    {
        $listing = Invoke-IisLogonRightsEngine -ArgumentList @('accounts', '--snapshot', '-', '--allow-no-user-rights', '--log-format', 'json') -InputText (New-IisLogonRightsFactsDocument -Name $hostFact['computerName'] -Files $files)
        $names = @((ConvertFrom-Json -InputObject $listing.StandardOutput).names)
    }
    catch
    {
        # Judging these files fails the same way; a snapshot export still gets them for the report.
        Write-Warning -Message (ConvertTo-IisLogonRightsDisplayText -Text ('The account names to resolve could not be listed, so accounts.json resolves none: {0}' -f $_.Exception.Message))
    }

    Write-Verbose -Message (ConvertTo-IisLogonRightsDisplayText -Text ('Resolving {0} account names: {1}' -f $names.Count, ($names -join ', ')))
    $files['accounts.json'] = Get-IisLogonRightsAccountsDocument -Name $names -ComputerName $hostFact['computerName']
    $files['host.json'] = $hostFact

    return [pscustomobject] @{
        Name  = $hostFact['computerName']
        Files = $files
    }
}
