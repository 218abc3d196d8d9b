import { InputError, excerpt } from '../core/errors';

/** The subset of ajv's ErrorObject the formatter reads. */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export type SchemaName = 'accounts' | 'host' | 'facts' | 'rsop' | 'plan' | 'dsc-request' | 'webconfigs';

// Precompiled by build.mjs (ajv standalone); `npm test` and `npm start` build first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validators = require('../generated/validators.cjs') as Partial<Record<SchemaName, Validator>>;

/**
 * Validates a parsed JSON document against one of the schemas in schemas/ and throws an
 * InputError that names the file, the JSON pointer, what was expected and what was found.
 * Only the first error is reported: it is the one a person fixes first.
 */
export function validateAgainstSchema(schema: SchemaName, value: unknown, file: string): void {
  const validate = validators[schema];
  if (!validate) throw new Error(`No precompiled validator for schema "${schema}"; run node build.mjs`);
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  const first = pickMostSpecificError(errors);
  if (!first)
    throw new InputError(
      file,
      { pointer: '' },
      `a document valid against ${schema}.schema.json`,
      'an invalid document',
    );
  const [expected, pointer] = describeSchemaError(first);
  throw new InputError(file, { pointer }, expected, describeFound(valueAt(value, first.instancePath), first));
}

function pickMostSpecificError(errors: readonly SchemaError[]): SchemaError | undefined {
  // The deepest path is usually the precise problem; anyOf/oneOf summaries are vaguer.
  return [...errors].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0];
}

function depth(error: SchemaError): number {
  return (
    error.instancePath.split('/').length +
    (error.keyword === 'additionalProperties' || error.keyword === 'required' ? 1 : 0)
  );
}

function rank(error: SchemaError): number {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf' ? 1 : 0;
}

function describeSchemaError(error: SchemaError): [string, string] {
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      return [`property "${String(params.missingProperty)}"`, error.instancePath];
    case 'additionalProperties':
      return [
        `only the documented properties (no ${excerpt(String(params.additionalProperty))})`,
        `${error.instancePath}/${String(params.additionalProperty)}`,
      ];
    case 'enum':
      return [
        `one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
        error.instancePath,
      ];
    case 'const':
      return [JSON.stringify(params.allowedValue), error.instancePath];
    case 'type':
      return [`a value of type ${String(params.type)}`, error.instancePath];
    case 'pattern':
      return [`a string matching ${String(params.pattern)}`, error.instancePath];
    case 'minLength':
      return [`a string of at least ${String(params.limit)} character(s)`, error.instancePath];
    default:
      return [error.message ?? `a value satisfying "${error.keyword}"`, error.instancePath];
  }
}

function describeFound(value: unknown, error: SchemaError): string {
  if (error.keyword === 'required') return 'it missing';
  if (error.keyword === 'additionalProperties') return `property ${excerpt(String(error.params.additionalProperty))}`;
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return excerpt(value);
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
