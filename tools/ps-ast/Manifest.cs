// A module manifest (.psd1) is one hashtable literal. Its keys and literal values become a JSON
// object; a value that is not a literal (a variable, a command, arithmetic) is kept as its source
// text under { "nonLiteral": ... }, which Import-PowerShellDataFile would also refuse.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static class Manifest
{
    public static void Write(Utf8JsonWriter w, ScriptBlockAst ast)
    {
        var hashtable = TopLevelHashtable(ast, out var problem);
        if (hashtable == null)
        {
            w.WriteNull("manifest");
            w.WriteString("manifestError", problem);
            return;
        }
        w.WritePropertyName("manifest");
        WriteHashtable(w, hashtable);
        w.WriteNull("manifestError");
    }

    private static HashtableAst? TopLevelHashtable(ScriptBlockAst ast, out string? problem)
    {
        problem = null;
        var statements = ast.EndBlock?.Statements;
        if (ast.BeginBlock != null || ast.ProcessBlock != null || ast.ParamBlock != null
            || statements == null || statements.Count != 1)
        {
            problem = "expected exactly one statement, a hashtable literal @{ ... }";
            return null;
        }
        if (statements[0] is PipelineAst pipeline && pipeline.GetPureExpression() is HashtableAst hashtable)
        {
            return hashtable;
        }
        problem = $"expected a hashtable literal @{{ ... }}, found: {FileAnalyzer.Snippet(statements[0].Extent)}";
        return null;
    }

    private static void WriteHashtable(Utf8JsonWriter w, HashtableAst hashtable)
    {
        w.WriteStartObject();
        foreach (var pair in hashtable.KeyValuePairs)
        {
            var key = FileAnalyzer.LiteralStrings(pair.Item1).FirstOrDefault() ?? pair.Item1.Extent.Text;
            w.WritePropertyName(key);
            WriteStatementValue(w, pair.Item2);
        }
        w.WriteEndObject();
    }

    private static void WriteStatementValue(Utf8JsonWriter w, StatementAst statement)
    {
        if (statement is PipelineAst pipeline && pipeline.GetPureExpression() is { } expression) WriteValue(w, expression);
        else WriteNonLiteral(w, statement);
    }

    private static void WriteValue(Utf8JsonWriter w, ExpressionAst expression)
    {
        switch (expression)
        {
            case StringConstantExpressionAst s:
                w.WriteStringValue(s.Value);
                break;
            case ExpandableStringExpressionAst e when e.NestedExpressions.Count == 0:
                w.WriteStringValue(e.Value);
                break;
            case ConstantExpressionAst c when c.Value is int or long or double:
                w.WriteNumberValue(Convert.ToDouble(c.Value));
                break;
            case VariableExpressionAst v when v.VariablePath.UserPath.Equals("true", StringComparison.OrdinalIgnoreCase):
                w.WriteBooleanValue(true);
                break;
            case VariableExpressionAst v when v.VariablePath.UserPath.Equals("false", StringComparison.OrdinalIgnoreCase):
                w.WriteBooleanValue(false);
                break;
            case VariableExpressionAst v when v.VariablePath.UserPath.Equals("null", StringComparison.OrdinalIgnoreCase):
                w.WriteNullValue();
                break;
            case HashtableAst h:
                WriteHashtable(w, h);
                break;
            case ArrayLiteralAst array:
                w.WriteStartArray();
                foreach (var element in array.Elements) WriteValue(w, element);
                w.WriteEndArray();
                break;
            case ArrayExpressionAst arrayExpression:
                // @('a', 'b') holds one statement, an array literal; @('a'<newline>'b') holds two.
                w.WriteStartArray();
                foreach (var statement in arrayExpression.SubExpression.Statements)
                {
                    if (statement is PipelineAst p && p.GetPureExpression() is ArrayLiteralAst inner)
                        foreach (var element in inner.Elements) WriteValue(w, element);
                    else WriteStatementValue(w, statement);
                }
                w.WriteEndArray();
                break;
            case ParenExpressionAst paren:
                WriteStatementValue(w, paren.Pipeline);
                break;
            default:
                WriteNonLiteral(w, expression);
                break;
        }
    }

    private static void WriteNonLiteral(Utf8JsonWriter w, Ast ast)
    {
        w.WriteStartObject();
        w.WriteString("nonLiteral", ast.Extent.Text);
        w.WriteEndObject();
    }
}
