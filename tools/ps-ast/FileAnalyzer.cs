// Facts about one PowerShell file, read off the AST that the real parser builds. Every fact is
// as written in the file (type names as spelled, attribute text verbatim), so the TypeScript
// checks compare against the source and not against what this engine happens to resolve.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static class FileAnalyzer
{
    // A file that is mostly non-ASCII (a UTF-16 file read as bytes, say) would flood the report.
    private const int MaxNonAsciiReported = 200;
    private const int MaxSnippet = 80;

    public static void Write(Utf8JsonWriter w, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var ast = Parser.ParseFile(Path.GetFullPath(path), out Token[] tokens, out ParseError[] errors);

        w.WriteStartObject();
        w.WriteString("path", path);
        w.WriteString("bom", NonAscii.Bom(bytes));
        w.WriteNumber("tokenCount", tokens.Length);

        w.WriteStartArray("parseErrors");
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString("message", e.Message);
            w.WriteNumber("line", e.Extent.StartLineNumber);
            w.WriteNumber("column", e.Extent.StartColumnNumber);
            w.WriteString("errorId", e.ErrorId);
            w.WriteBoolean("incompleteInput", e.IncompleteInput);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        WriteRequires(w, ast);
        WriteFunctions(w, ast);
        WriteTypes(w, ast);
        WriteCommands(w, ast);
        WriteExportModuleMember(w, ast);
        if (path.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase)) Manifest.Write(w, ast);
        else
        {
            w.WriteNull("manifest");
            w.WriteNull("manifestError");
        }
        Ps7Syntax.Write(w, ast, tokens);
        NonAscii.Write(w, bytes, MaxNonAsciiReported);
        w.WriteEndObject();
    }

    public static string Snippet(IScriptExtent extent)
    {
        var text = extent.Text;
        var newline = text.IndexOfAny(['\r', '\n']);
        if (newline >= 0) text = text[..newline];
        return text.Length > MaxSnippet ? text[..MaxSnippet] : text;
    }

    private static void WriteRequires(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        var r = ast.ScriptRequirements;
        if (r == null)
        {
            w.WriteNull("requires");
            return;
        }
        w.WriteStartObject("requires");
        w.WriteString("version", r.RequiredPSVersion?.ToString());
        WriteStrings(w, "psEditions", r.RequiredPSEditions);
        WriteStrings(w, "modules", r.RequiredModules.Select(m => m.Name));
        w.WriteBoolean("runAsAdministrator", r.IsElevationRequired);
        w.WriteEndObject();
    }

    private static void WriteFunctions(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        // Without a shared cache, each GetHelpContent() tokenizes the whole file again: quadratic
        // in file size (minutes for a 700 KB file).
        var helpTokenCache = new Dictionary<Ast, Token[]>();
        w.WriteStartArray("functions");
        foreach (FunctionDefinitionAst f in ast.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>())
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteNumber("line", f.Extent.StartLineNumber);
            w.WriteBoolean("isFilter", f.IsFilter);
            w.WriteBoolean("nested", HasFunctionAncestor(f));

            var paramBlock = f.Body.ParamBlock;
            var attributes = paramBlock?.Attributes ?? (IReadOnlyList<AttributeAst>)[];
            var cmdletBinding = attributes.FirstOrDefault(a => IsAttribute(a, "CmdletBinding"));
            if (cmdletBinding == null) w.WriteNull("cmdletBinding");
            else
            {
                w.WriteStartObject("cmdletBinding");
                var named = NamedArguments(cmdletBinding);
                w.WriteBoolean("supportsShouldProcess", IsTrue(named, "SupportsShouldProcess"));
                WriteOptionalText(w, "defaultParameterSetName", named, "DefaultParameterSetName");
                WriteOptionalText(w, "confirmImpact", named, "ConfirmImpact");
                w.WriteStartObject("arguments");
                foreach (var (name, value) in named) WriteValue(w, name, value);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            WriteStrings(w, "outputTypes", attributes.Where(a => IsAttribute(a, "OutputType"))
                .SelectMany(a => a.PositionalArguments.Select(ArgumentText)));
            WriteStrings(w, "attributes", attributes.Select(a => a.Extent.Text));

            // `function f($a)` declares parameters outside the body's param block.
            var parameters = (IEnumerable<ParameterAst>?)f.Parameters ?? paramBlock?.Parameters ?? [];
            w.WriteStartArray("parameters");
            foreach (var p in parameters) WriteParameter(w, p);
            w.WriteEndArray();

            var help = f.GetHelpContent(helpTokenCache);
            w.WriteBoolean("hasCommentHelp", help != null);
            if (help == null) w.WriteNull("help");
            else
            {
                w.WriteStartObject("help");
                w.WriteString("synopsis", help.Synopsis?.Trim());
                w.WriteString("description", help.Description?.Trim());
                // The help parser upper-cases parameter names (they are case-insensitive).
                WriteStrings(w, "parameters", help.Parameters.Keys);
                w.WriteNumber("examples", help.Examples.Count);
                WriteStrings(w, "inputs", help.Inputs.Select(s => s.Trim()));
                WriteStrings(w, "outputs", help.Outputs.Select(s => s.Trim()));
                w.WriteString("notes", help.Notes?.Trim());
                WriteStrings(w, "links", help.Links.Select(s => s.Trim()));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteParameter(Utf8JsonWriter w, ParameterAst p)
    {
        var attributes = p.Attributes.OfType<AttributeAst>().ToList();
        var parameterAttributes = attributes.Where(a => IsAttribute(a, "Parameter")).Select(NamedArguments).ToList();
        w.WriteStartObject();
        w.WriteString("name", p.Name.VariablePath.UserPath);
        w.WriteString("type", p.Attributes.OfType<TypeConstraintAst>().FirstOrDefault()?.TypeName.FullName);
        WriteStrings(w, "attributes", attributes.Select(a => a.Extent.Text));
        w.WriteBoolean("mandatory", parameterAttributes.Any(n => IsTrue(n, "Mandatory")));
        w.WriteBoolean("valueFromPipeline", parameterAttributes.Any(n => IsTrue(n, "ValueFromPipeline")));
        w.WriteBoolean("valueFromPipelineByPropertyName",
            parameterAttributes.Any(n => IsTrue(n, "ValueFromPipelineByPropertyName")));
        WriteStrings(w, "parameterSets", parameterAttributes
            .Select(n => n.TryGetValue("ParameterSetName", out var v) ? v as string : null)
            .Where(s => s != null)
            .Cast<string>());
        var validateSet = attributes.FirstOrDefault(a => IsAttribute(a, "ValidateSet"));
        if (validateSet == null) w.WriteNull("validateSet");
        else WriteStrings(w, "validateSet", validateSet.PositionalArguments.SelectMany(LiteralStrings));
        WriteStrings(w, "aliases", attributes.Where(a => IsAttribute(a, "Alias"))
            .SelectMany(a => a.PositionalArguments.SelectMany(LiteralStrings)));
        w.WriteString("defaultValue", p.DefaultValue?.Extent.Text);
        w.WriteEndObject();
    }

    private static void WriteTypes(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        var types = ast.FindAll(a => a is TypeDefinitionAst, true).Cast<TypeDefinitionAst>().ToList();
        w.WriteStartArray("classes");
        foreach (var t in types.Where(t => !t.IsEnum))
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteNumber("line", t.Extent.StartLineNumber);
            w.WriteString("kind", t.IsInterface ? "interface" : "class");
            WriteStrings(w, "attributes", t.Attributes.Select(a => a.Extent.Text));
            w.WriteBoolean("isDscResource", t.Attributes.Any(a => IsAttribute(a, "DscResource")));
            WriteStrings(w, "baseTypes", t.BaseTypes.Select(b => b.TypeName.FullName));

            w.WriteStartArray("properties");
            foreach (var p in t.Members.OfType<PropertyMemberAst>())
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteNumber("line", p.Extent.StartLineNumber);
                w.WriteString("type", p.PropertyType?.TypeName.FullName);
                WriteStrings(w, "attributes", p.Attributes.Select(a => a.Extent.Text));
                w.WriteBoolean("isStatic", p.IsStatic);
                w.WriteBoolean("isHidden", p.IsHidden);
                var dsc = p.Attributes.FirstOrDefault(a => IsAttribute(a, "DscProperty"));
                if (dsc == null) w.WriteNull("dscProperty");
                else
                {
                    var named = NamedArguments(dsc);
                    w.WriteStartObject("dscProperty");
                    w.WriteBoolean("key", IsTrue(named, "Key"));
                    w.WriteBoolean("mandatory", IsTrue(named, "Mandatory"));
                    w.WriteBoolean("notConfigurable", IsTrue(named, "NotConfigurable"));
                    w.WriteStartObject("arguments");
                    foreach (var (name, value) in named) WriteValue(w, name, value);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                var validateSet = p.Attributes.FirstOrDefault(a => IsAttribute(a, "ValidateSet"));
                if (validateSet == null) w.WriteNull("validateSet");
                else WriteStrings(w, "validateSet", validateSet.PositionalArguments.SelectMany(LiteralStrings));
                w.WriteString("defaultValue", p.InitialValue?.Extent.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("methods");
            foreach (var m in t.Members.OfType<FunctionMemberAst>())
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("line", m.Extent.StartLineNumber);
                w.WriteString("returnType", m.ReturnType?.TypeName.FullName);
                w.WriteBoolean("isStatic", m.IsStatic);
                w.WriteBoolean("isHidden", m.IsHidden);
                w.WriteBoolean("isConstructor", m.IsConstructor);
                w.WriteStartArray("parameters");
                foreach (var p in m.Parameters)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Name.VariablePath.UserPath);
                    w.WriteString("type", p.Attributes.OfType<TypeConstraintAst>().FirstOrDefault()?.TypeName.FullName);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("enums");
        foreach (var t in types.Where(t => t.IsEnum))
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteNumber("line", t.Extent.StartLineNumber);
            WriteStrings(w, "members", t.Members.Select(m => m.Name));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteCommands(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        w.WriteStartArray("commands");
        foreach (var c in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            var name = c.GetCommandName();
            if (name == null) continue; // `& $scriptBlock` and the like name no command
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteNumber("line", c.Extent.StartLineNumber);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // Export-ModuleMember -Function a, b -Alias c. Names that are not literals (a variable, a
    // sub-expression) are reported as text in nonLiteral, so a check can refuse them.
    private static void WriteExportModuleMember(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        var calls = ast.FindAll(a => a is CommandAst c
            && string.Equals(c.GetCommandName(), "Export-ModuleMember", StringComparison.OrdinalIgnoreCase), true)
            .Cast<CommandAst>().ToList();
        if (calls.Count == 0)
        {
            w.WriteNull("exportModuleMember");
            return;
        }
        var found = new Dictionary<string, List<string>>
        {
            ["functions"] = [], ["cmdlets"] = [], ["variables"] = [], ["aliases"] = [],
        };
        var nonLiteral = new List<string>();
        foreach (var call in calls)
        {
            // Element 0 is the command name. Export-ModuleMember's first positional parameter is -Function.
            string kind = "functions";
            for (int i = 1; i < call.CommandElements.Count; i++)
            {
                var element = call.CommandElements[i];
                if (element is CommandParameterAst parameter)
                {
                    kind = ExportKind(parameter.ParameterName);
                    if (parameter.Argument != null) Collect(parameter.Argument, found[kind], nonLiteral);
                    continue;
                }
                Collect(element, found[kind], nonLiteral);
                kind = "functions";
            }
        }
        w.WriteStartObject("exportModuleMember");
        w.WriteNumber("calls", calls.Count);
        foreach (var (kind, names) in found) WriteStrings(w, kind, names);
        WriteStrings(w, "nonLiteral", nonLiteral);
        w.WriteEndObject();

        static void Collect(CommandElementAst element, List<string> names, List<string> nonLiteral)
        {
            var strings = LiteralStrings(element).ToList();
            if (strings.Count == 0 && element is not ArrayLiteralAst) nonLiteral.Add(element.Extent.Text);
            else names.AddRange(strings);
        }
    }

    private static string ExportKind(string parameterName)
    {
        // Parameter names may be abbreviated to any unique prefix.
        foreach (var (full, kind) in new[] { ("Function", "functions"), ("Cmdlet", "cmdlets"), ("Variable", "variables"), ("Alias", "aliases") })
        {
            if (full.StartsWith(parameterName, StringComparison.OrdinalIgnoreCase)) return kind;
        }
        return "functions";
    }

    // 'a', "b", bare words and arrays of them; anything else yields nothing.
    public static IEnumerable<string> LiteralStrings(Ast element)
    {
        switch (element)
        {
            case StringConstantExpressionAst s:
                yield return s.Value;
                break;
            case ExpandableStringExpressionAst e when e.NestedExpressions.Count == 0:
                yield return e.Value;
                break;
            case ArrayLiteralAst array:
                foreach (var item in array.Elements)
                foreach (var s in LiteralStrings(item)) yield return s;
                break;
            case ArrayExpressionAst arrayExpression:
                foreach (var statement in arrayExpression.SubExpression.Statements)
                {
                    if (statement is PipelineAst pipeline && pipeline.GetPureExpression() is { } pure)
                        foreach (var s in LiteralStrings(pure)) yield return s;
                }
                break;
            case ParenExpressionAst paren when paren.Pipeline is PipelineAst pipeline && pipeline.GetPureExpression() is { } inner:
                foreach (var s in LiteralStrings(inner)) yield return s;
                break;
        }
    }

    private static bool HasFunctionAncestor(Ast ast)
    {
        for (var parent = ast.Parent; parent != null; parent = parent.Parent)
        {
            if (parent is FunctionDefinitionAst || parent is FunctionMemberAst) return true;
        }
        return false;
    }

    public static bool IsAttribute(AttributeBaseAst attribute, string name)
    {
        var written = attribute.TypeName.Name;
        return string.Equals(written, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(written, name + "Attribute", StringComparison.OrdinalIgnoreCase);
    }

    private static string ArgumentText(ExpressionAst argument) => argument switch
    {
        TypeExpressionAst type => type.TypeName.FullName,
        _ => LiteralStrings(argument).FirstOrDefault() ?? argument.Extent.Text,
    };

    // Named attribute arguments as values: `Mandatory` alone means $true, $true/$false/$null and
    // constants are their values, anything else is kept as its source text.
    private static List<(string Name, object? Value)> NamedArguments(AttributeAst attribute)
    {
        var result = new List<(string, object?)>();
        foreach (var a in attribute.NamedArguments)
        {
            result.Add((a.ArgumentName, a.ExpressionOmitted ? true : ConstantValue(a.Argument)));
        }
        return result;
    }

    private static object? ConstantValue(ExpressionAst expression) => expression switch
    {
        VariableExpressionAst v when v.VariablePath.UserPath.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        VariableExpressionAst v when v.VariablePath.UserPath.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        VariableExpressionAst v when v.VariablePath.UserPath.Equals("null", StringComparison.OrdinalIgnoreCase) => null,
        StringConstantExpressionAst s => s.Value,
        ConstantExpressionAst c when c.Value is int or long or double => Convert.ToDouble(c.Value),
        _ => new SourceText(expression.Extent.Text),
    };

    private sealed record SourceText(string Text);

    private static bool TryGetValue(this List<(string Name, object? Value)> named, string name, out object? value)
    {
        foreach (var (n, v) in named)
        {
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = null;
        return false;
    }

    // Only a literal $true (or a non-zero number) counts: an expression is not "true" here.
    private static bool IsTrue(List<(string Name, object? Value)> named, string name)
        => named.TryGetValue(name, out var v) && (v is true || (v is double d && d != 0));

    private static void WriteOptionalText(Utf8JsonWriter w, string property, List<(string Name, object? Value)> named, string name)
    {
        if (named.TryGetValue(name, out var v) && v != null) w.WriteString(property, v is SourceText t ? t.Text : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteNull(property);
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case bool b: w.WriteBoolean(name, b); break;
            case double d: w.WriteNumber(name, d); break;
            case string s: w.WriteString(name, s); break;
            case SourceText t:
                w.WriteStartObject(name);
                w.WriteString("nonLiteral", t.Text);
                w.WriteEndObject();
                break;
        }
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
