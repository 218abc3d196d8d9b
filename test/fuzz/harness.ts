import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { InputError, describeLocation } from '../../src/core/errors';
import { ENCODINGS, encode } from './encoding';
import { applyJsonMutations, jsonMutationListArbitrary, stringifyJson } from './json-mutations';
import { applyMutations, describeMutations, mutationListArbitrary, type DocumentFormat } from './mutations';
import type { Seed } from './seeds';

export { corpusSeeds, repoSeeds, type Seed } from './seeds';

/**
 * The fuzz harness. Every parser gets FUZZ_RUNS cases (10,000 under `npm run fuzz`, 200 inside
 * `npm test`); each case must end in a model that passes the parser's own checks or in an
 * InputError naming the file and a location on one short line (under `npm run fuzz`, within
 * FUZZ_CASE_LIMIT_MS).
 * Mutations that keep a document's meaning (encoding, BOM, line endings) must give the very
 * model the unmutated document gives.
 */

export const FUZZ_RUNS = positiveInteger('FUZZ_RUNS', 200);
/**
 * Per case, only when set: `npm run fuzz` sets 1000 ms. Inside `npm test` no case is timed (a
 * loaded machine would fail it); the mocha timeout is the runaway guard there.
 */
export const CASE_LIMIT_MS = process.env.FUZZ_CASE_LIMIT_MS ? positiveInteger('FUZZ_CASE_LIMIT_MS', 1_000) : undefined;
/** Messages are one line and short: every parser excerpts the untrusted text it quotes. */
const MAX_MESSAGE_LENGTH = 1_000;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return value;
}

export interface FuzzCase {
  origin: string;
  /** The unmutated document, when the case is a mutation of one. */
  seed: Uint8Array | undefined;
  mutations: string;
  bytes: Uint8Array;
  /** Every mutation kept the meaning: the model must equal the seed's. */
  preserving: boolean;
}

export interface FuzzTarget<M> {
  /** For the printed count: `secedit.inf`. */
  name: string;
  /** The file name the parser is given and every InputError must name. */
  label: string;
  /** An artifact inside the document may be named instead (`stdin:/files/secedit.inf`). */
  namesInside?: boolean;
  parse(bytes: Uint8Array, label: string): M;
  /** Invariants of an accepted model (valid SIDs, canonical rights, in-range lines, ...). */
  checkModel(model: M, bytes: Uint8Array): void;
}

// ---------------------------------------------------------------------------------------------
// Case arbitraries

/** fast-check prints a failing case; show what made it, not megabytes of bytes. */
function makeCase(fields: FuzzCase): FuzzCase {
  return Object.assign(fields, {
    [fc.toStringMethod]: () =>
      `{ origin: ${fields.origin}, ${fields.bytes.length} bytes, mutations: ${fields.mutations.slice(0, 2000)} }`,
  });
}

/** A seed file mutated by one to four byte or text mutations. */
export function mutatedSeeds(seeds: readonly Seed[], format: DocumentFormat): fc.Arbitrary<FuzzCase> {
  assert.ok(seeds.length > 0, 'no seeds');
  return fc.tuple(fc.constantFrom(...seeds), mutationListArbitrary).map(([seed, mutations]) => {
    const { bytes, preserving } = applyMutations(seed.bytes, mutations, format);
    return makeCase({
      origin: seed.origin,
      seed: seed.bytes,
      mutations: describeMutations(mutations),
      bytes,
      preserving,
    });
  });
}

/** A generated document in any encoding, then mutated (or not). */
export function mutatedGenerated(documents: fc.Arbitrary<string>, format: DocumentFormat): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      documents,
      fc.constantFrom(...ENCODINGS.slice(0, 4)),
      fc.option(mutationListArbitrary, { freq: 3, nil: undefined }),
    )
    .map(([text, written, mutations]) => {
      const seed = encode(text, written);
      if (mutations === undefined)
        return makeCase({ origin: 'generated', seed, mutations: 'none', bytes: seed, preserving: true });
      const { bytes, preserving } = applyMutations(seed, mutations, format);
      return makeCase({ origin: 'generated', seed, mutations: describeMutations(mutations), bytes, preserving });
    });
}

/** A JSON value changed structurally, written with any indentation, sometimes then byte-mutated. */
export function mutatedJsonValues(values: fc.Arbitrary<{ origin: string; value: unknown }>): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      values,
      jsonMutationListArbitrary,
      fc.constantFrom(0, 2, '\t'),
      fc.option(mutationListArbitrary, { freq: 4, nil: undefined }),
    )
    .map(([{ origin, value }, jsonMutations, indent, byteMutations]) => {
      // Indenting a 50,000-deep array would write gigabytes of spaces.
      const deep = jsonMutations.some((mutation) => mutation.kind === 'nest' && mutation.depth > 1_000);
      const text = stringifyJson(applyJsonMutations(value, jsonMutations), deep ? 0 : indent);
      const written = Buffer.from(text, 'utf8');
      const description = `json ${JSON.stringify(jsonMutations, (_key, item: unknown) => (typeof item === 'string' && item.length > 80 ? `${item.slice(0, 80)}...` : item))}`;
      if (byteMutations === undefined)
        return makeCase({ origin, seed: undefined, mutations: description, bytes: written, preserving: false });
      const { bytes } = applyMutations(written, byteMutations, 'json');
      return makeCase({
        origin,
        seed: undefined,
        mutations: `${description}; then ${describeMutations(byteMutations)}`,
        bytes,
        preserving: false,
      });
    });
}

export function jsonSeedValues(seeds: readonly Seed[]): { origin: string; value: unknown }[] {
  return seeds.map((seed) => ({
    origin: seed.origin,
    value: JSON.parse(
      Buffer.from(seed.bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as unknown,
  }));
}

// ---------------------------------------------------------------------------------------------
// Running

type Outcome<M> = { model: M } | { error: unknown };

function attempt<M>(target: FuzzTarget<M>, bytes: Uint8Array): Outcome<M> {
  try {
    return { model: target.parse(bytes, target.label) };
  } catch (error) {
    return { error };
  }
}

/** The one acceptable failure: an InputError that names the file and where, on one short line. */
export function assertAcceptableError(error: unknown, label: string, namesInside = false): asserts error is InputError {
  if (!(error instanceof InputError)) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    assert.fail(`expected an InputError or a model, got another exception: ${detail}`);
  }
  if (namesInside && error.file.startsWith(`${label}:/files/`)) {
    assert.ok(
      error.message.startsWith(error.file),
      `message starts with the artifact's name: ${error.message.slice(0, 300)}`,
    );
  } else {
    assert.equal(error.file, label, `InputError names the file (${error.message.slice(0, 300)})`);
    assert.ok(error.message.startsWith(label), `message starts with the file name: ${error.message.slice(0, 300)}`);
  }
  const where = describeLocation(error.location);
  assert.notEqual(
    where,
    '',
    `InputError has a location (line, element or JSON pointer): ${error.message.slice(0, 300)}`,
  );
  assert.ok(error.message.includes(`(${where})`), `message names the location: ${error.message.slice(0, 300)}`);
  for (const key of ['line', 'column'] as const) {
    const value = error.location[key];
    if (value !== undefined)
      assert.ok(Number.isInteger(value) && value >= 1, `${key} is a positive whole number, got ${value}`);
  }
  assert.ok(!/[\r\n]/.test(error.message), `message is one line: ${JSON.stringify(error.message.slice(0, 300))}`);
  assert.ok(
    error.message.length <= MAX_MESSAGE_LENGTH,
    `message of at most ${MAX_MESSAGE_LENGTH} characters, got ${error.message.length}: ${error.message.slice(0, 300)}...`,
  );
}

interface Tally {
  cases: number;
  models: number;
  inputErrors: number;
  compared: number;
  slowestMs: number;
  slowestCase: string;
  totalMs: number;
}

/**
 * Runs `runs` cases drawn from `cases` and prints the tally. A property failure reports the
 * case's origin and mutations, and fast-check's seed to replay it (FUZZ_SEED).
 */
export function runFuzz<M>(target: FuzzTarget<M>, cases: fc.Arbitrary<FuzzCase>, runs = FUZZ_RUNS): Tally {
  const tally: Tally = { cases: 0, models: 0, inputErrors: 0, compared: 0, slowestMs: 0, slowestCase: '', totalMs: 0 };
  const seedOutcomes = new Map<Uint8Array, Outcome<M>>();
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  fc.assert(
    fc.property(cases, (fuzzCase) => {
      const context = `${target.name} case from ${fuzzCase.origin}, mutations: ${fuzzCase.mutations.slice(0, 2000)}`;
      const started = performance.now();
      const outcome = attempt(target, fuzzCase.bytes);
      const elapsed = performance.now() - started;
      tally.cases++;
      tally.totalMs += elapsed;
      if (elapsed > tally.slowestMs) {
        tally.slowestMs = elapsed;
        tally.slowestCase = `${fuzzCase.origin}, ${fuzzCase.bytes.length} bytes, ${fuzzCase.mutations.slice(0, 200)}`;
      }
      if (CASE_LIMIT_MS !== undefined)
        assert.ok(elapsed <= CASE_LIMIT_MS, `${context}: took ${elapsed.toFixed(0)} ms, over ${CASE_LIMIT_MS} ms`);
      try {
        if ('error' in outcome) {
          assertAcceptableError(outcome.error, target.label, target.namesInside);
          tally.inputErrors++;
        } else {
          target.checkModel(outcome.model, fuzzCase.bytes);
          tally.models++;
        }
        if (fuzzCase.preserving && fuzzCase.seed !== undefined) {
          let original = seedOutcomes.get(fuzzCase.seed);
          if (original === undefined) {
            original = attempt(target, fuzzCase.seed);
            if (fuzzCase.origin !== 'generated') seedOutcomes.set(fuzzCase.seed, original);
          }
          if ('model' in original) {
            assert.ok(
              'model' in outcome,
              `a change of encoding, BOM or line endings made a valid document invalid: ${'error' in outcome ? String(outcome.error) : ''}`,
            );
            assert.deepStrictEqual(
              outcome.model,
              original.model,
              'a change of encoding, BOM or line endings changed the model',
            );
            tally.compared++;
          }
        }
      } catch (error) {
        if (error instanceof Error) error.message = `${context}\n${error.message}`;
        throw error;
      }
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: process.env.FUZZ_SHRINK === undefined },
  );
  console.log(
    `      fuzz ${target.name}: ${tally.cases} cases: ${tally.models} models, ${tally.inputErrors} InputErrors, ${tally.compared} compared with the unmutated model; slowest ${tally.slowestMs.toFixed(1)} ms, mean ${(tally.totalMs / Math.max(1, tally.cases)).toFixed(2)} ms`,
  );
  if (process.env.FUZZ_VERBOSE !== undefined) console.log(`      slowest case: ${tally.slowestCase}`);
  return tally;
}

/** Lines in the decoded text of a document, for checking reported line numbers. */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}
