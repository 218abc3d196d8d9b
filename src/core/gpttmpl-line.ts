import type { PolicyHolder } from './model';

/**
 * The exact `[Privilege Rights]` line an administrator pastes into a GPO's GptTmpl.inf. Holder
 * names come from the inputs (a GPO's list in rsop.json or gpresult.xml, a baseline file), and in
 * that line a name is structure: a comma starts another holder, a line break starts another right,
 * `*` makes a SID, `"` and `%` are INF quoting and substitution, `;` a comment. So a name is
 * written only when it is a plain account name; otherwise its SID is written when the snapshot
 * resolved it, and when neither is possible no line is given at all (the administrator is told
 * to make the change in the Group Policy editor instead).
 */

export type GptTmplLine = { ok: true; line: string } | { ok: false; holder: string; reason: string };

/** Characters a plain account name never holds in a GptTmpl.inf line. */
const NOT_PLAIN = /[,="%;\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A name that reads back as exactly one holder: not empty, no separator, quoting, substitution,
 * comment, control, line-break or bidi character, no leading `*` (a SID) and no surrounding
 * space (secedit trims it). Windows account names ("Web Admins", "CONTOSO\svc-web",
 * "NT AUTHORITY\NETWORK SERVICE", "Administrateurs") are all plain.
 */
export function isPlainAccountName(name: string): boolean {
  return name.length > 0 && name.trim() === name && !name.startsWith('*') && !NOT_PLAIN.test(name);
}

/**
 * The right's line with SIDs added and removed (a name that `sidOfName` resolves to a removed SID
 * goes too); other entries kept as written when they are SIDs or plain names, written as `*SID`
 * when `sidOfName` knows a name that is not plain, and the whole line withheld when it does not.
 */
export function gptTmplLine(
  right: string,
  holders: readonly PolicyHolder[],
  add: readonly string[],
  removeSids: readonly string[],
  sidOfName: (name: string) => string | undefined = () => undefined,
): GptTmplLine {
  const entries: string[] = [];
  for (const holder of holders) {
    if (holder.kind === 'sid') {
      if (!removeSids.includes(holder.sid)) entries.push(`*${holder.sid}`);
      continue;
    }
    const sid = sidOfName(holder.name);
    if (sid !== undefined && removeSids.includes(sid)) continue;
    if (isPlainAccountName(holder.name)) {
      entries.push(holder.name);
      continue;
    }
    if (sid === undefined)
      return {
        ok: false,
        holder: holder.name,
        reason: `the GPO's list for ${right} holds an entry that is neither a SID nor a plain account name, and the snapshot does not resolve it to a SID`,
      };
    entries.push(`*${sid}`);
  }
  for (const sid of add) if (!entries.includes(`*${sid}`)) entries.push(`*${sid}`);
  return { ok: true, line: `${right} = ${entries.join(',')}` };
}

/** The line, or why there is none and what to do instead; for the sentences of a fix. */
export function describeGptTmplLine(line: GptTmplLine): string {
  return line.ok
    ? line.line
    : `no GptTmpl.inf line is given, because ${line.reason} (${JSON.stringify(line.holder)}); make the change in the Group Policy Management Editor instead`;
}
