/**
 * Writes the `[ValidateSet(...)]` lines of the PowerShell module that copy a TypeScript table.
 * Each copy stays a literal ValidateSet in its param block, because that is what gives tab
 * completion and a clear binding error in Windows PowerShell 5.1 and PowerShell 7 alike, and what
 * a DSC class property needs for its schema; this file keeps the literal equal to the table
 * (docs/tables.md says why this form was chosen).
 */
import { basename } from 'node:path';
import { psString } from './engine-contract';

export interface GeneratedSet {
  /** The table, as written in TypeScript. */
  table: string;
  values: readonly string[];
  /**
   * The parameters (or DSC class properties) that take a value of the table: a name alone for
   * every parameter of that name, `Command -Name` for one command's (one function per file, so
   * the command is the file's name).
   */
  parameters: readonly string[];
}

const VALIDATE_SET = /^(\s*)\[ValidateSet\((.*?)\)\](.*)$/;
const VARIABLE = /^\s*\$(\w+)/;
/** Lines allowed between a ValidateSet and its variable: other attributes, the type, comments. */
const BETWEEN = /^\s*(?:\[.*\]|#.*)?\s*$/;

function parseLiteralList(text: string): string[] {
  return [...text.matchAll(/'((?:[^']|'')*)'|"([^"]*)"/g)].map((match) => (match[1] ?? match[2]!).replace(/''/g, "'"));
}

/**
 * The file with every ValidateSet on a generated parameter set to its table. A ValidateSet on
 * another parameter that holds a value of a table is an error: it would be a copy nobody
 * regenerates, so it must take the table's parameter name (or hold none of its values).
 */
export function withValidateSets(text: string, file: string, sets: readonly GeneratedSet[]): string {
  const command = basename(file).replace(/\.ps1$/i, '');
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = VALIDATE_SET.exec(lines[index]!.replace(/\r$/, ''));
    if (match === null) continue;
    let next = index + 1;
    while (next < lines.length && !VARIABLE.test(lines[next]!) && BETWEEN.test(lines[next]!)) next += 1;
    const variable = VARIABLE.exec(lines[next] ?? '')?.[1];
    if (variable === undefined) throw new Error(`${file}:${index + 1}: a ValidateSet with no variable after it`);
    const names = [variable, `${command} -${variable}`].map((name) => name.toLowerCase());
    const set = sets.find((entry) => entry.parameters.some((name) => names.includes(name.toLowerCase())));
    if (set === undefined) {
      const listed = parseLiteralList(match[2]!).map((value) => value.toLowerCase());
      const copied = sets.find((entry) => entry.values.some((value) => listed.includes(value.toLowerCase())));
      if (copied !== undefined)
        throw new Error(
          `${file}:${index + 1}: $${variable} has a ValidateSet with values of ${copied.table}; name it ${copied.parameters.join(' or ')} so scripts/generate-tables.ts writes it`,
        );
      continue;
    }
    const eol = lines[index]!.endsWith('\r') ? '\r' : '';
    lines[index] = `${match[1]}[ValidateSet(${set.values.map(psString).join(', ')})]${match[3]}${eol}`;
  }
  return lines.join('\n');
}
