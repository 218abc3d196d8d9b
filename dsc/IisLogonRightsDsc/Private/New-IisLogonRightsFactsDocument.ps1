function New-IisLogonRightsFactsDocument
{
    <#
    .SYNOPSIS
        Builds the facts document (schemas/facts.schema.json) that the engine reads on stdin.

    .DESCRIPTION
        The collected pieces become {"factsVersion": 1, "name": ..., "files": {...}}: text
        artifacts (secedit.inf, applicationHost.config or MetaBase.xml, gpresult.xml) as strings,
        JSON artifacts (rsop.json, accounts.json, host.json, webconfigs.json) as values. Files that were not
        collected are left out, never sent empty. Known file names only: a typo here would
        otherwise surface as a schema error from the engine.

    .PARAMETER Name
        The label for messages and reports, normally the computer name.

    .PARAMETER Files
        A dictionary of file name to content, as Get-IisLogonRightsFacts returns it.

    .EXAMPLE
        $json = New-IisLogonRightsFactsDocument -Name 'WEB01' -Files $facts.Files
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Name,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Files
    )

    $known = @('secedit.inf', 'applicationHost.config', 'MetaBase.xml', 'gpresult.xml', 'rsop.json', 'accounts.json', 'host.json', 'webconfigs.json')
    $ordered = [ordered] @{}
    foreach ($fileName in $known)
    {
        foreach ($key in $Files.Keys)
        {
            if ($key -ceq $fileName -and $null -ne $Files[$key])
            {
                $ordered[$fileName] = $Files[$key]
            }
        }
    }

    foreach ($key in $Files.Keys)
    {
        if ($known -cnotcontains $key)
        {
            throw ('New-IisLogonRightsFactsDocument: unknown snapshot file "{0}" (expected one of {1})' -f $key, ($known -join ', '))
        }
    }

    $document = [ordered] @{
        factsVersion = 1
        name         = $Name
        files        = $ordered
    }
    return ConvertTo-IisLogonRightsJson -InputObject $document
}
