function Get-IisLogonRightsMachineEnvironmentVariable
{
    <#
    .SYNOPSIS
        Reads a machine-scope environment variable as the registry holds it now.

    .DESCRIPTION
        A boundary function (tests replace it). A process sees the environment it was started
        with: a host started before an administrator set a machine variable (WmiPrvSE, which
        runs the DSC LCM, or the Machine Configuration agent) does not see it in $env: until it
        restarts. [System.Environment]::GetEnvironmentVariable with the Machine target reads
        HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment instead. Off Windows
        there is no machine scope and the answer is $null.

    .PARAMETER Name
        The variable's name, for example IIS_LOGON_RIGHTS_NODE.

    .EXAMPLE
        Get-IisLogonRightsMachineEnvironmentVariable -Name 'IIS_LOGON_RIGHTS_NODE'
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Name
    )

    return [System.Environment]::GetEnvironmentVariable($Name, [System.EnvironmentVariableTarget]::Machine)
}
