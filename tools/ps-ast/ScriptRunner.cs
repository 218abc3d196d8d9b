// Runs a script in a fresh runspace of the hosted engine and reports what it wrote to each
// stream. ConvertTo-Json is a Utility cmdlet the package lacks, so objects are converted here.
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;

namespace PsAst;

internal static class ScriptRunner
{
    private const int MaxDepth = 6;

    public static void Run(Utf8JsonWriter w, string? scriptPath, string? scriptText)
    {
        var state = InitialSessionState.CreateDefault2();
        // Script files are refused under the Restricted policy a Windows host may default to.
        // Elsewhere there is no policy, and setting one throws PlatformNotSupportedException.
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        var present = new HashSet<string>(state.Commands.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var standIns = StandIns.All.Where(s => !present.Contains(s.Name)).ToList();
        foreach (var (name, type) in standIns) state.Commands.Add(new SessionStateCmdletEntry(name, type, null));

        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        if (scriptPath != null) ps.AddCommand(scriptPath);
        else ps.AddScript(scriptText ?? "");

        var output = new PSDataCollection<PSObject>();
        ErrorRecord? terminating = null;
        try
        {
            ps.Invoke<PSObject, PSObject>(null, output, null);
        }
        catch (RuntimeException e)
        {
            terminating = e.ErrorRecord;
        }

        FileAnalyzer.WriteStrings(w, "standIns", standIns.Select(s => s.Name));
        w.WriteStartArray("output");
        foreach (var item in output)
        {
            w.WriteStartObject();
            w.WriteString("type", TypeName(item));
            FileAnalyzer.WriteStrings(w, "typeNames", item?.TypeNames ?? (IEnumerable<string>)[]);
            w.WritePropertyName("value");
            WriteValue(w, item, 0);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("errors");
        foreach (var error in ps.Streams.Error) WriteError(w, error);
        w.WriteEndArray();
        w.WritePropertyName("terminatingError");
        if (terminating == null) w.WriteNullValue(); else WriteError(w, terminating);
        w.WriteBoolean("hadErrors", ps.HadErrors || terminating != null);

        FileAnalyzer.WriteStrings(w, "warnings", ps.Streams.Warning.Select(r => r.Message));
        FileAnalyzer.WriteStrings(w, "verbose", ps.Streams.Verbose.Select(r => r.Message));
        FileAnalyzer.WriteStrings(w, "debug", ps.Streams.Debug.Select(r => r.Message));
        w.WriteStartArray("information");
        foreach (var record in ps.Streams.Information)
        {
            w.WriteStartObject();
            w.WritePropertyName("messageData");
            WriteValue(w, record.MessageData, 1);
            FileAnalyzer.WriteStrings(w, "tags", record.Tags);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string? TypeName(PSObject? item) => item?.BaseObject switch
    {
        null => null,
        PSCustomObject => "System.Management.Automation.PSCustomObject",
        var o => o.GetType().FullName,
    };

    private static void WriteError(Utf8JsonWriter w, ErrorRecord error)
    {
        w.WriteStartObject();
        w.WriteString("message", error.ErrorDetails?.Message ?? error.Exception?.Message);
        w.WriteString("exceptionType", error.Exception?.GetType().FullName);
        w.WriteString("exceptionMessage", error.Exception?.Message);
        w.WriteString("innerExceptionType", error.Exception?.InnerException?.GetType().FullName);
        w.WriteString("fullyQualifiedErrorId", error.FullyQualifiedErrorId);
        w.WriteString("category", error.CategoryInfo.Category.ToString());
        w.WriteString("categoryActivity", error.CategoryInfo.Activity);
        w.WriteString("categoryReason", error.CategoryInfo.Reason);
        w.WriteString("categoryTargetName", error.CategoryInfo.TargetName);
        w.WritePropertyName("targetObject");
        WriteValue(w, error.TargetObject, MaxDepth - 2);
        w.WriteString("recommendedAction", error.ErrorDetails?.RecommendedAction);
        w.WriteString("scriptStackTrace", error.ScriptStackTrace);
        if (error.InvocationInfo is { ScriptLineNumber: > 0 } at) w.WriteNumber("line", at.ScriptLineNumber);
        else w.WriteNull("line");
        w.WriteEndObject();
    }

    // PowerShell values as JSON. Unlike ConvertTo-Json, enums become their names (tests read
    // better) and dates ISO 8601 strings; past MaxDepth an object becomes its ToString().
    public static void WriteValue(Utf8JsonWriter w, object? value, int depth)
    {
        if (value is PSObject pso)
        {
            if (pso.BaseObject is PSCustomObject)
            {
                WriteProperties(w, pso, depth);
                return;
            }
            value = pso.BaseObject;
        }
        switch (value)
        {
            case null:
                w.WriteNullValue();
                return;
            case string s:
                w.WriteStringValue(s);
                return;
            case char c:
                w.WriteStringValue(c.ToString());
                return;
            case bool b:
                w.WriteBooleanValue(b);
                return;
            case Enum e:
                w.WriteStringValue(e.ToString());
                return;
            case byte or sbyte or short or ushort or int or uint or long or ulong or decimal:
                w.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                return;
            case float or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d)) w.WriteNumberValue(d); else w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                return;
            case DateTime dt:
                w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset dto:
                w.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                return;
            case Guid or Version or Uri or TimeSpan or ScriptBlock or SemanticVersion:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case Type t:
                w.WriteStringValue(t.FullName);
                return;
        }
        if (depth >= MaxDepth)
        {
            w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }
        switch (value)
        {
            case ErrorRecord record:
                WriteError(w, record);
                return;
            case IDictionary dictionary:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(w, entry.Value, depth + 1);
                }
                w.WriteEndObject();
                return;
            case IEnumerable enumerable:
                w.WriteStartArray();
                foreach (var item in enumerable) WriteValue(w, item, depth + 1);
                w.WriteEndArray();
                return;
            case Exception exception:
                w.WriteStartObject();
                w.WriteString("type", exception.GetType().FullName);
                w.WriteString("message", exception.Message);
                w.WriteEndObject();
                return;
        }
        WriteProperties(w, PSObject.AsPSObject(value), depth);
    }

    private static void WriteProperties(Utf8JsonWriter w, PSObject pso, int depth)
    {
        if (depth >= MaxDepth)
        {
            w.WriteStringValue(pso.ToString());
            return;
        }
        w.WriteStartObject();
        foreach (var property in pso.Properties)
        {
            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (Exception e) when (e is GetValueException or ExtendedTypeSystemException or InvalidOperationException)
            {
                propertyValue = $"<unreadable: {e.Message}>";
            }
            w.WritePropertyName(property.Name);
            WriteValue(w, propertyValue, depth + 1);
        }
        w.WriteEndObject();
    }
}
