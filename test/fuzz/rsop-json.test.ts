import fc from 'fast-check';
import type { GroupPolicyResult } from '../../src/core/model';
import { parseJsonText } from '../../src/parse/accounts-json';
import { decodeText } from '../../src/parse/decode';
import { parseRsopJson, parseRsopJsonText } from '../../src/parse/rsop-json';
import { checkGroupPolicyResult } from './checks';
import { generatedRsopJson } from './generators';
import {
  jsonSeedValues,
  mutatedGenerated,
  mutatedJsonValues,
  mutatedSeeds,
  repoSeeds,
  runFuzz,
  type FuzzTarget,
} from './harness';

/** As the snapshot loader reads it: decoded, JSON-parsed, then checked entry by entry. */
const snapshotPath: FuzzTarget<GroupPolicyResult> = {
  name: 'rsop.json',
  label: 'rsop.json',
  parse: (bytes, label) => parseRsopJson(parseJsonText(decodeText(bytes, label).text, label), label),
  checkModel: (model) => checkGroupPolicyResult(model, undefined),
};

/** The parser's own text entry point, which reports JSON syntax errors itself. */
const textEntryPoint: FuzzTarget<GroupPolicyResult> = {
  name: 'rsop.json (parseRsopJsonText)',
  label: 'rsop.json',
  parse: (bytes, label) => parseRsopJsonText(decodeText(bytes, label).text, label),
  checkModel: (model) => checkGroupPolicyResult(model, undefined),
};

function rsopCases(): fc.Arbitrary<import('./harness').FuzzCase> {
  const seeds = repoSeeds('test/fixtures/gpresult', /\.rsop\.json$/i);
  const values = [...jsonSeedValues(seeds)];
  return fc.oneof(
    mutatedSeeds(seeds, 'json'),
    mutatedJsonValues(
      fc.oneof(
        fc.constantFrom(...values),
        generatedRsopJson.map((value) => ({ origin: 'generated', value })),
      ),
    ),
    mutatedGenerated(
      generatedRsopJson.map((value) => JSON.stringify(value, null, 2)),
      'json',
    ),
  );
}

describe('fuzz: rsop.json', () => {
  it('mutated fixture and generated RSoP exports give a result or a located InputError (snapshot loader path)', () => {
    runFuzz(snapshotPath, rsopCases());
  });
  it('the same through parseRsopJsonText', () => {
    runFuzz(textEntryPoint, rsopCases());
  });
});
