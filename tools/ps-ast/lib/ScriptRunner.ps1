# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# Eval: run a script in a fresh runspace and report its streams.

function ConvertFrom-ErrorRecord {
    param($ErrorRecord)
    $message = $null
    $exceptionType = $null
    $exceptionMessage = $null
    $innerType = $null
    if ($null -ne $ErrorRecord.Exception) {
        $exceptionType = $ErrorRecord.Exception.GetType().FullName
        $exceptionMessage = $ErrorRecord.Exception.Message
        $message = $exceptionMessage
        if ($null -ne $ErrorRecord.Exception.InnerException) { $innerType = $ErrorRecord.Exception.InnerException.GetType().FullName }
    }
    $recommended = $null
    if ($null -ne $ErrorRecord.ErrorDetails) {
        if ($null -ne $ErrorRecord.ErrorDetails.Message) { $message = $ErrorRecord.ErrorDetails.Message }
        $recommended = $ErrorRecord.ErrorDetails.RecommendedAction
    }
    $line = $null
    if ($null -ne $ErrorRecord.InvocationInfo -and $ErrorRecord.InvocationInfo.ScriptLineNumber -gt 0) { $line = $ErrorRecord.InvocationInfo.ScriptLineNumber }
    [ordered] @{
        message = $message
        exceptionType = $exceptionType
        exceptionMessage = $exceptionMessage
        innerExceptionType = $innerType
        fullyQualifiedErrorId = $ErrorRecord.FullyQualifiedErrorId
        category = [string] $ErrorRecord.CategoryInfo.Category
        categoryActivity = $ErrorRecord.CategoryInfo.Activity
        categoryReason = $ErrorRecord.CategoryInfo.Reason
        categoryTargetName = $ErrorRecord.CategoryInfo.TargetName
        targetObject = New-UserValue $ErrorRecord.TargetObject ($script:MaxDepth - 2)
        recommendedAction = $recommended
        scriptStackTrace = $ErrorRecord.ScriptStackTrace
        line = $line
    }
}

function Invoke-PsAstEval {
    param([string] $ScriptPath)
    # CreateDefault2 loads the Core cmdlets and autoloads modules on first use. CreateDefault
    # would load snap-ins by name, and the hosted engine of ps-ast.dll has no console host one.
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $shell = [System.Management.Automation.PowerShell]::Create($state)
    try {
        if ($ScriptPath -eq '-') { [void] $shell.AddScript([System.Console]::In.ReadToEnd()) }
        else { [void] $shell.AddCommand($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ScriptPath)) }
        # Into a collection, so what the script wrote before a terminating error is kept.
        $inputObjects = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $inputObjects.Complete()
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $terminating = $null
        try { $shell.Invoke($inputObjects, $output) }
        catch {
            # A method call wraps what Invoke threw in a MethodInvocationException.
            $inner = $_.Exception
            if ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
            if ($inner -isnot [System.Management.Automation.RuntimeException]) { throw }
            $terminating = $inner.ErrorRecord
        }
        $terminatingFact = $null
        if ($null -ne $terminating) { $terminatingFact = ConvertFrom-ErrorRecord $terminating }
        [ordered] @{
            tool = 'ps-ast'
            schemaVersion = $script:SchemaVersion
            engine = Get-EngineFact
            standIns = @()
            output = @(foreach ($item in $output) {
                    $type = $null
                    $typeNames = @()
                    if ($null -ne $item) {
                        $typeNames = @($item.PSObject.TypeNames)
                        if ($item.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject]) { $type = 'System.Management.Automation.PSCustomObject' }
                        else { $type = $item.PSObject.BaseObject.GetType().FullName }
                    }
                    [ordered] @{ type = $type; typeNames = $typeNames; value = (New-UserValue $item 0) }
                })
            errors = @(foreach ($e in $shell.Streams.Error) { ConvertFrom-ErrorRecord $e })
            terminatingError = $terminatingFact
            hadErrors = [bool] ($shell.HadErrors -or $null -ne $terminating)
            warnings = @(foreach ($r in $shell.Streams.Warning) { $r.Message })
            verbose = @(foreach ($r in $shell.Streams.Verbose) { $r.Message })
            debug = @(foreach ($r in $shell.Streams.Debug) { $r.Message })
            information = @(foreach ($r in $shell.Streams.Information) { [ordered] @{ messageData = (New-UserValue $r.MessageData 1); tags = @($r.Tags) } })
        }
    }
    finally {
        $shell.Dispose()
    }
}
