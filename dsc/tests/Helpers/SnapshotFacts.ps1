<#
    Helpers the Pester files dot-source: facts read from an example snapshot folder (what the
    mocked collector returns), and a copy of a snapshot with one right granted to one SID (the
    state after Set, as secedit would export it).
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
