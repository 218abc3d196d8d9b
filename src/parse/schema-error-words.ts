import { excerpt } from '../core/errors';

/** The subset of ajv's ErrorObject the formatter reads. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** What one schema error says: where, what was expected and what was found, in the project's words. */
export interface WordedSchemaError {
  pointer: string;
  expected: string;
  found: string;
}

/**
 * The patterns of the input schemas, in words. A pattern not listed here is shown as written,
 * shortened; test/unit/schema-error-words.test.ts keeps every pattern of an input schema listed.
 */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^[Ss]-1-(\\d{1,13}|0x[0-9A-Fa-f]{12})(-\\d{1,10}){0,15}$':
    'a SID such as S-1-5-32-544 (S-1-, then numbers joined by "-")',
  '^[Ss]-1-(\\d{1,13}|0x[0-9A-Fa-f]{12})(-\\d{1,10}){1,15}$':
    'a SID such as S-1-5-32-544 (S-1-, then at least two numbers joined by "-")',
  '^/': 'a path starting with "/"',
  '\\S': 'a string that is not blank',
  '^\\s*(?:\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|(?:[Ll][Dd][Aa][Pp]://)?[Cc][Nn]=\\s*(?:\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\s*,[Cc][Nn]=[Pp][Oo][Ll][Ii][Cc][Ii][Ee][Ss],[Cc][Nn]=[Ss][Yy][Ss][Tt][Ee][Mm](?:,[\\s\\S]*)?|[Ll][Oo][Cc][Aa][Ll][Gg][Pp][Oo])\\s*$':
    'a GPO id: {GUID}, a bare GUID, the path CN={GUID},CN=Policies,CN=System,..., or LocalGPO',
};

/**
 * The `not` rules of the input schemas, by schema path: the property a document may not hold
 * there, and the case in which it may. The same test keeps every `not` of an input schema listed.
 */
export const NOT_RULES: Readonly<Record<string, { property: string; unless: string }>> = {
  '#/properties/webConfigs/items/allOf/0/else/not': { property: 'text', unless: 'state is "read"' },
};

/** Every keyword worded below; the summaries (anyOf, oneOf, if) are worded through their branches. */
export const WORDED_KEYWORDS: ReadonlySet<string> = new Set([
  'required',
  'additionalProperties',
  'enum',
  'const',
  'type',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'not',
  'anyOf',
  'oneOf',
  'if',
]);

export function wordSchemaError(error: SchemaError, value: unknown): WordedSchemaError {
  const { params, instancePath: pointer } = error;
  const found = describeFound(value);
  const limit = Number(params.limit);
  switch (error.keyword) {
    case 'required':
      return { pointer, expected: `property "${String(params.missingProperty)}"`, found: 'it missing' };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return {
        pointer: `${pointer}/${escapePointer(name)}`,
        expected: `only the documented properties (no ${excerpt(name)})`,
        found: `property ${excerpt(name)}`,
      };
    }
    case 'enum':
      return { pointer, expected: `one of ${(params.allowedValues as unknown[]).map(json).join(', ')}`, found };
    case 'const':
      return { pointer, expected: json(params.allowedValue), found };
    case 'type':
      return { pointer, expected: `a value of type ${typeNames(params.type)}`, found };
    case 'pattern': {
      const pattern = String(params.pattern);
      return {
        pointer,
        expected: PATTERN_WORDS[pattern] ?? `a string matching the pattern ${excerpt(pattern)}`,
        found,
      };
    }
    case 'minLength':
      return { pointer, expected: `a string of at least ${limit} character(s)`, found };
    case 'maxLength':
      return { pointer, expected: `a string of at most ${limit} character(s)`, found: withLength(value, found) };
    case 'minItems':
      return { pointer, expected: `an array of at least ${limit} item(s)`, found };
    case 'maxItems':
      return { pointer, expected: `an array of at most ${limit} item(s)`, found };
    case 'minimum':
      return { pointer, expected: `a number of at least ${limit}`, found };
    case 'maximum':
      return { pointer, expected: `a number of at most ${limit}`, found };
    case 'exclusiveMinimum':
      return { pointer, expected: `a number above ${limit}`, found };
    case 'exclusiveMaximum':
      return { pointer, expected: `a number below ${limit}`, found };
    case 'not': {
      const rule = NOT_RULES[error.schemaPath];
      if (rule !== undefined)
        return {
          pointer: `${pointer}/${escapePointer(rule.property)}`,
          expected: `no property "${rule.property}" unless ${rule.unless}`,
          found: `property "${rule.property}"`,
        };
      return { pointer, expected: `a value the schema rules out here (${excerpt(error.schemaPath)})`, found };
    }
    default:
      // anyOf, oneOf and if are summaries of errors already worded; a keyword no input schema
      // uses still gets the one-line form, naming the rule instead of quoting ajv.
      return { pointer, expected: `a value meeting the schema's ${excerpt(error.schemaPath)} rule`, found };
  }
}

/** The alternatives of an anyOf or oneOf, as one expectation: `a SID ... or a value of type null`. */
export function wordAlternatives(branches: readonly SchemaError[], value: unknown): WordedSchemaError {
  const types = branches.filter((error) => error.keyword === 'type').flatMap((error) => typeList(error.params.type));
  const others = branches.filter((error) => error.keyword !== 'type').map((error) => wordSchemaError(error, value));
  const expected = [...new Set(others.map((worded) => worded.expected))];
  if (types.length > 0) expected.push(`a value of type ${typeNames([...new Set(types)])}`);
  const first = wordSchemaError(branches[0]!, value);
  return { pointer: branches[0]!.instancePath, expected: expected.join(' or '), found: first.found };
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return excerpt(value);
  return `${typeof value} ${String(value)}`;
}

/** ajv counts a string's length in code points, as this does. */
function withLength(value: unknown, found: string): string {
  return typeof value === 'string' ? `a string of ${[...value].length} characters, ${found}` : found;
}

function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

function typeNames(type: unknown): string {
  return typeList(type).join(' or ');
}

/** Values the schema itself holds (enum, const): trusted, shown whole. */
function json(value: unknown): string {
  return JSON.stringify(value);
}

/** RFC 6901: "~" and "/" in a property name are escaped in a JSON pointer. */
export function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
