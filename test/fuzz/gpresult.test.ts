import fc from 'fast-check';
import type { GroupPolicyResult } from '../../src/core/model';
import { decodeText } from '../../src/parse/decode';
import { parseGroupPolicyXml } from '../../src/parse/gpresult';
import { checkGroupPolicyResult } from './checks';
import { generatedGroupPolicyXml } from './generators';
import { corpusSeeds, mutatedGenerated, mutatedSeeds, repoSeeds, runFuzz, type FuzzTarget } from './harness';

/** gpresult /x reports and Get-GPOReport XML go through the same entry point. */
const target: FuzzTarget<GroupPolicyResult> = {
  name: 'gpresult.xml / GPO report XML',
  label: 'gpresult.xml',
  parse: (bytes, label) => parseGroupPolicyXml(bytes, label),
  checkModel: (model, bytes) => checkGroupPolicyResult(model, decodeText(bytes, 'gpresult.xml').text),
};

describe('fuzz: gpresult and GPO report XML', () => {
  it('mutated corpus, fixture and generated reports give a result or a located InputError', () => {
    const seeds = [
      ...corpusSeeds('gpresult', /\.xml$/i),
      ...repoSeeds('test/fixtures/gpresult', /\.xml$/i),
      ...repoSeeds('examples/snapshots', /^gpresult\.xml$/i),
    ];
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'xml'), mutatedGenerated(generatedGroupPolicyXml, 'xml')));
  });
});
