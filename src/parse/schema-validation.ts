import { InputError } from '../core/errors';
import { wordAlternatives, wordSchemaError, type SchemaError } from './schema-error-words';

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
  const { pointer, expected, found } = describe(first, errors, value);
  throw new InputError(file, { pointer }, expected, found);
}

/**
 * The chosen error in words. When it is one branch of an anyOf or oneOf at the same place, every
 * branch there is an alternative: `a SID ... or a value of type null`.
 */
function describe(first: SchemaError, errors: readonly SchemaError[], root: unknown) {
  const value = valueAt(root, first.instancePath);
  const at = errors.indexOf(first);
  const summary = errors.findIndex(
    (error, index) => index > at && error.instancePath === first.instancePath && rank(error) === 1,
  );
  if (summary === -1 || (errors[summary]!.keyword !== 'anyOf' && errors[summary]!.keyword !== 'oneOf'))
    return wordSchemaError(first, value);
  const branches = errors
    .slice(0, summary)
    .filter((error) => error.instancePath === first.instancePath && rank(error) === 0);
  return wordAlternatives(branches, value);
}

function pickMostSpecificError(errors: readonly SchemaError[]): SchemaError | undefined {
  // The deepest path is usually the precise problem; anyOf/oneOf summaries are vaguer.
  // A property only a condition (if/then/else) requires is missing for want of the condition's own property.
  return [...errors].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b) || conditional(a) - conditional(b))[0];
}

function depth(error: SchemaError): number {
  return (
    error.instancePath.split('/').length +
    (error.keyword === 'additionalProperties' || error.keyword === 'required' ? 1 : 0)
  );
}

/** anyOf, oneOf and if only summarize the errors of their branches, which say more. */
function rank(error: SchemaError): number {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if' ? 1 : 0;
}

function conditional(error: SchemaError): number {
  return /\/(then|else)\//.test(error.schemaPath) ? 1 : 0;
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
