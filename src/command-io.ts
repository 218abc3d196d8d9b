import type { Diagnostic, Snapshot } from './core/model';
import { loadFactsDocument, loadSnapshotFolder, type FileAccess, type LoadOptions } from './io/facts';
import { escapeText, stringifyJson } from './render/text-escape';

// Small pieces every command shares, whichever host runs it (command.ts, command-check-plan.ts).

/**
 * The one writer of stderr lines: an error, warning or note as a one-key JSON line for the module
 * and DSC v3 (`{"error": ...}`, which DSC v3 reads), else text. Messages name files and quote what
 * was found, so they are escaped: an error stays one line whatever a file name holds. `lines`
 * after the first are the tool's own (usage hint, stack).
 */
export function writeLog(
  stderr: { write(text: string): unknown },
  jsonLog: boolean,
  level: 'error' | 'warn' | 'info',
  text: string,
  ...lines: string[]
): void {
  stderr.write(
    jsonLog
      ? `${stringifyJson({ [level]: [text, ...lines].join(' ') })}\n`
      : `${[`iis-logon-rights: ${escapeText(text)}`, ...lines.map(escapeText)].join('\n')}\n`,
  );
}

/** The judgement's diagnostics as JSON lines (text output shows them with the findings instead). */
export function writeDiagnosticLines(
  stderr: { write(text: string): unknown },
  diagnostics: readonly Diagnostic[],
): void {
  for (const diagnostic of diagnostics)
    writeLog(stderr, true, diagnostic.severity === 'warning' ? 'warn' : 'info', diagnostic.message);
}

/** --snapshot: a folder, a facts .json file, or - for a facts document on stdin. */
export function loadSnapshotOption(
  snapshot: string,
  io: { readStdin(): Uint8Array; files: FileAccess },
  options: LoadOptions = {},
): Snapshot {
  if (snapshot === '-') return loadFactsDocument(io.readStdin(), 'stdin', options);
  return loadSnapshotFolder(io.files, snapshot, options);
}
