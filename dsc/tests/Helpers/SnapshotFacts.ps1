<#
    Helpers the Pester files dot-source: facts read from an example snapshot folder (what the
    mocked collector returns), a copy of a snapshot with one right granted to one SID (the
    state after Set, as secedit would export it), and the stand-ins for the Windows boundary of
    a Set that grants.
#>

function Read-SnapshotFacts
{
    <#
    .SYNOPSIS
        Returns the facts of a snapshot folder in the shape Get-IisLogonRightsFactSet returns.

    .PARAMETER Folder
        The snapshot folder.

    .PARAMETER Name
        The computer name to report.

    .EXAMPLE
        Read-SnapshotFacts -Folder $before -Name 'WEB03'
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Folder,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Name
    )

    $files = [ordered] @{}
    foreach ($file in 'secedit.inf', 'applicationHost.config', 'gpresult.xml', 'accounts.json', 'host.json')
    {
        $path = Join-Path -Path $Folder -ChildPath $file
        if (Test-Path -LiteralPath $path)
        {
            $files[$file] = [System.IO.File]::ReadAllText($path)
        }
    }

    [pscustomobject] @{ Name = $Name; Files = $files }
}

function New-GrantedSnapshotCopy
{
    <#
    .SYNOPSIS
        Copies a snapshot folder and adds one SID to one right in its secedit.inf.

    .PARAMETER Source
        The snapshot folder to copy.

    .PARAMETER Destination
        The new folder.

    .PARAMETER Right
        The right constant, for example SeBatchLogonRight.

    .PARAMETER Sid
        The SID to add.

    .EXAMPLE
        New-GrantedSnapshotCopy -Source $before -Destination (Join-Path $TestDrive 'after') -Right 'SeBatchLogonRight' -Sid $sid
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Source,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Destination,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Right,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Sid
    )

    Copy-Item -Path $Source -Destination $Destination -Recurse
    $path = Join-Path -Path $Destination -ChildPath 'secedit.inf'
    $secedit = [System.IO.File]::ReadAllText($path)
    $granted = $secedit -replace ('(?m)^({0} = .*?)\r?$' -f $Right), ('$1,*{0}' -f $Sid)
    if ($granted -eq $secedit)
    {
        throw ('{0} has no {1} line' -f $path, $Right)
    }

    [System.IO.File]::WriteAllText($path, $granted, [System.Text.Encoding]::Unicode)
}

function Register-ChangeStandIn
{
    <#
    .SYNOPSIS
        Replaces the Windows boundary of a Set with stand-ins: the facts before and after a
        grant, the LSA calls, the default backup folder.

    .DESCRIPTION
        Call in BeforeEach. The collector returns the Before snapshot until the LSA grant stand-in
        has run, then the After one. The grant records whether the backup existed at that moment;
        a revoke fails the test, since the scenarios only grant. The state is $script:standIn:
        Granted, BackupExistedAtChange, and Before, After and BackupRoot, which a test may change
        (After = Before: the grant did not take).

    .PARAMETER Before
        The snapshot folder the host starts from.

    .PARAMETER After
        The snapshot folder after the grant (New-GrantedSnapshotCopy).

    .PARAMETER Name
        The computer name to report.

    .PARAMETER BackupRoot
        The folder Get-IisLogonRightsDefaultBackupRoot answers.

    .EXAMPLE
        Register-ChangeStandIn -Before $script:before -After $script:after -Name 'WEB03' -BackupRoot $script:backupRoot
    #>
    [CmdletBinding()]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Before,

        [Parameter(Mandatory = $true)]
        [System.String]
        $After,

        [Parameter(Mandatory = $true)]
        [System.String]
        $Name,

        [Parameter(Mandatory = $true)]
        [System.String]
        $BackupRoot
    )

    $script:standIn = @{ Before = $Before; After = $After; Name = $Name; BackupRoot = $BackupRoot; Granted = $false; BackupExistedAtChange = $null }
    Mock -CommandName Get-IisLogonRightsFactSet -MockWith {
        $folder = $script:standIn.Before
        if ($script:standIn.Granted)
        {
            $folder = $script:standIn.After
        }

        Read-SnapshotFacts -Folder $folder -Name $script:standIn.Name
    }
    Mock -CommandName Get-IisLogonRightsAccountRight -MockWith { @() }
    Mock -CommandName Add-IisLogonRightsAccountRight -MockWith {
        # The backup must exist before the first change.
        $script:standIn.BackupExistedAtChange = @(Get-ChildItem -Path $script:standIn.BackupRoot -Filter 'plan.json' -Recurse -ErrorAction SilentlyContinue).Count -eq 1
        $script:standIn.Granted = $true
    }
    Mock -CommandName Remove-IisLogonRightsAccountRight -MockWith { throw 'nothing may be revoked' }
    Mock -CommandName Get-IisLogonRightsDefaultBackupRoot -MockWith { $script:standIn.BackupRoot }
}
