// Facts about one PowerShell file, read off the AST that the real parser builds. Every fact is
// as written in the file (type names as spelled, attribute text verbatim), so the TypeScript
// checks compare against the source and not against what this engine happens to resolve.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static partial class FileAnalyzer
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
}
