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

# ---------------------------------------------------------------------------------------------
# JSON. Every non-ASCII character is escaped, so the document survives any console code page.

function Add-JsonString {
    param([System.Text.StringBuilder] $Builder, [string] $Text)
    [void] $Builder.Append('"')
    foreach ($c in $Text.ToCharArray()) {
        $code = [int] $c
        if ($c -eq '"') { [void] $Builder.Append('\"') }
        elseif ($c -eq '\') { [void] $Builder.Append('\\') }
        elseif ($code -lt 0x20 -or $code -gt 0x7E) { [void] $Builder.Append('\u').Append($code.ToString('x4')) }
        else { [void] $Builder.Append($c) }
    }
    [void] $Builder.Append('"')
}

function New-UserValue {
    # A value produced by a user's script: serialized with the depth limit counted from $Depth.
    # The tool's own documents are not depth-limited.
    param($Value, [int] $Depth)
    [pscustomobject] @{ PSTypeName = 'PsAst.UserValue'; Value = $Value; Depth = $Depth }
}

function Add-JsonValue {
    param([System.Text.StringBuilder] $Builder, $Value, [int] $Depth, [int] $Limit)
    if ($Value -is [System.Management.Automation.PSObject] -and $Value.PSObject.TypeNames[0] -eq 'PsAst.UserValue') {
        Add-JsonValue $Builder $Value.Value $Value.Depth $script:MaxDepth
        return
    }
    if ($Value -is [System.Management.Automation.PSObject] -and
        $Value.PSObject.BaseObject -isnot [System.Management.Automation.PSCustomObject]) {
        $Value = $Value.PSObject.BaseObject
    }
    if ($null -eq $Value) { [void] $Builder.Append('null'); return }
    if ($Value -is [string]) { Add-JsonString $Builder $Value; return }
    if ($Value -is [char]) { Add-JsonString $Builder ([string] $Value); return }
    if ($Value -is [bool]) { [void] $Builder.Append($(if ($Value) { 'true' } else { 'false' })); return }
    if ($Value -is [enum]) { Add-JsonString $Builder $Value.ToString(); return }
    if ($Value -is [byte] -or $Value -is [sbyte] -or $Value -is [int16] -or $Value -is [uint16] -or
        $Value -is [int] -or $Value -is [uint32] -or $Value -is [long] -or $Value -is [uint64] -or
        $Value -is [decimal]) {
        [void] $Builder.Append($Value.ToString($script:Invariant)); return
    }
    if ($Value -is [double] -or $Value -is [single]) {
        $d = [double] $Value
        if ([double]::IsNaN($d) -or [double]::IsInfinity($d)) { Add-JsonString $Builder $d.ToString($script:Invariant) }
        else { [void] $Builder.Append($d.ToString('R', $script:Invariant)) }
        return
    }
    if ($Value -is [datetime] -or $Value -is [System.DateTimeOffset]) {
        Add-JsonString $Builder $Value.ToString('o', $script:Invariant); return
    }
    if ($Value -is [guid] -or $Value -is [version] -or $Value -is [uri] -or $Value -is [timespan] -or
        $Value -is [scriptblock] -or $Value.GetType().FullName -eq 'System.Management.Automation.SemanticVersion') {
        Add-JsonString $Builder ([string] $Value); return
    }
    if ($Value -is [type]) { Add-JsonString $Builder $Value.FullName; return }
    if ($Depth -ge $Limit) { Add-JsonString $Builder ([string] $Value); return }
    if ($Value -is [System.Management.Automation.ErrorRecord]) {
        Add-JsonValue $Builder (ConvertFrom-ErrorRecord $Value) 0 ([int]::MaxValue); return
    }
    if ($Value -is [System.Collections.IDictionary]) {
        [void] $Builder.Append('{')
        $first = $true
        foreach ($entry in $Value.GetEnumerator()) {
            if (-not $first) { [void] $Builder.Append(',') }
            $first = $false
            Add-JsonString $Builder ([string] $entry.Key)
            [void] $Builder.Append(':')
            Add-JsonValue $Builder $entry.Value ($Depth + 1) $Limit
        }
        [void] $Builder.Append('}')
        return
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        [void] $Builder.Append('[')
        $first = $true
        foreach ($item in $Value) {
            if (-not $first) { [void] $Builder.Append(',') }
            $first = $false
            Add-JsonValue $Builder $item ($Depth + 1) $Limit
        }
        [void] $Builder.Append(']')
        return
    }
    if ($Value -is [System.Exception]) {
        Add-JsonValue $Builder ([ordered] @{ type = $Value.GetType().FullName; message = $Value.Message }) $Depth $Limit
        return
    }
    [void] $Builder.Append('{')
    $first = $true
    foreach ($property in $Value.PSObject.Properties) {
        $propertyValue = $null
        try { $propertyValue = $property.Value } catch { $propertyValue = '<unreadable: ' + $_.Exception.Message + '>' }
        if (-not $first) { [void] $Builder.Append(',') }
        $first = $false
        Add-JsonString $Builder $property.Name
        [void] $Builder.Append(':')
        Add-JsonValue $Builder $propertyValue ($Depth + 1) $Limit
    }
    [void] $Builder.Append('}')
}

function ConvertTo-PsAstJson {
    param($Value)
    $builder = [System.Text.StringBuilder]::new(4096)
    Add-JsonValue $builder $Value 0 ([int]::MaxValue)
    $builder.ToString()
}

# ---------------------------------------------------------------------------------------------
# AST helpers

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

# ---------------------------------------------------------------------------------------------
# Facts

function Get-RequiresFact {
    param($Ast)
    $r = $Ast.ScriptRequirements
    if ($null -eq $r) { return $null }
    $version = $null
    if ($null -ne $r.RequiredPSVersion) { $version = $r.RequiredPSVersion.ToString() }
    [ordered] @{
        version = $version
        psEditions = @($r.RequiredPSEditions)
        modules = @(foreach ($m in $r.RequiredModules) { $m.Name })
        runAsAdministrator = [bool] $r.IsElevationRequired
    }
}

function Get-ParameterFact {
    param($Parameter)
    $attributes = @(foreach ($a in $Parameter.Attributes) { if ((Test-NodeType $a 'AttributeAst')) { $a } })
    $parameterAttributes = @(foreach ($a in $attributes) { if ((Test-AttributeName $a 'Parameter')) { , (Get-NamedArgument $a) } })
    $validateSet = $null
    foreach ($a in $attributes) {
        if ($null -eq $validateSet -and (Test-AttributeName $a 'ValidateSet')) {
            $validateSet = @(foreach ($p in $a.PositionalArguments) { Get-LiteralString $p })
        }
    }
    $defaultValue = $null
    if ($null -ne $Parameter.DefaultValue) { $defaultValue = $Parameter.DefaultValue.Extent.Text }
    [ordered] @{
        name = $Parameter.Name.VariablePath.UserPath
        type = Get-TypeConstraintName $Parameter.Attributes
        attributes = @(foreach ($a in $attributes) { $a.Extent.Text })
        mandatory = [bool] (@($parameterAttributes | Where-Object { Test-NamedTrue $_ 'Mandatory' }).Count)
        valueFromPipeline = [bool] (@($parameterAttributes | Where-Object { Test-NamedTrue $_ 'ValueFromPipeline' }).Count)
        valueFromPipelineByPropertyName = [bool] (@($parameterAttributes | Where-Object { Test-NamedTrue $_ 'ValueFromPipelineByPropertyName' }).Count)
        parameterSets = @(foreach ($n in $parameterAttributes) {
                $set = Get-NamedValue $n 'ParameterSetName'
                if ($set -is [string]) { $set }
            })
        validateSet = $validateSet
        aliases = @(foreach ($a in $attributes) {
                if ((Test-AttributeName $a 'Alias')) { foreach ($p in $a.PositionalArguments) { Get-LiteralString $p } }
            })
        defaultValue = $defaultValue
    }
}

function Get-TrimmedOrNull {
    param([string] $Text)
    if ($null -eq $Text -or $Text -eq '') { return $null }
    $Text.Trim()
}

function Get-FunctionFact {
    param($Function)
    $paramBlock = $Function.Body.ParamBlock
    $attributes = @()
    if ($null -ne $paramBlock) { $attributes = @($paramBlock.Attributes) }
    $cmdletBinding = $null
    foreach ($a in $attributes) {
        if ($null -eq $cmdletBinding -and (Test-AttributeName $a 'CmdletBinding')) {
            $named = Get-NamedArgument $a
            $cmdletBinding = [ordered] @{
                supportsShouldProcess = [bool] (Test-NamedTrue $named 'SupportsShouldProcess')
                defaultParameterSetName = Get-NamedText $named 'DefaultParameterSetName'
                confirmImpact = Get-NamedText $named 'ConfirmImpact'
                arguments = $named
            }
        }
    }
    # `function f($a)` declares parameters outside the body's param block.
    $parameters = @()
    if ($null -ne $Function.Parameters) { $parameters = @($Function.Parameters) }
    elseif ($null -ne $paramBlock) { $parameters = @($paramBlock.Parameters) }

    # The overload with a token cache (where this engine has it) avoids tokenizing the whole
    # file again for every function.
    $help = $null
    if ($null -ne $script:HelpTokenCache) { $help = $Function.GetHelpContent($script:HelpTokenCache) }
    else { $help = $Function.GetHelpContent() }
    $helpFact = $null
    if ($null -ne $help) {
        $helpFact = [ordered] @{
            synopsis = Get-TrimmedOrNull $help.Synopsis
            description = Get-TrimmedOrNull $help.Description
            parameters = @($help.Parameters.Keys)
            examples = $help.Examples.Count
            inputs = @(foreach ($s in $help.Inputs) { $s.Trim() })
            outputs = @(foreach ($s in $help.Outputs) { $s.Trim() })
            notes = Get-TrimmedOrNull $help.Notes
            links = @(foreach ($s in $help.Links) { $s.Trim() })
        }
    }
    [ordered] @{
        name = $Function.Name
        line = $Function.Extent.StartLineNumber
        isFilter = [bool] $Function.IsFilter
        nested = Test-FunctionAncestor $Function
        cmdletBinding = $cmdletBinding
        outputTypes = @(foreach ($a in $attributes) {
                if ((Test-AttributeName $a 'OutputType')) {
                    foreach ($p in $a.PositionalArguments) {
                        if ((Test-NodeType $p 'TypeExpressionAst')) { $p.TypeName.FullName }
                        else {
                            $literal = @(Get-LiteralString $p)
                            if ($literal.Count -gt 0) { $literal[0] } else { $p.Extent.Text }
                        }
                    }
                }
            })
        attributes = @(foreach ($a in $attributes) { $a.Extent.Text })
        parameters = @(foreach ($p in $parameters) { Get-ParameterFact $p })
        hasCommentHelp = ($null -ne $help)
        help = $helpFact
    }
}

function Get-ValidateSet {
    param($Attributes)
    foreach ($a in $Attributes) {
        if ((Test-AttributeName $a 'ValidateSet')) { return , @(foreach ($p in $a.PositionalArguments) { Get-LiteralString $p }) }
    }
    $null
}

function Get-ClassFact {
    param($Type)
    $properties = @(foreach ($p in $Type.Members) {
            if (-not (Test-NodeType $p 'PropertyMemberAst')) { continue }
            $dsc = $null
            foreach ($a in $p.Attributes) {
                if ($null -eq $dsc -and (Test-AttributeName $a 'DscProperty')) {
                    $named = Get-NamedArgument $a
                    $dsc = [ordered] @{
                        key = [bool] (Test-NamedTrue $named 'Key')
                        mandatory = [bool] (Test-NamedTrue $named 'Mandatory')
                        notConfigurable = [bool] (Test-NamedTrue $named 'NotConfigurable')
                        arguments = $named
                    }
                }
            }
            $propertyType = $null
            if ($null -ne $p.PropertyType) { $propertyType = $p.PropertyType.TypeName.FullName }
            $default = $null
            if ($null -ne $p.InitialValue) { $default = $p.InitialValue.Extent.Text }
            [ordered] @{
                name = $p.Name
                line = $p.Extent.StartLineNumber
                type = $propertyType
                attributes = @(foreach ($a in $p.Attributes) { $a.Extent.Text })
                isStatic = [bool] $p.IsStatic
                isHidden = [bool] $p.IsHidden
                dscProperty = $dsc
                validateSet = Get-ValidateSet $p.Attributes
                defaultValue = $default
            }
        })
    $methods = @(foreach ($m in $Type.Members) {
            if (-not (Test-NodeType $m 'FunctionMemberAst')) { continue }
            $returnType = $null
            if ($null -ne $m.ReturnType) { $returnType = $m.ReturnType.TypeName.FullName }
            [ordered] @{
                name = $m.Name
                line = $m.Extent.StartLineNumber
                returnType = $returnType
                isStatic = [bool] $m.IsStatic
                isHidden = [bool] $m.IsHidden
                isConstructor = [bool] $m.IsConstructor
                parameters = @(foreach ($p in $m.Parameters) {
                        [ordered] @{ name = $p.Name.VariablePath.UserPath; type = Get-TypeConstraintName $p.Attributes }
                    })
            }
        })
    $kind = 'class'
    if ($Type.IsInterface) { $kind = 'interface' }
    [ordered] @{
        name = $Type.Name
        line = $Type.Extent.StartLineNumber
        kind = $kind
        attributes = @(foreach ($a in $Type.Attributes) { $a.Extent.Text })
        isDscResource = [bool] (@($Type.Attributes | Where-Object { Test-AttributeName $_ 'DscResource' }).Count)
        baseTypes = @(foreach ($b in $Type.BaseTypes) { $b.TypeName.FullName })
        properties = $properties
        methods = $methods
    }
}

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

function Get-SortedByOffset {
    # Sort-Object lives in Microsoft.PowerShell.Utility, which the hosted engine lacks; and
    # [Array]::Sort(keys, items) binds to a generic overload that sorts a copy of the items.
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($_) }
    end {
        $keys = [string[]] @(for ($k = 0; $k -lt $items.Count; $k++) {
                '{0:D10} {1} {2:D10}' -f $items[$k][1].StartOffset, $items[$k][0], $k
            })
        [System.Array]::Sort($keys, [System.StringComparer]::Ordinal)
        foreach ($key in $keys) { , $items[[int] $key.Substring($key.LastIndexOf(' ') + 1)] }
    }
}

function Get-Bom {
    param([byte[]] $Bytes)
    if ($Bytes.Length -ge 3 -and $Bytes[0] -eq 0xEF -and $Bytes[1] -eq 0xBB -and $Bytes[2] -eq 0xBF) { return 'utf-8' }
    if ($Bytes.Length -ge 4 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE -and $Bytes[2] -eq 0 -and $Bytes[3] -eq 0) { return 'utf-32le' }
    if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE) { return 'utf-16le' }
    if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFE -and $Bytes[1] -eq 0xFF) { return 'utf-16be' }
    $null
}

function Get-HexText {
    param([byte[]] $Bytes, [int] $Start, [int] $Count)
    $end = [System.Math]::Min($Start + $Count, $Bytes.Length)
    (@(for ($k = $Start; $k -lt $end; $k++) { $Bytes[$k].ToString('x2') }) -join ' ')
}

function Get-Utf8SequenceLength {
    # Length of the valid UTF-8 sequence at $Index (0 when invalid) and its code point.
    param([byte[]] $Bytes, [int] $Index)
    $b = [int] $Bytes[$Index]
    if ($b -ge 0xC2 -and $b -le 0xDF) { $length = 2; $cp = $b -band 0x1F; $min = 0x80 }
    elseif ($b -ge 0xE0 -and $b -le 0xEF) { $length = 3; $cp = $b -band 0x0F; $min = 0x800 }
    elseif ($b -ge 0xF0 -and $b -le 0xF4) { $length = 4; $cp = $b -band 0x07; $min = 0x10000 }
    else { return @(0, 0) }
    if ($Index + $length -gt $Bytes.Length) { return @(0, 0) }
    for ($k = 1; $k -lt $length; $k++) {
        $c = [int] $Bytes[$Index + $k]
        if (($c -band 0xC0) -ne 0x80) { return @(0, 0) }
        $cp = ($cp * 64) -bor ($c -band 0x3F)
    }
    if ($cp -lt $min -or $cp -gt 0x10FFFF -or ($cp -ge 0xD800 -and $cp -le 0xDFFF)) { return @(0, 0) }
    @($length, $cp)
}

function Get-NonAsciiFact {
    # Raw bytes, not the parser's decoded text: the decoding is what differs between editions.
    param([byte[]] $Bytes)
    $found = [System.Collections.Generic.List[object]]::new()
    $bom = Get-Bom $Bytes
    $line = 1
    $column = 1
    if ($bom -eq 'utf-16le' -or $bom -eq 'utf-16be' -or $bom -eq 'utf-32le') {
        if ($bom -eq 'utf-16le') { $encoding = [System.Text.UnicodeEncoding]::new($false, $true, $false) }
        elseif ($bom -eq 'utf-16be') { $encoding = [System.Text.UnicodeEncoding]::new($true, $true, $false) }
        else { $encoding = [System.Text.UTF32Encoding]::new($false, $true, $false) }
        $skip = $encoding.GetPreamble().Length
        $text = $encoding.GetString($Bytes, $skip, $Bytes.Length - $skip)
        for ($i = 0; $i -lt $text.Length; $i++) {
            $c = $text[$i]
            if ($c -eq "`n") { $line++; $column = 1; continue }
            if ([int] $c -ge 0x80) {
                $unit = [string] $c
                if ([char]::IsHighSurrogate($c) -and $i + 1 -lt $text.Length -and [char]::IsLowSurrogate($text[$i + 1])) {
                    $unit = $text.Substring($i, 2)
                    $i++
                }
                $cp = [char]::ConvertToUtf32($unit, 0)
                if ($unit.Length -eq 1 -and [char]::IsSurrogate($c)) { $cp = 0xFFFD; $unit = [string] [char] 0xFFFD }
                $encoded = $encoding.GetBytes($unit)
                $found.Add([ordered] @{ line = $line; column = $column; codePoint = $cp; bytes = (Get-HexText $encoded 0 $encoded.Length) })
            }
            $column++
        }
    }
    else {
        # Latin-1 maps each byte to one char, so a regex finds the runs of bytes >= 0x80 without
        # a script loop over every byte; the ASCII text between runs only moves line and column.
        $start = 0
        if ($bom -eq 'utf-8') { $start = 3 }
        $latin1 = [System.Text.Encoding]::GetEncoding(28591).GetString($Bytes, $start, $Bytes.Length - $start)
        $previous = 0
        foreach ($run in [regex]::Matches($latin1, '[\x80-\xFF]+')) {
            $between = $latin1.Substring($previous, $run.Index - $previous)
            $lastNewline = $between.LastIndexOf("`n")
            if ($lastNewline -ge 0) {
                $line += $between.Length - $between.Replace("`n", '').Length
                $column = $between.Length - $lastNewline
            }
            else { $column += $between.Length }
            $i = $start + $run.Index
            $end = $i + $run.Length
            while ($i -lt $end) {
                $sequence = Get-Utf8SequenceLength $Bytes $i
                $length = [System.Math]::Max($sequence[0], 1)
                $cp = $null
                if ($sequence[0] -gt 0) { $cp = $sequence[1] }
                $found.Add([ordered] @{ line = $line; column = $column; codePoint = $cp; bytes = (Get-HexText $Bytes $i $length) })
                $column++
                $i += $length
            }
            # A sequence may run past the end of the run only when it is invalid, and then its
            # length is 1, so $i never overshoots $end.
            $previous = $run.Index + $run.Length
        }
    }
    $reported = @(for ($k = 0; $k -lt [System.Math]::Min($found.Count, $script:MaxNonAsciiReported); $k++) { $found[$k] })
    @{ nonAscii = $reported; nonAsciiCount = $found.Count; bom = $bom }
}

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

# ---------------------------------------------------------------------------------------------
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

# ---------------------------------------------------------------------------------------------

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
