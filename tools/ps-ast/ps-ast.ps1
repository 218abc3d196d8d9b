<#
.SYNOPSIS
Facts about PowerShell files from the PowerShell parser, as one JSON document.

.DESCRIPTION
The PowerShell twin of ps-ast.dll (Program.cs and the files beside it), for machines that have
pwsh or powershell.exe. It writes the same JSON document, so the TypeScript tests read either.
Windows PowerShell 5.1 must be able to parse and run it: ASCII only, no syntax newer than 5.1,
and types that 5.1 lacks (TernaryExpressionAst, ...) are matched by name, never by type literal.
It uses no cmdlet outside Microsoft.PowerShell.Core, and converts to JSON itself, so the same
script also runs inside the runspace of ps-ast.dll, where the tests compare the two outputs.

.PARAMETER Path
The files to analyze.

.PARAMETER Eval
A script file to run in a fresh runspace, or '-' to read the script from standard input.

.EXAMPLE
pwsh -NoProfile -File tools/ps-ast/ps-ast.ps1 dsc/IisLogonRightsDsc/IisLogonRightsDsc.psm1

.EXAMPLE
'1 + 1' | pwsh -NoProfile -File tools/ps-ast/ps-ast.ps1 -Eval -
#>
[CmdletBinding(DefaultParameterSetName = 'Analyze')]
param(
    [Parameter(ParameterSetName = 'Analyze', Position = 0, ValueFromRemainingArguments = $true)]
    [string[]] $Path,

    [Parameter(ParameterSetName = 'Eval', Mandatory = $true)]
    [string] $Eval
)

$ErrorActionPreference = 'Stop'
$script:SchemaVersion = 1
$script:MaxNonAsciiReported = 200
$script:MaxSnippet = 80
$script:MaxDepth = 6
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture

# Its functions, one file per concern, as the C# files beside it are split.
foreach ($part in @('Json', 'AstHelpers', 'FunctionFacts', 'Manifest', 'Ps7Syntax', 'NonAscii', 'FileFacts', 'ScriptRunner')) {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'lib', $part + '.ps1'))
}

if ($PSCmdlet.ParameterSetName -eq 'Eval') {
    ConvertTo-PsAstJson (Invoke-PsAstEval $Eval)
    return
}
if ($null -eq $Path -or $Path.Count -eq 0) {
    [System.Console]::Error.WriteLine('usage: ps-ast.ps1 <file>... | ps-ast.ps1 -Eval <script.ps1|->')
    exit 2
}
foreach ($p in $Path) {
    if (-not [System.IO.File]::Exists($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p))) {
        [System.Console]::Error.WriteLine("ps-ast: no such file: $p")
        exit 2
    }
}
ConvertTo-PsAstJson ([ordered] @{
        tool = 'ps-ast'
        schemaVersion = $script:SchemaVersion
        engine = Get-EngineFact
        files = @(foreach ($p in $Path) { Get-FileFact $p })
    })
