# Part of tools/ps-ast/ps-ast.ps1, which dot-sources it.
# Facts about #Requires, functions, their parameters, classes and enums.

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
