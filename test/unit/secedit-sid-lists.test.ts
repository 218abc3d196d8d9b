import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { parse, template } from './secedit-inf-helpers';

// A list of SIDs all written `*S-1-...` in normal form with nothing but commas between them is
// split as it is (secedit-inf.ts isPlainSidList); any other list goes entry by entry through
// normalizeSid. A space after each comma sends the same list the second way, so the two must
// give the same holders, or the same error.

/** The assignment's holders as plain data, or the error's line and message. */
function outcome(list: string): string {
  try {
    const rights = parse(template(`SeDenyServiceLogonRight = ${list}`)).privilegeRights!;
    return JSON.stringify([...rights.values()].map(({ holders }) => holders));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return `error: ${error.message} ${JSON.stringify(error.location)}`;
  }
}

/** A SID secedit writes: normal form, every sub-authority within 32 bits. */
const normalSid = fc
  .tuple(fc.constantFrom('5', '0', '16', '4294967295'), fc.array(fc.nat().map(String), { maxLength: 15 }))
  .map(([authority, parts]) => ['*S-1', authority, ...parts].join('-'));
/** What makes an entry something else, one at a time: each must send the list entry by entry. */
const defects: ((sid: string) => string)[] = [
  (sid) => sid.replace('*S-1-', '*S-1-0'),
  (sid) => `${sid}-01`,
  (sid) => `${sid}-00`,
  (sid) => `${sid}-4294967296`,
  (sid) => `${sid}-9999999999`,
  (sid) => `${sid}-42949672950`,
  (sid) => `${sid.split('-').slice(0, 3).join('-')}${'-1'.repeat(16)}`,
  (sid) => sid.replace('*S', '*s'),
  (sid) => sid.replace('*S-1-', '*S-01-'),
  (sid) => sid.slice(1),
  (sid) => `${sid}-`,
  () => '*',
  () => 'Guest',
  () => '',
  () => '*S-1-2814749767106550',
];
/** SIDs in normal form, or the same with one entry made something else. */
const list = fc
  .tuple(
    fc.array(normalSid, { minLength: 1, maxLength: 40 }),
    fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: defects.length - 1 })), { freq: 2 }),
  )
  .map(([entries, defect]) => {
    if (defect === null) return { entries, plain: true };
    const [at, kind] = defect;
    const changed = [...entries];
    changed[at % changed.length] = defects[kind]!(changed[at % changed.length]!);
    return { entries: changed, plain: false };
  });

describe('security template: lists of SIDs in normal form', () => {
  it('gives the holders, or the error, that reading entry by entry gives', () => {
    let plain = 0;
    fc.assert(
      fc.property(list, ({ entries, plain: isPlain }) => {
        const expected = outcome(entries.join(', '));
        if (isPlain) plain++;
        assert.equal(outcome(entries.join(',')), expected, entries.join(','));
      }),
      { numRuns: 2000, seed: 311 },
    );
    assert.ok(plain >= 300, `only ${plain} lists of SIDs in normal form`);
  });

  it('reads a list of thousands of SIDs, long lines and all', () => {
    const entries = Array.from({ length: 5000 }, (_, index) => `*S-1-5-82-${index}-4294967295-1-2-3`);
    const holders = JSON.parse(outcome(entries.join(','))) as {
      sid: string;
      written: string;
    }[][];
    assert.deepEqual(
      holders[0]!.map(({ written }) => written),
      entries,
    );
    assert.equal(
      outcome(`${entries.join(',')},*S-1-5-82-1-4294967296`),
      outcome(`${entries.join(', ')}, *S-1-5-82-1-4294967296`),
    );
  });
});
