/**
 * Rewrites the `enum` arrays of hand-formatted JSON Schema files in place: only the array's text
 * changes, then Prettier lays it out as it lays out the whole file, so a schema whose enum already
 * holds the table's values comes back byte for byte and its hand formatting stays.
 */
import { format, resolveConfig } from 'prettier';

/** The start and end offsets of the value at a JSON pointer, or undefined when there is none. */
export function locateJsonValue(text: string, pointer: string): { start: number; end: number } | undefined {
  const target = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
  let found: { start: number; end: number } | undefined;
  let position = 0;
  const skipSpace = () => {
    while (position < text.length && /\s/.test(text[position]!)) position += 1;
  };
  const fail = (expected: string): never => {
    throw new Error(`JSON text, offset ${position}: expected ${expected}`);
  };
  const readString = (): string => {
    const start = position;
    position += 1;
    while (position < text.length && text[position] !== '"') position += text[position] === '\\' ? 2 : 1;
    if (position >= text.length) fail('the end of a string');
    position += 1;
    return JSON.parse(text.slice(start, position)) as string;
  };
  const readValue = (path: readonly string[]): void => {
    skipSpace();
    const start = position;
    const first = text[position];
    if (first === '{') {
      position += 1;
      skipSpace();
      while (text[position] !== '}') {
        if (text[position] !== '"') fail('a property name');
        const key = readString();
        skipSpace();
        if (text[position] !== ':') fail("':'");
        position += 1;
        readValue([...path, key]);
        skipSpace();
        if (text[position] === ',') {
          position += 1;
          skipSpace();
        } else if (text[position] !== '}') fail("',' or '}'");
      }
      position += 1;
    } else if (first === '[') {
      position += 1;
      skipSpace();
      for (let index = 0; text[position] !== ']'; index += 1) {
        readValue([...path, String(index)]);
        skipSpace();
        if (text[position] === ',') position += 1;
        else if (text[position] !== ']') fail("',' or ']'");
        skipSpace();
      }
      position += 1;
    } else if (first === '"') {
      readString();
    } else {
      const literal = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(position, position + 64));
      if (literal === null) fail('a JSON value');
      position += literal![0].length;
    }
    if (path.length === target.length && path.every((key, index) => key === target[index]))
      found = { start, end: position };
  };
  readValue([]);
  return found;
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export interface SchemaEnum {
  /** The JSON pointer of the schema that holds the `enum`. */
  pointer: string;
  values: readonly (string | number)[];
}

/** The schema text with each enum set to its values, formatted by Prettier as the file is. */
export async function withEnums(text: string, file: string, enums: readonly SchemaEnum[]): Promise<string> {
  let result = text;
  for (const { pointer, values } of enums) {
    const span = locateJsonValue(result, `${pointer}/enum`);
    if (span === undefined) throw new Error(`${file}: no enum at ${pointer}`);
    result = result.slice(0, span.start) + JSON.stringify(values) + result.slice(span.end);
  }
  return format(result, { ...(await resolveConfig(file)), filepath: file });
}
