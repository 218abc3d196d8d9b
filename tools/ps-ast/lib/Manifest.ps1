# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# Facts about Export-ModuleMember calls and module manifests (.psd1).

function Get-ExportKind {
    param([string] $ParameterName)
    foreach ($pair in @(@('Function', 'functions'), @('Cmdlet', 'cmdlets'), @('Variable', 'variables'), @('Alias', 'aliases'))) {
        if ($pair[0].StartsWith($ParameterName, [System.StringComparison]::OrdinalIgnoreCase)) { return $pair[1] }
    }
    'functions'
}

function Get-ExportModuleMemberFact {
    param($Ast)
    $calls = @(foreach ($c in (Find-Ast $Ast 'CommandAst')) {
            if ($c.GetCommandName() -eq 'Export-ModuleMember') { $c }
        })
    if ($calls.Count -eq 0) { return $null }
    $found = [ordered] @{
        functions = [System.Collections.Generic.List[string]]::new()
        cmdlets = [System.Collections.Generic.List[string]]::new()
        variables = [System.Collections.Generic.List[string]]::new()
        aliases = [System.Collections.Generic.List[string]]::new()
    }
    $nonLiteral = [System.Collections.Generic.List[string]]::new()
    $collect = {
        param($Element, $Names)
        $strings = @(Get-LiteralString $Element)
        if ($strings.Count -eq 0 -and -not (Test-NodeType $Element 'ArrayLiteralAst')) { $nonLiteral.Add($Element.Extent.Text) }
        else { foreach ($s in $strings) { $Names.Add($s) } }
    }
    foreach ($call in $calls) {
        # Element 0 is the command name; the first positional parameter is -Function.
        $kind = 'functions'
        for ($i = 1; $i -lt $call.CommandElements.Count; $i++) {
            $element = $call.CommandElements[$i]
            if ((Test-NodeType $element 'CommandParameterAst')) {
                $kind = Get-ExportKind $element.ParameterName
                if ($null -ne $element.Argument) { & $collect $element.Argument $found[$kind] }
                continue
            }
            & $collect $element $found[$kind]
            $kind = 'functions'
        }
    }
    [ordered] @{
        calls = $calls.Count
        functions = @($found.functions)
        cmdlets = @($found.cmdlets)
        variables = @($found.variables)
        aliases = @($found.aliases)
        nonLiteral = @($nonLiteral)
    }
}

function ConvertFrom-ManifestStatement {
    param($Statement)
    $pure = Get-PureExpression $Statement
    if ($null -ne $pure) { return , (ConvertFrom-ManifestValue $pure) }
    [ordered] @{ nonLiteral = $Statement.Extent.Text }
}

function ConvertFrom-ManifestHashtable {
    param($Hashtable)
    $result = [ordered] @{}
    foreach ($pair in $Hashtable.KeyValuePairs) {
        $key = @(Get-LiteralString $pair.Item1)
        $name = $pair.Item1.Extent.Text
        if ($key.Count -gt 0) { $name = $key[0] }
        $result[$name] = ConvertFrom-ManifestStatement $pair.Item2
    }
    $result
}

function ConvertFrom-ManifestValue {
    # Returns through `,` so that an array stays one value.
    param($Expression)
    if ((Test-NodeType $Expression 'StringConstantExpressionAst')) { return $Expression.Value }
    if ((Test-NodeType $Expression 'ExpandableStringExpressionAst') -and $Expression.NestedExpressions.Count -eq 0) { return $Expression.Value }
    if ((Test-NodeType $Expression 'ConstantExpressionAst') -and
        ($Expression.Value -is [int] -or $Expression.Value -is [long] -or $Expression.Value -is [double])) {
        return [double] $Expression.Value
    }
    if ((Test-NodeType $Expression 'VariableExpressionAst')) {
        $name = $Expression.VariablePath.UserPath
        if ($name -eq 'true') { return $true }
        if ($name -eq 'false') { return $false }
        if ($name -eq 'null') { return $null }
    }
    if ((Test-NodeType $Expression 'HashtableAst')) { return , (ConvertFrom-ManifestHashtable $Expression) }
    if ((Test-NodeType $Expression 'ArrayLiteralAst')) {
        return , @(foreach ($e in $Expression.Elements) { , (ConvertFrom-ManifestValue $e) })
    }
    if ((Test-NodeType $Expression 'ArrayExpressionAst')) {
        # @('a', 'b') holds one statement, an array literal; @('a'<newline>'b') holds two.
        return , @(foreach ($statement in $Expression.SubExpression.Statements) {
                $pure = Get-PureExpression $statement
                if ($null -ne $pure -and (Test-NodeType $pure 'ArrayLiteralAst')) {
                    foreach ($e in $pure.Elements) { , (ConvertFrom-ManifestValue $e) }
                }
                else { , (ConvertFrom-ManifestStatement $statement) }
            })
    }
    if ((Test-NodeType $Expression 'ParenExpressionAst')) { return , (ConvertFrom-ManifestStatement $Expression.Pipeline) }
    [ordered] @{ nonLiteral = $Expression.Extent.Text }
}

function Get-ManifestFact {
    param($Ast)
    $statements = $null
    if ($null -ne $Ast.EndBlock) { $statements = $Ast.EndBlock.Statements }
    if ($null -ne $Ast.BeginBlock -or $null -ne $Ast.ProcessBlock -or $null -ne $Ast.ParamBlock -or
        $null -eq $statements -or $statements.Count -ne 1) {
        return @{ manifest = $null; manifestError = 'expected exactly one statement, a hashtable literal @{ ... }' }
    }
    $pure = Get-PureExpression $statements[0]
    if ($null -ne $pure -and (Test-NodeType $pure 'HashtableAst')) {
        return @{ manifest = (ConvertFrom-ManifestHashtable $pure); manifestError = $null }
    }
    @{ manifest = $null; manifestError = 'expected a hashtable literal @{ ... }, found: ' + (Get-Snippet $statements[0].Extent) }
}
