// The NuGet package System.Management.Automation brings only the engine and the
// Microsoft.PowerShell.Core cmdlets (ForEach-Object, Where-Object, Import-Module, ...). The stream
// cmdlets of Microsoft.PowerShell.Utility (Write-Output, Write-Error, ...) live in an assembly the
// mirror does not serve. Almost every function writes to a stream, so these stand-ins forward to
// the engine's own Cmdlet.WriteXxx methods, which is what the real cmdlets do at their core. They
// are added only where the real cmdlet is absent, and the eval report lists them (standIns).
using System.Management.Automation;
using System.Reflection;

namespace Microsoft.PowerShell.Commands
{
    // Same full name as the real Utility type, so `-is` checks and exception type names in
    // tests read as they would on Windows.
    public class WriteErrorException : SystemException
    {
        public WriteErrorException() : base("Error") { }
        public WriteErrorException(string message) : base(message) { }
        public WriteErrorException(string message, Exception inner) : base(message, inner) { }
    }
}

namespace PsAst
{
    using Microsoft.PowerShell.Commands;

    internal static class StandIns
    {
        public static readonly (string Name, Type Type)[] All =
        [
            ("Write-Output", typeof(WriteOutputStandIn)),
            ("Write-Error", typeof(WriteErrorStandIn)),
            ("Write-Warning", typeof(WriteWarningStandIn)),
            ("Write-Verbose", typeof(WriteVerboseStandIn)),
            ("Write-Debug", typeof(WriteDebugStandIn)),
            ("Write-Information", typeof(WriteInformationStandIn)),
        ];
    }

    [Cmdlet(VerbsCommunications.Write, "Output")]
    public sealed class WriteOutputStandIn : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromRemainingArguments = true)]
        [AllowNull, AllowEmptyCollection]
        public PSObject? InputObject { get; set; }

        [Parameter] public SwitchParameter NoEnumerate { get; set; }

        // `Write-Output 1, 2 -NoEnumerate` writes one array; without the switch, its elements.
        protected override void ProcessRecord() => WriteObject(InputObject, !NoEnumerate.IsPresent);
    }

    [Cmdlet(VerbsCommunications.Write, "Warning")]
    public sealed class WriteWarningStandIn : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyString, Alias("Msg")]
        public string Message { get; set; } = "";

        protected override void ProcessRecord() => WriteWarning(Message);
    }

    [Cmdlet(VerbsCommunications.Write, "Verbose")]
    public sealed class WriteVerboseStandIn : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyString, Alias("Msg")]
        public string Message { get; set; } = "";

        protected override void ProcessRecord() => WriteVerbose(Message);
    }

    [Cmdlet(VerbsCommunications.Write, "Debug")]
    public sealed class WriteDebugStandIn : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyString, Alias("Msg")]
        public string Message { get; set; } = "";

        protected override void ProcessRecord() => WriteDebug(Message);
    }

    [Cmdlet(VerbsCommunications.Write, "Information")]
    public sealed class WriteInformationStandIn : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true)]
        [Alias("Msg", "Message")]
        [AllowNull]
        public object? MessageData { get; set; }

        [Parameter(Position = 1)] public string[]? Tags { get; set; }

        protected override void ProcessRecord() => WriteInformation(MessageData, Tags);
    }

    [Cmdlet(VerbsCommunications.Write, "Error", DefaultParameterSetName = "NoException")]
    public sealed class WriteErrorStandIn : PSCmdlet
    {
        [Parameter(ParameterSetName = "WithException", Mandatory = true)]
        public Exception? Exception { get; set; }

        [Parameter(ParameterSetName = "NoException", Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = "WithException")]
        [AllowNull, AllowEmptyString, Alias("Msg")]
        public string? Message { get; set; }

        [Parameter(ParameterSetName = "ErrorRecord", Mandatory = true)]
        public ErrorRecord? ErrorRecord { get; set; }

        [Parameter(ParameterSetName = "NoException")]
        [Parameter(ParameterSetName = "WithException")]
        public ErrorCategory Category { get; set; } = ErrorCategory.NotSpecified;

        [Parameter(ParameterSetName = "NoException")]
        [Parameter(ParameterSetName = "WithException")]
        public string ErrorId { get; set; } = "";

        [Parameter(ParameterSetName = "NoException")]
        [Parameter(ParameterSetName = "WithException")]
        public object? TargetObject { get; set; }

        [Parameter] public string RecommendedAction { get; set; } = "";
        [Parameter, Alias("Activity")] public string CategoryActivity { get; set; } = "";
        [Parameter, Alias("Reason")] public string CategoryReason { get; set; } = "";
        [Parameter, Alias("TargetName")] public string CategoryTargetName { get; set; } = "";
        [Parameter, Alias("TargetType")] public string CategoryTargetType { get; set; } = "";

        protected override void ProcessRecord()
        {
            ErrorRecord record;
            if (ParameterSetName == "ErrorRecord" && ErrorRecord != null)
            {
                record = new ErrorRecord(ErrorRecord, null);
            }
            else
            {
                var exception = Exception ?? new WriteErrorException(Message ?? "");
                var errorId = string.IsNullOrEmpty(ErrorId) ? exception.GetType().FullName : ErrorId;
                record = new ErrorRecord(exception, errorId, Category, TargetObject);
                if (Exception != null && !string.IsNullOrEmpty(Message)) record.ErrorDetails = new ErrorDetails(Message);
            }
            if (!string.IsNullOrEmpty(RecommendedAction))
            {
                record.ErrorDetails ??= new ErrorDetails(record.Exception.Message);
                record.ErrorDetails.RecommendedAction = RecommendedAction;
            }
            if (!string.IsNullOrEmpty(CategoryActivity)) record.CategoryInfo.Activity = CategoryActivity;
            if (!string.IsNullOrEmpty(CategoryReason)) record.CategoryInfo.Reason = CategoryReason;
            if (!string.IsNullOrEmpty(CategoryTargetName)) record.CategoryInfo.TargetName = CategoryTargetName;
            if (!string.IsNullOrEmpty(CategoryTargetType)) record.CategoryInfo.TargetType = CategoryTargetType;
            AttributeToCaller(record);
            WriteError(record);
        }

        // The real Write-Error attributes the error to the function that called it (its
        // FullyQualifiedErrorId ends with ",<function>", not ",Write-Error"). That goes through
        // internal members; where they are not found the error keeps this cmdlet's invocation.
        private void AttributeToCaller(ErrorRecord record)
        {
            if (GetVariableValue("MyInvocation") is not InvocationInfo caller) return;
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic;
            var setInvocation = typeof(ErrorRecord).GetMethod("SetInvocationInfo", flags, [typeof(InvocationInfo)]);
            var preserve = typeof(ErrorRecord).GetProperty("PreserveInvocationInfoOnce", flags);
            if (setInvocation == null || preserve == null || !preserve.CanWrite) return;
            setInvocation.Invoke(record, [caller]);
            preserve.SetValue(record, true);
        }
    }
}
