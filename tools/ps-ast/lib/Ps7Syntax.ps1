# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# Syntax that Windows PowerShell 5.1 cannot parse or run (ps7OnlySyntax).

function Test-ForEachParallel {
    param($Command)
    $name = $Command.GetCommandName()
    if ($null -eq $name -or -not ($name -eq 'ForEach-Object' -or $name -eq '%' -or $name -eq 'foreach')) { return $false }
    # Any unambiguous prefix names the parameter: -Pa is already -Parallel.
    foreach ($e in $Command.CommandElements) {
        if ((Test-NodeType $e 'CommandParameterAst') -and $e.ParameterName.Length -ge 2 -and
            'Parallel'.StartsWith($e.ParameterName, [System.StringComparison]::OrdinalIgnoreCase)) { return $true }
    }
    $false
}

function Get-Ps7Kind {
    # Windows PowerShell 5.1 rejects these at parse time (or reads them differently), so on 5.1
    # they surface as parse errors instead; on 7.x they are found here.
    param($Node)
    $typeName = $Node.GetType().Name
    if ($typeName -eq 'TernaryExpressionAst') { return 'Ternary' }
    if ($typeName -eq 'BinaryExpressionAst' -and [string] $Node.Operator -eq 'QuestionQuestion') { return 'NullCoalescing' }
    if ($typeName -eq 'AssignmentStatementAst' -and [string] $Node.Operator -eq 'QuestionQuestionEquals') { return 'NullCoalescingAssignment' }
    if ($typeName -eq 'PipelineChainAst' -and $Node.Parent.GetType().Name -ne 'PipelineChainAst') { return 'PipelineChain' }
    if ($typeName -eq 'NamedBlockAst' -and [string] $Node.BlockKind -eq 'Clean') { return 'CleanBlock' }
    if ((Test-NodeType $Node 'MemberExpressionAst') -and $null -ne $Node.PSObject.Properties['NullConditional'] -and $Node.NullConditional) { return 'NullConditionalMember' }
    if ($typeName -eq 'IndexExpressionAst' -and $null -ne $Node.PSObject.Properties['NullConditional'] -and $Node.NullConditional) { return 'NullConditionalIndex' }
    if ($typeName -eq 'CommandAst' -and (Test-ForEachParallel $Node)) { return 'ForEachParallel' }
    $null
}

function Test-Ps7Escape {
    # "`e" and "`u{...}" are escapes since 7.0; 5.1 reads them as the letters e and u.
    param($Token)
    $kind = [string] $Token.Kind
    if ($kind -ne 'StringExpandable' -and $kind -ne 'HereStringExpandable') { return $false }
    $text = $Token.Text
    for ($i = 0; $i + 1 -lt $text.Length; $i++) {
        if ($text[$i] -ne '`') { continue }
        $next = $text[$i + 1]
        if ($next -ceq 'e' -or ($next -ceq 'u' -and $i + 2 -lt $text.Length -and $text[$i + 2] -eq '{')) { return $true }
        $i++
    }
    $false
}

function Get-Ps7SyntaxFact {
    param($Ast, $Tokens)
    $found = [System.Collections.Generic.List[object]]::new()
    foreach ($node in $Ast.FindAll({ $true }, $true)) {
        $kind = Get-Ps7Kind $node
        if ($null -ne $kind) { $found.Add(@($kind, $node.Extent)) }
    }
    foreach ($token in $Tokens) {
        if ((Test-Ps7Escape $token)) { $found.Add(@('EscapeSequence', $token.Extent)) }
    }
    $sorted = @($found | Get-SortedByOffset)
    , @(foreach ($f in $sorted) {
            [ordered] @{
                kind = $f[0]
                line = $f[1].StartLineNumber
                column = $f[1].StartColumnNumber
                text = Get-Snippet $f[1]
            }
        })
}
