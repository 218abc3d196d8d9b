/**
 * Typed errors. Every failure the user can cause is one of these, and the CLI turns each into
 * one line on stderr and the exit code from the table in exit-codes.ts. Anything else is a bug
 * (exit 4), so parsers must never let a library error escape untyped.
 */

/** Where in an input the problem is: a line (1-based), an element path, or a JSON pointer. */
export interface InputLocation {
  line?: number;
  column?: number;
  element?: string;
  pointer?: string;
}

/** Bad data in an artifact: unreadable, malformed, wrong encoding, over a limit, schema violation. */
export class InputError extends Error {
  readonly file: string;
  readonly location: InputLocation;
  readonly expected: string;
  readonly found: string;

  constructor(file: string, location: InputLocation, expected: string, found: string) {
    super(formatInputMessage(file, location, expected, found));
    this.name = 'InputError';
    this.file = file;
    this.location = location;
    this.expected = expected;
    this.found = found;
  }
}

/** The command line itself is wrong (unknown option, missing argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function describeLocation(location: InputLocation): string {
  const parts: string[] = [];
  if (location.line !== undefined) {
    parts.push(
      location.column !== undefined ? `line ${location.line}, column ${location.column}` : `line ${location.line}`,
    );
  }
  // Element names and JSON pointers are spelled by the input, so they are bounded like excerpts.
  if (location.element !== undefined) parts.push(`element ${oneShortLine(location.element, 400)}`);
  if (location.pointer !== undefined)
    parts.push(`at ${location.pointer === '' ? '(document root)' : oneShortLine(location.pointer, 400)}`);
  return parts.join(', ');
}

function formatInputMessage(file: string, location: InputLocation, expected: string, found: string): string {
  const where = describeLocation(location);
  return `${file}${where ? ` (${where})` : ''}: expected ${expected}, found ${found}`;
}

/** Shortens untrusted text for a message: one line, bounded length, control characters shown. */
export function excerpt(text: string, maxLength = 60): string {
  return JSON.stringify(oneShortLine(text, maxLength));
}

function oneShortLine(text: string, maxLength: number): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength)}...` : oneLine;
}
