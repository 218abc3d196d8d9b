# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# AST helpers: node types by name (Windows PowerShell 5.1 lacks some), snippets, constant values
# and named attribute arguments.

function Test-NodeType {
    # By name, so types that Windows PowerShell 5.1 lacks can be named without failing there.
    param($Node, [string] $Name)
    $type = $Node.GetType()
    while ($null -ne $type) {
        if ($type.Name -eq $Name) { return $true }
        $type = $type.BaseType
    }
    $false
}

function Get-Snippet {
    param($Extent)
    $text = $Extent.Text
    $newline = $text.IndexOfAny([char[]] @("`r", "`n"))
    if ($newline -ge 0) { $text = $text.Substring(0, $newline) }
    if ($text.Length -gt $script:MaxSnippet) { $text = $text.Substring(0, $script:MaxSnippet) }
    $text
}

function Test-AttributeName {
    param($Attribute, [string] $Name)
    $written = $Attribute.TypeName.Name
    ($written -eq $Name) -or ($written -eq ($Name + 'Attribute'))
}

function Get-PureExpression {
    param($Statement)
    if ((Test-NodeType $Statement 'PipelineAst')) { return $Statement.GetPureExpression() }
    $null
}

function Get-LiteralString {
    # 'a', "b", bare words and arrays of them; anything else yields nothing.
    param($Element)
    if ((Test-NodeType $Element 'StringConstantExpressionAst')) { return $Element.Value }
    if ((Test-NodeType $Element 'ExpandableStringExpressionAst')) {
        if ($Element.NestedExpressions.Count -eq 0) { return $Element.Value }
        return
    }
    if ((Test-NodeType $Element 'ArrayLiteralAst')) {
        foreach ($item in $Element.Elements) { Get-LiteralString $item }
        return
    }
    if ((Test-NodeType $Element 'ArrayExpressionAst')) {
        foreach ($statement in $Element.SubExpression.Statements) {
            $pure = Get-PureExpression $statement
            if ($null -ne $pure) { Get-LiteralString $pure }
        }
        return
    }
    if ((Test-NodeType $Element 'ParenExpressionAst')) {
        $pure = Get-PureExpression $Element.Pipeline
        if ($null -ne $pure) { Get-LiteralString $pure }
    }
}

function Get-ConstantValue {
    # $true/$false/$null and constants are their values; anything else its source text.
    param($Expression)
    if ((Test-NodeType $Expression 'VariableExpressionAst')) {
        $name = $Expression.VariablePath.UserPath
        if ($name -eq 'true') { return $true }
        if ($name -eq 'false') { return $false }
        if ($name -eq 'null') { return $null }
    }
    if ((Test-NodeType $Expression 'StringConstantExpressionAst')) { return $Expression.Value }
    if ((Test-NodeType $Expression 'ConstantExpressionAst') -and
        ($Expression.Value -is [int] -or $Expression.Value -is [long] -or $Expression.Value -is [double])) {
        return [double] $Expression.Value
    }
    [ordered] @{ nonLiteral = $Expression.Extent.Text }
}

function Get-NamedArgument {
    param($Attribute)
    $named = [ordered] @{}
    foreach ($a in $Attribute.NamedArguments) {
        if ($a.ExpressionOmitted) { $named[$a.ArgumentName] = $true }
        else { $named[$a.ArgumentName] = Get-ConstantValue $a.Argument }
    }
    $named
}

function Get-NamedValue {
    param($Named, [string] $Name)
    foreach ($key in $Named.Keys) { if ($key -eq $Name) { return , $Named[$key] } }
    $null
}

function Test-NamedTrue {
    # Only a literal $true (or a non-zero number) counts: an expression is not "true" here.
    param($Named, [string] $Name)
    $v = Get-NamedValue $Named $Name
    ($v -is [bool] -and $v) -or ($v -is [double] -and $v -ne 0)
}

function Get-NamedText {
    param($Named, [string] $Name)
    $v = Get-NamedValue $Named $Name
    if ($null -eq $v) { return $null }
    if ($v -is [System.Collections.IDictionary]) { return $v.nonLiteral }
    [System.Convert]::ToString($v, $script:Invariant)
}

function Test-FunctionAncestor {
    param($Node)
    $parent = $Node.Parent
    while ($null -ne $parent) {
        if ((Test-NodeType $parent 'FunctionDefinitionAst') -or (Test-NodeType $parent 'FunctionMemberAst')) { return $true }
        $parent = $parent.Parent
    }
    $false
}

function Get-TypeConstraintName {
    param($Attributes)
    foreach ($a in $Attributes) {
        if ((Test-NodeType $a 'TypeConstraintAst')) { return $a.TypeName.FullName }
    }
    $null
}

function Find-Ast {
    # Only for types that Windows PowerShell 5.1 has too.
    param($Ast, [string] $TypeName)
    $type = [type] ('System.Management.Automation.Language.' + $TypeName)
    @($Ast.FindAll({ param($node) $node -is $type }, $true))
}
