// ps-ast: facts about PowerShell files from the real PowerShell parser, and a runspace to execute
// pure PowerShell functions, for machines that have no pwsh (see README.md beside this file).
//
//   ps-ast <file>...            one JSON document: { tool, schemaVersion, engine, files: [...] }
//   ps-ast --eval <script|->    run a script (a file, or '-' for stdin) in a fresh runspace and
//                               print { engine, standIns, output, errors, warnings, verbose, ... }
//
// Exit codes: 0 the tool ran (whatever the files or the script contained), 2 usage error or an
// unreadable input file, 3 the tool itself failed.
using System.Text;
using System.Text.Json;

namespace PsAst;

public static class Program
{
    public const int SchemaVersion = 1;

    public static int Main(string[] args)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help")
            {
                Console.Error.WriteLine("usage: ps-ast <file>... | ps-ast --eval <script.ps1|->");
                return args.Length == 0 ? 2 : 0;
            }
            return args[0] == "--eval" ? Eval(args) : Analyze(args);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"ps-ast: internal error: {e}");
            return 3;
        }
    }

    private static int Analyze(string[] paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"ps-ast: no such file: {path}");
                return 2;
            }
        }
        WriteDocument(writer =>
        {
            writer.WriteString("tool", "ps-ast");
            writer.WriteNumber("schemaVersion", SchemaVersion);
            Engine.Write(writer);
            writer.WriteStartArray("files");
            foreach (var path in paths) FileAnalyzer.Write(writer, path);
            writer.WriteEndArray();
        });
        return 0;
    }

    private static int Eval(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: ps-ast --eval <script.ps1|->");
            return 2;
        }
        string? scriptPath = args[1] == "-" ? null : Path.GetFullPath(args[1]);
        if (scriptPath != null && !File.Exists(scriptPath))
        {
            Console.Error.WriteLine($"ps-ast: no such file: {args[1]}");
            return 2;
        }
        // Read stdin as UTF-8 whatever the locale: the caller (node) writes UTF-8.
        string? scriptText = scriptPath == null
            ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false)).ReadToEnd()
            : null;
        WriteDocument(writer =>
        {
            writer.WriteString("tool", "ps-ast");
            writer.WriteNumber("schemaVersion", SchemaVersion);
            Engine.Write(writer);
            ScriptRunner.Run(writer, scriptPath, scriptText);
        });
        return 0;
    }

    // One JSON object on stdout. The default encoder escapes every non-ASCII character, so the
    // document is plain ASCII and survives any console code page.
    private static void WriteDocument(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        using var stdout = Console.OpenStandardOutput();
        buffer.WriteTo(stdout);
        stdout.WriteByte((byte)'\n');
    }
}

internal static class Engine
{
    public static void Write(Utf8JsonWriter writer)
    {
        var assembly = typeof(System.Management.Automation.PowerShell).Assembly;
        // The informational version starts with the package version ("7.6.9 SHA: ...").
        var informational = assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        writer.WriteStartObject("engine");
        writer.WriteString("host", "ps-ast.dll");
        writer.WriteString("version", informational?.Split('+', ' ')[0] ?? assembly.GetName().Version?.ToString());
        writer.WriteString("edition", "Core");
        writer.WriteEndObject();
    }
}
