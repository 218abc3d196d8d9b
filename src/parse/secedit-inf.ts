import { InputError, excerpt } from '../core/errors';
import { MAX_INF_LINE_LENGTH } from '../core/limits';
import type { Diagnostic, PolicyHolder, RightAssignment, SecurityTemplate } from '../core/model';
import { canonicalRightName } from '../core/rights';
import { normalizeSid } from '../core/sids';
import { decodeText } from './decode';
import { refuseDisguisedRightName } from './right-name';
import { rejectControlCharacters, splitLines } from './secedit-lines';

/**
 * Security templates: `secedit /export` output and a GPO's GptTmpl.inf (MS-GPSB 2.2). The file
 * is an INF: `[Section]` headers, `key = value` lines, `;` comments, `"..."` quoting. Only
 * `[Privilege Rights]` is interpreted; every other section is skipped line by line, because
 * they hold registry paths, service ACLs and audit settings that have nothing to do with logon
 * rights and whose syntax varies.
 *
 * Choices where Windows' own behaviour is not documented (docs/windows-behaviour.md says what is):
 * - A line break is CRLF, LF or a lone CR, mixed freely (hand-edited and git-converted files).
 * - Repeated sections merge, as SetupAPI does; `sections` names each section once, spelled as
 *   its first header wrote it.
 * - A right assigned on two lines: the later line wins and a `duplicate-right` warning names
 *   both lines, since it is not known whether secedit would use one list or combine them.
 * - Line continuation with a trailing `\` is not supported: no security template uses it, and
 *   the continued line then fails loudly as a line without `=`.
 */

const PRIVILEGE_RIGHTS = 'privilege rights';

export function parseSecurityTemplate(bytes: Uint8Array, file: string): SecurityTemplate {
  return parseSecurityTemplateText(decodeText(bytes, file).text, file);
}

export function parseSecurityTemplateText(text: string, file: string): SecurityTemplate {
  rejectControlCharacters(text, file);
  const lines = splitLines(text);
  const sectionKeys = new Set<string>();
  const sections: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let privilegeRights: Map<string, RightAssignment> | null = null;
  let currentSection: string | null = null;
  let firstCommentLine: number | undefined;

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    if (raw.length > MAX_INF_LINE_LENGTH) {
      throw new InputError(
        file,
        { line },
        `lines of at most ${MAX_INF_LINE_LENGTH} characters`,
        `a line of ${raw.length} characters`,
      );
    }
    const content = withoutComment(raw).trim();
    if (content === '') {
      if (raw.trim() !== '') firstCommentLine ??= line;
      continue;
    }
    if (content.startsWith('[')) {
      const name = parseSectionHeader(content, raw, file, line);
      currentSection = name.toLowerCase();
      if (!sectionKeys.has(currentSection)) {
        sectionKeys.add(currentSection);
        sections.push(name);
      }
      if (currentSection === PRIVILEGE_RIGHTS && privilegeRights === null) privilegeRights = new Map();
      continue;
    }
    if (currentSection === null) {
      throw new InputError(
        file,
        { line },
        'a section header such as [Unicode] or [Privilege Rights] before the first setting',
        excerpt(raw),
      );
    }
    if (privilegeRights !== null && currentSection === PRIVILEGE_RIGHTS) {
      const assignment = parseRightAssignment(content, raw, file, line);
      recordAssignment(privilegeRights, assignment, file, diagnostics);
    }
  }

  if (sections.length === 0 && firstCommentLine !== undefined) {
    throw new InputError(
      file,
      { line: firstCommentLine },
      'a security template with section headers such as [Privilege Rights]',
      'only comment lines',
    );
  }
  return { file, sections, privilegeRights, diagnostics };
}

const QUOTE = 0x22;

/** Index of the first `target` outside double quotes at or after `from`, or -1. */
function indexOutsideQuotes(text: string, target: string, from = 0): number {
  const targetCode = target.charCodeAt(0);
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (code === targetCode && !quoted) return i;
  }
  return -1;
}

/**
 * indexOutsideQuotes from the start of a text read once: most lines hold no quote, and a line
 * of a large server's template lists thousands of SIDs, which indexOf finds its way through
 * far faster than a loop over characters.
 */
function firstOutsideQuotes(text: string, target: string): number {
  const at = text.indexOf(target);
  if (at === -1) return -1;
  const quote = text.indexOf('"');
  return quote === -1 || at < quote ? at : indexOutsideQuotes(text, target, quote);
}

/** INF comments run from a `;` outside quotes to the end of the line. */
function withoutComment(raw: string): string {
  const semicolon = firstOutsideQuotes(raw, ';');
  return semicolon === -1 ? raw : raw.slice(0, semicolon);
}

function parseSectionHeader(content: string, raw: string, file: string, line: number): string {
  const close = content.indexOf(']');
  const name = close === -1 ? '' : content.slice(1, close).trim();
  if (close !== content.length - 1 || name === '') {
    throw new InputError(file, { line }, 'a section header like [Privilege Rights]', excerpt(raw));
  }
  return name;
}

/** Splits on commas outside quotes; `""` inside a quoted entry is a literal quote. */
function splitEntries(value: string): string[] {
  if (!value.includes('"')) return value.split(',');
  const entries: string[] = [];
  let start = 0;
  for (;;) {
    const comma = indexOutsideQuotes(value, ',', start);
    if (comma === -1) {
      entries.push(value.slice(start));
      return entries;
    }
    entries.push(value.slice(start, comma));
    start = comma + 1;
  }
}

/**
 * The text of one field, trimmed and unquoted. A field is either quoted as a whole or not at
 * all; a stray quote is rejected rather than guessed at, since a misread entry would be
 * compared as an account name.
 */
function unquoteField(field: string, what: string, file: string, line: number): string {
  const trimmed = field.trim();
  if (!trimmed.includes('"')) return trimmed;
  const inner =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : undefined;
  if (inner === undefined || inner.replaceAll('""', '').includes('"')) {
    throw new InputError(
      file,
      { line },
      `${what} either quoted as a whole ("...") or without quotes`,
      excerpt(trimmed),
    );
  }
  return inner.replaceAll('""', '"').trim();
}

function parseRightAssignment(content: string, raw: string, file: string, line: number): RightAssignment {
  const equals = firstOutsideQuotes(content, '=');
  if (equals === -1) {
    throw new InputError(
      file,
      { line },
      'a right assignment like "SeNetworkLogonRight = *S-1-5-11,*S-1-5-32-544" in [Privilege Rights]',
      excerpt(raw),
    );
  }
  const right = unquoteField(content.slice(0, equals), 'a right name', file, line);
  if (right === '') throw new InputError(file, { line }, 'a right name before "="', excerpt(raw));
  const holders: PolicyHolder[] = [];
  const value = content.slice(equals + 1).trim();
  if (isPlainSidList(value)) {
    for (const entry of value.split(',')) holders.push({ kind: 'sid', sid: entry.slice(1), written: entry });
    return { right, holders, line };
  }
  for (const field of splitEntries(content.slice(equals + 1))) {
    const entry = unquoteField(field, 'an account entry', file, line);
    if (entry !== '') holders.push(parseHolder(entry, right, file, line));
  }
  return { right, holders, line };
}

// A large server's [Privilege Rights] lists thousands of SIDs a line, nearly all written by
// secedit as `*S-1-...` in normal form with commas between them and nothing else. Such a list is
// checked a few dozen entries per pattern call and split as it is: each entry's SID is then
// exactly what normalizeSid (core/sids.ts, the pattern NORMAL_SID and the 32-bit check) gives,
// so two pattern calls per entry are saved. Any other list goes entry by entry below.
const SID_IN_NORMAL_FORM = 'S-1-(?:0|[1-9]\\d{0,12})(?:-(?:0|[1-9]\\d{0,9})){0,15}';
/** Up to 64 entries from lastIndex, each followed by a comma and another entry, or by the end. */
const PLAIN_SID_ENTRIES = new RegExp(`(?:\\*${SID_IN_NORMAL_FORM}(?:,(?!$)|$)){1,64}`, 'y');
/** A sub-authority above 4294967295 in such a list (normalizeSid's check, with commas between SIDs). */
const SUB_AUTHORITY_OVER_32_BITS =
  /-(?:[5-9]\d{9}|4[3-9]\d{8}|429[5-9]\d{6}|42949[7-9]\d{4}|429496[89]\d{3}|4294967[3-9]\d{2}|429496729[6-9])(?=[-,]|$)/;

/** Whether a trimmed list is `*SID` entries in normal form, commas between them, nothing else. */
function isPlainSidList(value: string): boolean {
  if (value.length === 0) return false;
  PLAIN_SID_ENTRIES.lastIndex = 0;
  while (PLAIN_SID_ENTRIES.test(value))
    if (PLAIN_SID_ENTRIES.lastIndex === value.length) return !SUB_AUTHORITY_OVER_32_BITS.test(value);
  return false;
}

/** `*S-1-...` is a SID; anything else is an account name, resolved later on the target. */
function parseHolder(entry: string, right: string, file: string, line: number): PolicyHolder {
  if (!entry.startsWith('*')) return { kind: 'name', name: entry, written: entry };
  const sid = normalizeSid(entry.slice(1));
  if (sid === undefined) {
    throw new InputError(
      file,
      { line },
      `a SID after "*" (like *S-1-5-32-544) in the list of ${excerpt(right)}`,
      excerpt(entry),
    );
  }
  return { kind: 'sid', sid, written: entry };
}

function recordAssignment(
  rights: Map<string, RightAssignment>,
  assignment: RightAssignment,
  file: string,
  diagnostics: Diagnostic[],
): void {
  const canonical = canonicalRightName(assignment.right);
  const key = canonical ?? assignment.right;
  if (canonical === undefined) {
    refuseDisguisedRightName(assignment.right, file, { line: assignment.line });
    diagnostics.push({
      code: 'unknown-right',
      severity: 'warning',
      message: `${excerpt(assignment.right)} in [Privilege Rights] is not a known user right or privilege; kept as written and not evaluated`,
      file,
      line: assignment.line,
    });
  }
  const earlier = rights.get(key);
  if (earlier !== undefined) {
    diagnostics.push({
      code: 'duplicate-right',
      severity: 'warning',
      message: `${key} is assigned on line ${earlier.line} and again on line ${assignment.line}; the later line is used`,
      file,
      line: assignment.line,
    });
    // Re-inserting moves the right to where its effective line is, keeping map order = file order.
    rights.delete(key);
  }
  rights.set(key, { ...assignment, right: key });
}
