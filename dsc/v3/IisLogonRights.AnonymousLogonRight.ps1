<#
    .SYNOPSIS
        DSC v3 entry of the IisLogonRights/AnonymousLogonRight resource.

    .DESCRIPTION
        DSC runs this script once per operation (IisLogonRights.AnonymousLogonRight.dsc.resource.json)
        with the desired instance as JSON on stdin. It imports the IisLogonRightsDsc module (the
        installed module this script sits in, else the folder beside this one in the repository,
        else from PSModulePath), which collects the facts, runs the engine's
        `dsc <get|test|set>` (in-process by default) and, for set, applies the plan. It writes
        the one JSON line DSC expects on stdout and its messages as one-key JSON lines on stderr
        ({"warn": ...}, {"info": ...}, {"error": ...}), the form DSC reads. The exit code is one
        of the codes the manifest declares (Data\EngineContract.psd1 in the module).

    .PARAMETER Operation
        get, test, set or whatif.

    .EXAMPLE
        '{"scope":"*"}' | powershell -NoProfile -File IisLogonRights.AnonymousLogonRight.ps1 test
#>
[CmdletBinding()]
param
(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateSet('get', 'test', 'set', 'whatif')]
    [System.String]
    $Operation
)

function ConvertTo-IisLogonRightsDscTraceLine
{
    <#
    .SYNOPSIS
        Formats one message as a one-key JSON trace line: {"warn":"..."}.

    .DESCRIPTION
        Uses the module's JSON writer when the module is loaded. Before that (the module could
        not be found or imported) a minimal escape keeps the line valid JSON: backslash and quote
        escaped, everything outside printable ASCII replaced by a space.

    .PARAMETER Level
        error, warn, info, debug or trace.

    .PARAMETER Message
        The message.

    .PARAMETER Module
        The imported IisLogonRightsDsc module, or $null.

    .EXAMPLE
        ConvertTo-IisLogonRightsDscTraceLine -Level 'warn' -Message 'no GPO data' -Module $null
    #>
    [CmdletBinding()]
    [OutputType([System.String])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Level,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $Message,

        [Parameter()]
        [AllowNull()]
        [System.Management.Automation.PSModuleInfo]
        $Module
    )

    if ($null -ne $Module)
    {
        return (& $Module { param ($key, $value) ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ $key = $value }) } $Level $Message)
    }

    $escaped = ($Message -replace '[^\x20-\x7E]', ' ').Replace('\', '\\').Replace('"', '\"')
    return ('{{"{0}":"{1}"}}' -f $Level, $escaped)
}

function Invoke-IisLogonRightsDscEntry
{
    <#
    .SYNOPSIS
        Runs one operation and returns what the entry writes: stdout line, trace lines, exit code.

    .DESCRIPTION
        Kept apart from the process plumbing (stdin, stdout, stderr, exit) so that it can be
        run, with the module's boundary functions replaced, where DSC and Windows are absent.

    .PARAMETER Operation
        get, test, set or whatif.

    .PARAMETER InputText
        The desired instance as JSON.

    .PARAMETER ModulePath
        The module manifest to import; by default the module beside this folder, else the
        newest IisLogonRightsDsc in PSModulePath.

    .EXAMPLE
        Invoke-IisLogonRightsDscEntry -Operation test -InputText '{"scope":"*"}'
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter(Mandatory = $true)]
        [System.String]
        $Operation,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [System.String]
        $InputText,

        [Parameter()]
        [System.String]
        $ModulePath = ''
    )

    $trace = [System.Collections.Generic.List[System.String]]::new()
    $output = $null
    $module = $null

    if ($ModulePath -eq '')
    {
        # In the installed module the entry sits beside the manifest; in the repository the
        # module folder is beside dsc\v3.
        $beside = [System.IO.Path]::Combine($PSScriptRoot, 'IisLogonRightsDsc.psd1')
        $sibling = [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($PSScriptRoot), 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1')
        if ([System.IO.File]::Exists($beside))
        {
            $ModulePath = $beside
        }
        elseif ([System.IO.File]::Exists($sibling))
        {
            $ModulePath = $sibling
        }
        else
        {
            $installed = @(Get-Module -ListAvailable -Name 'IisLogonRightsDsc' | Sort-Object -Property Version -Descending)
            if ($installed.Count -gt 0)
            {
                $ModulePath = $installed[0].Path
            }
        }
    }

    if ($ModulePath -eq '')
    {
        $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'error' -Message 'The IisLogonRightsDsc module was found neither beside this script nor in PSModulePath.' -Module $null))
        return [pscustomobject] @{ ExitCode = 5; Output = $null; Trace = $trace.ToArray() }
    }

    try
    {
        $module = Import-Module -Name $ModulePath -PassThru -ErrorAction Stop
        if (@($module).Count -gt 1)
        {
            $module = @($module | Where-Object { $_.Name -eq 'IisLogonRightsDsc' })[0]
        }
    }
    catch
    {
        $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'error' -Message ('The IisLogonRightsDsc module at {0} could not be imported: {1}' -f $ModulePath, $_.Exception.Message) -Module $null))
        return [pscustomobject] @{ ExitCode = 5; Output = $null; Trace = $trace.ToArray() }
    }

    $exitCode = 0
    try
    {
        $operationBlock = {
            param ($operationName, $desiredJson)
            Invoke-IisLogonRightsDscOperation -Operation $operationName -DesiredJson $desiredJson -Verbose
        }
        & $module $operationBlock $Operation $InputText *>&1 | ForEach-Object {
            $record = $_
            if ($record -is [System.Management.Automation.WarningRecord])
            {
                $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'warn' -Message $record.Message -Module $module))
            }
            elseif ($record -is [System.Management.Automation.VerboseRecord])
            {
                $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'info' -Message $record.Message -Module $module))
            }
            elseif ($record -is [System.Management.Automation.DebugRecord])
            {
                $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'debug' -Message $record.Message -Module $module))
            }
            elseif ($record -is [System.Management.Automation.InformationRecord])
            {
                $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'info' -Message ([System.String] $record.MessageData) -Module $module))
            }
            elseif ($record -is [System.Management.Automation.ErrorRecord])
            {
                $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'error' -Message $record.ToString() -Module $module))
            }
            elseif ($record -is [System.String])
            {
                $output = $record
            }
        }
    }
    catch
    {
        $message = $_.Exception.Message
        if ($null -ne $_.ErrorDetails -and -not [System.String]::IsNullOrEmpty($_.ErrorDetails.RecommendedAction))
        {
            $message = '{0} ({1})' -f $message, $_.ErrorDetails.RecommendedAction
        }

        $trace.Add((ConvertTo-IisLogonRightsDscTraceLine -Level 'error' -Message $message -Module $module))
        $exitCode = & $module { param ($record) Get-IisLogonRightsExitCode -ErrorRecord $record } $_
        $output = $null
    }

    return [pscustomobject] @{
        ExitCode = [System.Int32] $exitCode
        Output   = $output
        Trace    = $trace.ToArray()
    }
}

# Dot-sourced (by a test), the script only defines its functions.
if ($MyInvocation.InvocationName -ne '.')
{
    # Nothing but the instance line may reach stdout.
    $ProgressPreference = 'SilentlyContinue'
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $stdin = [System.IO.StreamReader]::new([System.Console]::OpenStandardInput(), $utf8)
    $inputText = $stdin.ReadToEnd()
    $result = Invoke-IisLogonRightsDscEntry -Operation $Operation -InputText $inputText

    $stderr = [System.Console]::OpenStandardError()
    foreach ($line in $result.Trace)
    {
        $bytes = $utf8.GetBytes($line + "`n")
        $stderr.Write($bytes, 0, $bytes.Length)
    }

    $stderr.Flush()
    if ($null -ne $result.Output)
    {
        $stdout = [System.Console]::OpenStandardOutput()
        $bytes = $utf8.GetBytes($result.Output + "`n")
        $stdout.Write($bytes, 0, $bytes.Length)
        $stdout.Flush()
    }

    exit $result.ExitCode
}
