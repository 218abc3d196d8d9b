function Get-IisLogonRightsJsEngine
{
    <#
    .SYNOPSIS
        Returns the in-process engine: Jint with the engine bundle loaded, made once per session.

    .DESCRIPTION
        The DSC Local Configuration Manager and Machine Configuration call Test again and again
        in one process, so the bundle is parsed and run once and the Jint engine kept in the
        module's state; each call then only invokes IisLogonRightsEngine.run. The engine's
        version must be the module's, as with the node host.

        Limits on each call (Jint's constraints): no more than TimeoutSeconds; on PowerShell 7,
        no more than MemoryMegabytes allocated (Jint counts the bytes the call allocates, which
        the Windows PowerShell 5.1 runtime cannot report, so there the input size limits and the
        time limit bound a call); JavaScript calls nested no deeper than 400, so deep input
        stops with an error instead of overflowing this process's stack.

    .PARAMETER TimeoutSeconds
        The time limit of one call.

    .PARAMETER MemoryMegabytes
        The allocation limit of one call (PowerShell 7 only).

    .EXAMPLE
        $engine = Get-IisLogonRightsJsEngine
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCustomObject])]
    param
    (
        [Parameter()]
        [ValidateRange(1, 86400)]
        [System.Int32]
        $TimeoutSeconds = 600,

        [Parameter()]
        [ValidateRange(64, 1048576)]
        [System.Int64]
        $MemoryMegabytes = 16384
    )

    if ($null -ne $script:IisLogonRightsJsEngine)
    {
        return $script:IisLogonRightsJsEngine
    }

    # Jint's Options enumerates the system time zones (for Temporal), which on Linux reads every
    # zoneinfo file: 1 to 2 seconds on the 2-core test machine, against about 0.3 seconds to
    # parse the bundle. Starting that enumeration now, on a pool thread, lets it run while this
    # thread loads and parses the bundle; .NET caches the answer, so Jint then finds it ready.
    # Only a head start: if it cannot be started, Jint enumerates the zones itself.
    try
    {
        $zones = [System.Delegate]::CreateDelegate([System.Func[System.Collections.ObjectModel.ReadOnlyCollection[System.TimeZoneInfo]]], [System.TimeZoneInfo].GetMethod('GetSystemTimeZones', [System.Type[]] @()))
        [System.Threading.Tasks.Task[System.Collections.ObjectModel.ReadOnlyCollection[System.TimeZoneInfo]]]::new($zones).Start()
    }
    catch
    {
        Write-Verbose -Message ('The time zones were not enumerated ahead: {0}' -f $_.Exception.Message)
    }

    Import-IisLogonRightsJint
    $bundle = Get-IisLogonRightsBundlePath -Name 'iis-logon-rights.engine.js'
    # Parsed once per process: an engine dropped after a limit hit is rebuilt without parsing again.
    if ($null -eq $script:IisLogonRightsPreparedBundle -or $script:IisLogonRightsPreparedBundle.Path -ne $bundle)
    {
        $script:IisLogonRightsPreparedBundle = [pscustomobject] @{
            Path   = $bundle
            Script = [Jint.Engine]::PrepareScript([System.IO.File]::ReadAllText($bundle, [System.Text.Encoding]::UTF8), $bundle, $false, $null)
        }
    }

    $canLimitMemory = $null -ne [System.GC].GetMethod('GetAllocatedBytesForCurrentThread', [System.Type[]] @())
    $configure = [System.Action[Jint.Options]] {
        param ($options)
        $null = [Jint.OptionsExtensions]::LimitRecursion($options, 400)
        $null = [Jint.ConstraintsOptionsExtensions]::TimeoutInterval($options, [System.TimeSpan]::FromSeconds($TimeoutSeconds))
        if ($canLimitMemory)
        {
            $null = [Jint.ConstraintsOptionsExtensions]::LimitMemory($options, $MemoryMegabytes * 1MB)
        }
    }.GetNewClosure()
    $engine = [Jint.Engine]::new($configure)
    $engine.Constraints.Reset()
    $prepared = $script:IisLogonRightsPreparedBundle.Script
    $null = $engine.Execute([ref] $prepared)
    $exports = $engine.GetValue('IisLogonRightsEngine')

    $manifestPath = [System.IO.Path]::Combine((Get-IisLogonRightsModuleRoot), 'IisLogonRightsDsc.psd1')
    $moduleVersion = [System.String] (Import-IisLogonRightsDataFile -Path $manifestPath).ModuleVersion
    $engineVersion = $exports.Get('version').ToString()
    if ($engineVersion -ne $moduleVersion)
    {
        $mismatch = @{
            ErrorId           = 'IisLogonRightsVersionMismatch'
            Category          = 'InvalidResult'
            TargetObject      = $bundle
            Message           = 'The engine {0} reports version "{1}", but the module is version {2}.' -f $bundle, $engineVersion, $moduleVersion
            RecommendedAction = 'Install the module and its bin\iis-logon-rights.engine.js from the same build.'
        }
        $PSCmdlet.ThrowTerminatingError((New-IisLogonRightsErrorRecord @mismatch))
    }

    $script:IisLogonRightsJsEngine = [pscustomobject] @{
        Engine          = $engine
        Run             = $exports.Get('run')
        Files           = [Jint.Native.JsValue]::FromObject($engine, [IisLogonRightsEngineFiles]::new($engine))
        TimeoutSeconds  = $TimeoutSeconds
        MemoryMegabytes = $(if ($canLimitMemory) { $MemoryMegabytes } else { 0 })
    }
    return $script:IisLogonRightsJsEngine
}
