import type { Snapshot } from './core/model';
import { loadFactsDocument, loadSnapshotFolder, type FileAccess, type LoadOptions } from './io/facts';
import { escapeText, stringifyJson } from './render/text-escape';

// Small pieces every command shares, whichever host runs it (command.ts, command-check-plan.ts).

/**
 * An error or warning on stderr: a one-key JSON line for the module and DSC v3, else text.
 * Messages name files and quote what was found, so they are escaped: an error stays one line
 * whatever a file name holds. `lines` after the first are the tool's own (usage hint, stack).
 */
export function writeLog(
  stderr: { write(text: string): unknown },
  jsonLog: boolean,
  level: 'error' | 'warn',
  text: string,
  ...lines: string[]
): void {
  stderr.write(
    jsonLog
      ? `${stringifyJson({ [level]: [text, ...lines].join(' ') })}\n`
      : `${[`iis-logon-rights: ${escapeText(text)}`, ...lines.map(escapeText)].join('\n')}\n`,
  );
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
