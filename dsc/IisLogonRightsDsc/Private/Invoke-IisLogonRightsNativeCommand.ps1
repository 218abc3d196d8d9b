function Invoke-IisLogonRightsNativeCommand
{
    <#
    .SYNOPSIS
        Runs a Windows program (secedit.exe, gpresult.exe) and returns its exit code and output.

    .DESCRIPTION
        A boundary function: the only place the collector starts a Windows program, so tests
        replace it. The program is given by full path (System32) so that nothing on PATH can
        stand in for it; arguments are passed as an array, never built into a command string.

    .PARAMETER FilePath
        The full path of the program.

    .PARAMETER ArgumentList
        Its arguments.

    .EXAMPLE
        Invoke-IisLogonRightsNativeCommand -FilePath "$env:SystemRoot\System32\secedit.exe" -ArgumentList '/export', '/cfg', $path
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $FilePath,

        [Parameter(Mandatory = $true)]
        [System.String[]]
        $ArgumentList
    )

    # Windows PowerShell 5.1 turns a native program's stderr line into a terminating error when
    # the preference is Stop (the module's default); the exit code is what decides here.
    $ErrorActionPreference = 'Continue'
    $output = & $FilePath @ArgumentList 2>&1
    return [pscustomobject] @{
        ExitCode = $LASTEXITCODE
        Output   = (@($output | ForEach-Object { [System.String] $_ }) -join [System.Environment]::NewLine)
    }
}
