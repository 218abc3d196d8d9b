<#
    .SYNOPSIS
        Collects a snapshot on many web servers at once and judges them all in one place.

    .DESCRIPTION
        Fans out with Invoke-Command: every server writes a snapshot (Export-IisLogonRightsSnapshot)
        into a temporary folder; the folders are copied back over the same sessions into
        -Destination\<computer>; then the iis-logon-rights engine judges the whole fleet with
        its report command (which hosts are not in the desired state, and which GPOs are behind
        revoked-at-refresh and gpo-blocked findings). Nothing is changed on the servers.

        The servers need the IisLogonRightsDsc module; node is only needed here, where the
        report runs.

        The same as a one-liner (snapshots collected, then judged centrally):

            Invoke-Command -ComputerName WEB01, WEB02 { Export-IisLogonRightsSnapshot -Path "C:\ProgramData\IisLogonRightsDsc\Snapshots\$env:COMPUTERNAME" -Force } ; node iis-logon-rights.cjs report \\WEB01\c$\ProgramData\IisLogonRightsDsc\Snapshots \\WEB02\c$\ProgramData\IisLogonRightsDsc\Snapshots

    .PARAMETER ComputerName
        The web servers.

    .PARAMETER Destination
        Where the snapshots are gathered, one folder per server.

    .PARAMETER Credential
        Credentials for the remote sessions, if the current ones are not enough.

    .PARAMETER Format
        table (default), json, junit or sarif: the report's format.

    .EXAMPLE
        .\Invoke-IisLogonRightsFleetReport.ps1 -ComputerName (Get-Content .\webservers.txt) -Destination .\snapshots -Format junit > fleet.xml
#>
[CmdletBinding()]
param
(
    [Parameter(Mandatory = $true)]
    [System.String[]]
    $ComputerName,

    [Parameter()]
    [System.String]
    $Destination = '.\iis-logon-rights-snapshots',

    [Parameter()]
    [System.Management.Automation.PSCredential]
    $Credential,

    [Parameter()]
    [ValidateSet('table', 'json', 'junit', 'sarif')]
    [System.String]
    $Format = 'table'
)

$sessionParameters = @{ ComputerName = $ComputerName; ErrorAction = 'Stop' }
if ($PSBoundParameters.ContainsKey('Credential'))
{
    $sessionParameters['Credential'] = $Credential
}

$sessions = New-PSSession @sessionParameters
try
{
    $collected = Invoke-Command -Session $sessions -ScriptBlock {
        $path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), ('iis-logon-rights-{0}' -f [System.Guid]::NewGuid().ToString('N')))
        $null = Export-IisLogonRightsSnapshot -Path $path
        [pscustomobject] @{ ComputerName = $env:COMPUTERNAME; Path = $path }
    }

    $root = New-Item -ItemType Directory -Path $Destination -Force
    foreach ($snapshot in $collected)
    {
        $session = $sessions | Where-Object { $_.ComputerName -eq $snapshot.PSComputerName }
        $target = Join-Path -Path $root.FullName -ChildPath $snapshot.ComputerName
        $null = New-Item -ItemType Directory -Path $target -Force
        Copy-Item -FromSession $session -Path (Join-Path -Path $snapshot.Path -ChildPath '*') -Destination $target -Force
        Invoke-Command -Session $session -ScriptBlock { param ($path) Remove-Item -LiteralPath $path -Recurse -Force } -ArgumentList $snapshot.Path
    }
}
finally
{
    Remove-PSSession -Session $sessions
}

# Judged centrally by the engine: the bundle that ships in the module, run by node here.
$module = Get-Module -ListAvailable -Name 'IisLogonRightsDsc' | Sort-Object -Property Version -Descending | Select-Object -First 1
$bundle = Join-Path -Path $module.ModuleBase -ChildPath 'bin\iis-logon-rights.cjs'
& node $bundle report $root.FullName --format $Format
exit $LASTEXITCODE
