# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# The facts document for one file, and the engine that wrote it.

function Get-FileFact {
    param([string] $FilePath)
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($FilePath)
    $bytes = [System.IO.File]::ReadAllBytes($full)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($full, [ref] $tokens, [ref] $errors)
    $nonAscii = Get-NonAsciiFact $bytes
    $manifest = @{ manifest = $null; manifestError = $null }
    if ($FilePath.EndsWith('.psd1', [System.StringComparison]::OrdinalIgnoreCase)) { $manifest = Get-ManifestFact $ast }
    $script:HelpTokenCache = $null
    $cacheType = [System.Collections.Generic.Dictionary[System.Management.Automation.Language.Ast, System.Management.Automation.Language.Token[]]]
    if ($null -ne [System.Management.Automation.Language.FunctionDefinitionAst].GetMethod('GetHelpContent', [type[]] @($cacheType))) {
        $script:HelpTokenCache = $cacheType::new()
    }
    $types = Find-Ast $ast 'TypeDefinitionAst'
    [ordered] @{
        path = $FilePath
        bom = $nonAscii.bom
        tokenCount = $tokens.Count
        parseErrors = @(foreach ($e in $errors) {
                [ordered] @{
                    message = $e.Message
                    line = $e.Extent.StartLineNumber
                    column = $e.Extent.StartColumnNumber
                    errorId = $e.ErrorId
                    incompleteInput = [bool] $e.IncompleteInput
                }
            })
        requires = Get-RequiresFact $ast
        functions = @(foreach ($f in (Find-Ast $ast 'FunctionDefinitionAst')) { Get-FunctionFact $f })
        classes = @(foreach ($t in $types) { if (-not $t.IsEnum) { Get-ClassFact $t } })
        enums = @(foreach ($t in $types) {
                if ($t.IsEnum) {
                    [ordered] @{ name = $t.Name; line = $t.Extent.StartLineNumber; members = @(foreach ($m in $t.Members) { $m.Name }) }
                }
            })
        commands = @(foreach ($c in (Find-Ast $ast 'CommandAst')) {
                $name = $c.GetCommandName()
                if ($null -ne $name) { [ordered] @{ name = $name; line = $c.Extent.StartLineNumber } }
            })
        exportModuleMember = Get-ExportModuleMemberFact $ast
        manifest = $manifest.manifest
        manifestError = $manifest.manifestError
        ps7OnlySyntax = Get-Ps7SyntaxFact $ast $tokens
        nonAscii = $nonAscii.nonAscii
        nonAsciiCount = $nonAscii.nonAsciiCount
    }
}

function Get-EngineFact {
    [ordered] @{
        host = 'ps-ast.ps1'
        version = ([string] $PSVersionTable.PSVersion).Split(' ')[0]
        edition = $(if ($PSVersionTable.ContainsKey('PSEdition')) { [string] $PSVersionTable.PSEdition } else { 'Desktop' })
    }
}
