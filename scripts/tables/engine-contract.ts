/**
 * The PowerShell module's Data/EngineContract.psd1: exit codes, the characters messages escape,
 * finding statuses, as the engine's tables give them.
 */
import { MODULE_EXIT_CODES } from '../../src/core/exit-codes';
import { FINDING_STATUSES } from '../../src/core/status';
import { UNSAFE_TEXT_CHARACTERS } from '../../src/render/text-escape';

/** A PowerShell single-quoted string: the only character to escape is the quote itself. */
export function psString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text))
    throw new Error(`not printable ASCII, which the module's data files must be: ${JSON.stringify(text)}`);
  return `'${text.replace(/'/g, "''")}'`;
}

export function renderEngineContract(): string {
  const exitCodes = MODULE_EXIT_CODES.map((row) =>
    [
      '        @{',
      `            Code     = ${row.code}`,
      `            Name     = ${psString(row.name)}`,
      `            ErrorId  = ${psString(row.errorId)}`,
      `            Category = ${psString(row.category)}`,
      `            DscV3    = ${psString(row.dscV3)}`,
      `            RecommendedAction = ${psString(row.recommendedAction)}`,
      '        }',
    ].join('\n'),
  );
  const statuses = Object.entries(FINDING_STATUSES).map(
    ([status, entry]) => `        @{ Status = ${psString(status)}; InDesiredState = $${String(entry.inDesiredState)} }`,
  );
  return [
    '# Generated from src/core/exit-codes.ts, src/render/text-escape.ts and src/core/status.ts by',
    '# scripts/generate-tables.ts. Do not edit: change the TypeScript table and run the script.',
    '#',
    '# ExitCodes: what each exit code of the engine means to the module: the stable ErrorId and',
    '# ErrorCategory of the ErrorRecord it becomes, and the text the DSC v3 manifest gives the same',
    "# code (the v3 entry script exits with these codes). Code 5 is the module's own: a failure on",
    '# the host (node missing, collection or apply failed).',
    '#',
    '# UnsafeTextCharacters: the characters every message shows as visible escapes (a .NET regular',
    "# expression, the engine's own class character for character): C0 and C1 controls, DEL, and",
    '# the bidi, mark and line-separator characters.',
    '#',
    '# FindingStatuses: which finding statuses count as in the desired state (for the InDesiredState',
    '# column of finding objects; the engine decides the status, this only labels it).',
    '@{',
    '    ExitCodes = @(',
    exitCodes.join(',\n'),
    '    )',
    '',
    `    UnsafeTextCharacters = ${psString(UNSAFE_TEXT_CHARACTERS.source)}`,
    '',
    '    FindingStatuses = @(',
    statuses.join(',\n'),
    '    )',
    '}',
    '',
  ].join('\n');
}
