// Constructs that PowerShell 7 parses and Windows PowerShell 5.1 (the DSC LCM) does not, or
// reads differently. The 7.x parser accepts all of them, so they are found in its AST.
using System.Management.Automation.Language;
using System.Text.Json;

namespace PsAst;

internal static class Ps7Syntax
{
    public static void Write(Utf8JsonWriter w, ScriptBlockAst ast, Token[] tokens)
    {
        var found = new List<(string Kind, IScriptExtent Extent)>();
        foreach (var node in ast.FindAll(_ => true, true))
        {
            var kind = KindOf(node);
            if (kind != null) found.Add((kind, node.Extent));
        }
        foreach (var token in tokens)
        {
            if (HasPs7Escape(token)) found.Add(("EscapeSequence", token.Extent));
        }
        found.Sort((a, b) => a.Extent.StartOffset != b.Extent.StartOffset
            ? a.Extent.StartOffset.CompareTo(b.Extent.StartOffset)
            : string.CompareOrdinal(a.Kind, b.Kind));

        w.WriteStartArray("ps7OnlySyntax");
        foreach (var (kind, extent) in found)
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteNumber("line", extent.StartLineNumber);
            w.WriteNumber("column", extent.StartColumnNumber);
            w.WriteString("text", FileAnalyzer.Snippet(extent));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string? KindOf(Ast node) => node switch
    {
        TernaryExpressionAst => "Ternary",
        BinaryExpressionAst b when b.Operator == TokenKind.QuestionQuestion => "NullCoalescing",
        AssignmentStatementAst a when a.Operator == TokenKind.QuestionQuestionEquals => "NullCoalescingAssignment",
        // `a && b || c` nests one chain in another: report the statement once.
        PipelineChainAst c when c.Parent is not PipelineChainAst => "PipelineChain",
        NamedBlockAst n when n.BlockKind == TokenKind.Clean => "CleanBlock",
        MemberExpressionAst m when m.NullConditional => "NullConditionalMember",
        IndexExpressionAst i when i.NullConditional => "NullConditionalIndex",
        CommandAst c when IsForEachParallel(c) => "ForEachParallel",
        _ => null,
    };

    private static bool IsForEachParallel(CommandAst command)
    {
        var name = command.GetCommandName();
        if (name == null || !(name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase)
            || name == "%" || name.Equals("foreach", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        // Any unambiguous prefix names the parameter: -Pa is already -Parallel (-P is ambiguous
        // with -PipelineVariable and -Process).
        return command.CommandElements.OfType<CommandParameterAst>().Any(p =>
            p.ParameterName.Length >= 2 && "Parallel".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase));
    }

    // "`e" (escape) and "`u{...}" (a code point) are escapes since 7.0; 5.1 reads them as the
    // letters e and u. Only the top-level token's text is scanned (it includes any nested parts).
    private static bool HasPs7Escape(Token token)
    {
        if (token.Kind != TokenKind.StringExpandable && token.Kind != TokenKind.HereStringExpandable) return false;
        var text = token.Text;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != '`') continue;
            var next = text[i + 1];
            if (next == 'e' || (next == 'u' && i + 2 < text.Length && text[i + 2] == '{')) return true;
            i++; // skip the escaped character, so "``e" is a backtick followed by e
        }
        return false;
    }
}
