// The commands a file invokes and the names its Export-ModuleMember calls export, for
// FileAnalyzer.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static partial class FileAnalyzer
{
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
}
