# Generated from src/core/exit-codes.ts, src/render/text-escape.ts and src/core/status.ts by
# scripts/generate-tables.ts. Do not edit: change the TypeScript table and run the script.
#
# ExitCodes: what each exit code of the engine means to the module: the stable ErrorId and
# ErrorCategory of the ErrorRecord it becomes, and the text the DSC v3 manifest gives the same
# code (the v3 entry script exits with these codes). Code 5 is the module's own: a failure on
# the host (node missing, collection or apply failed).
#
# UnsafeTextCharacters: the characters every message shows as visible escapes (a .NET regular
# expression, the engine's own class character for character): C0 and C1 controls, DEL, and
# the bidi, mark and line-separator characters.
#
# FindingStatuses: which finding statuses count as in the desired state (for the InDesiredState
# column of finding objects; the engine decides the status, this only labels it).
@{
    ExitCodes = @(
        @{
            Code     = 0
            Name     = 'success'
            ErrorId  = ''
            Category = 'NotSpecified'
            DscV3    = 'Success (for test and report: every finding is in the desired state; for report, every snapshot also loaded).'
            RecommendedAction = ''
        },
        @{
            Code     = 1
            Name     = 'notInDesiredState'
            ErrorId  = 'IisLogonRightsNotInDesiredState'
            Category = 'InvalidResult'
            DscV3    = 'set only: the plan was applied, but collecting the facts again and testing shows at least one finding still not in the desired state (get and test never exit 1: being out of desired state is data).'
            RecommendedAction = 'Read the findings that remain: a GPO may own the right (fix the GPO, or allow a temporary fix), or a deny right matches through a group (the plan names the change an administrator would make).'
        },
        @{
            Code     = 2
            Name     = 'usage'
            ErrorId  = 'IisLogonRightsEngineUsageError'
            Category = 'InvalidArgument'
            DscV3    = 'Usage error: unknown command or option, missing or conflicting argument.'
            RecommendedAction = 'The module and the engine disagree about the command line: rebuild the module so that bin\iis-logon-rights.cjs comes from the same version.'
        },
        @{
            Code     = 3
            Name     = 'invalidInput'
            ErrorId  = 'IisLogonRightsEngineInvalidInput'
            Category = 'InvalidData'
            DscV3    = 'Invalid input: an artifact is missing, unreadable, malformed, over its size limit, or fails its schema (report: at least one snapshot could not be loaded; the others are still reported, and 3 wins over 1).'
            RecommendedAction = 'The message names the file and the place that failed; collect the snapshot again (Export-IisLogonRightsSnapshot) or correct the named file.'
        },
        @{
            Code     = 4
            Name     = 'internal'
            ErrorId  = 'IisLogonRightsEngineInternalError'
            Category = 'NotSpecified'
            DscV3    = 'Internal error: a defect in iis-logon-rights; please report it.'
            RecommendedAction = 'This is a defect in iis-logon-rights: report it with the snapshot (Export-IisLogonRightsSnapshot) that caused it.'
        },
        @{
            Code     = 5
            Name     = 'hostError'
            ErrorId  = 'IisLogonRightsHostError'
            Category = 'OperationStopped'
            DscV3    = 'Host error: node was not found, the engine version differs from the module version, or collecting the facts or applying the plan failed on this host (the error line says which).'
            RecommendedAction = 'Read the error: it names the Windows call or the file that failed.'
        },
        @{
            Code     = 6
            Name     = 'outputFailed'
            ErrorId  = 'IisLogonRightsEngineOutputFailed'
            Category = 'WriteError'
            DscV3    = 'Output failed: the result could not be written (one line on stderr names the output and why, such as a full disk); when the reader closed the pipe early (as head does) the run ends with this code and no message.'
            RecommendedAction = 'Free space on the disk the output goes to, or keep the reader of the engine output open until it ends.'
        }
    )

    UnsafeTextCharacters = '[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]'

    FindingStatuses = @(
        @{ Status = 'ok'; InDesiredState = $true },
        @{ Status = 'missing'; InDesiredState = $false },
        @{ Status = 'denied'; InDesiredState = $false },
        @{ Status = 'revoked-at-refresh'; InDesiredState = $false },
        @{ Status = 'gpo-blocked'; InDesiredState = $false },
        @{ Status = 'unresolved'; InDesiredState = $false },
        @{ Status = 'not-required'; InDesiredState = $true }
    )
}
