/**
 * The one place that decides how text from the inputs is shown. Names, paths, GPO names and file
 * names come from files an attacker may have written (an account name in accounts.json, a holder
 * in rsop.json, a folder name), and a terminal obeys control characters: ESC starts a sequence
 * that can set the window title or clear the screen, CR and LF forge lines, and the Unicode bidi
 * overrides and isolates make text read in another order than it is stored ("Trojan Source").
 * Every text output passes its data through escapeText, so these show as visible escapes
 * instead of acting.
 */

/**
 * C0 controls (with TAB, LF and CR), DEL, C1 controls, the Arabic letter mark, the left-to-right
 * and right-to-left marks, the line and paragraph separators, the bidi embeddings and overrides
 * (U+202A-U+202E) and the bidi isolates (U+2066-U+2069). Joiners (U+200C, U+200D) are left alone:
 * Persian, Indic and emoji text needs them, and they cannot reorder or break a line.
 */
export const UNSAFE_TEXT_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`; `\x1B` for the other controls up to U+00FF; `\u202E` above. */
export function escapeCharacter(character: string): string {
  const named = NAMED_ESCAPES[character];
  if (named !== undefined) return named;
  const code = character.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** The text with every control and bidi character shown as a visible escape; all else as is. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE_TEXT_CHARACTERS, escapeCharacter);
}

/**
 * A copy of a plain data value (objects, arrays, strings, numbers, booleans, null) with every
 * string escaped: for renderers that build many sentences from one record, so no field is missed.
 */
export function escapeTextFields<T>(value: T): T {
  if (typeof value === 'string') return escapeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeTextFields(item)) as T;
  if (value !== null && typeof value === 'object') {
    // A finding as judging keeps it (judged-finding.ts) is copied in its plain form, as JSON.stringify would.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return escapeTextFields(toJSON.call(value) as T);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = escapeTextFields(item);
    return copy as T;
  }
  return value;
}

/**
 * JSON.stringify escapes the C0 controls but writes DEL, C1, bidi and line-separator characters
 * raw. Outside strings JSON.stringify writes only ASCII (with its own spaces and line breaks), so
 * writing these as \uXXXX anywhere in its output keeps the document equal, value for value, and
 * keeps them off a terminal.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(value, null, indent));
}

/** JSON text with what stringifyJson escapes escaped; any slice of JSON text may go through it. */
export function escapeJsonText(text: string): string {
  return text.replace(UNSAFE_BEYOND_C0, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * UNSAFE_TEXT_CHARACTERS without the C0 controls: what JSON.stringify leaves raw (it escapes C0
 * itself, and its own line breaks between tokens must stay), and what XML carries as references.
 */
export const UNSAFE_BEYOND_C0 = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
