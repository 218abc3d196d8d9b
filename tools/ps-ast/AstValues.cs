// Reading values off the AST for FileAnalyzer: literal strings, attribute arguments and constant
// values, as written in the file, and writing them as JSON.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static partial class FileAnalyzer
{
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
