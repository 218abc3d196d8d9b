function ConvertTo-IisLogonRightsEngineError
{
    <#
    .SYNOPSIS
        Turns a failed engine call into an ErrorRecord.

    .DESCRIPTION
        The exit code picks the ErrorId, the category and the recommended action from
        Data\EngineContract.psd1 (the module's copy of src/core/exit-codes.ts); the engine's own
        error lines become the message. An exit code outside the table means node itself failed
        (it could not load the bundle, ran out of memory, was killed): that becomes
        IisLogonRightsEngineCrashed with whatever node wrote.

    .PARAMETER ExitCode
        The engine's exit code.

    .PARAMETER ErrorMessage
        The error lines the engine wrote on stderr (see Write-IisLogonRightsEngineDiagnostic).

    .PARAMETER Command
        The engine command that was run, for the message (for example 'test' or 'dsc set').

    .EXAMPLE
        $record = ConvertTo-IisLogonRightsEngineError -ExitCode 3 -ErrorMessage 'invalid input: secedit.inf: ...' -Command 'get'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.Int32]
        $ExitCode,

        [Parameter()]
        [AllowEmptyCollection()]
        [System.String[]]
        $ErrorMessage = @(),

        [Parameter(Mandatory = $true)]
        [System.String]
        $Command
    )

    $detail = (@($ErrorMessage) | Where-Object { $_ -ne '' }) -join ' | '
    if ($detail -eq '')
    {
        $detail = 'it wrote no error message'
    }

    $entry = $null
    foreach ($candidate in (Get-IisLogonRightsEngineContract).ExitCodes)
    {
        # 0 and 1 are never failures of the engine itself (1 is test's answer, not an error).
        if ($candidate.Code -eq $ExitCode -and $ExitCode -gt 1 -and $candidate.Name -ne 'hostError')
        {
            $entry = $candidate
        }
    }

    if ($null -eq $entry)
    {
        $crashed = @{
            ErrorId           = 'IisLogonRightsEngineCrashed'
            Category          = 'OperationStopped'
            TargetObject      = $Command
            Message           = 'iis-logon-rights {0} ended with exit code {1}, which the engine never returns itself: node could not run the bundle. {2}' -f $Command, $ExitCode, $detail
            RecommendedAction = 'Check that node is version 20 or later and that bin\iis-logon-rights.cjs is intact.'
        }
        return New-IisLogonRightsErrorRecord @crashed
    }

    $failed = @{
        ErrorId           = $entry.ErrorId
        Category          = $entry.Category
        TargetObject      = $Command
        Message           = 'iis-logon-rights {0} failed with exit code {1} ({2}): {3}' -f $Command, $ExitCode, $entry.Name, $detail
        RecommendedAction = $entry.RecommendedAction
    }
    return New-IisLogonRightsErrorRecord @failed
}
