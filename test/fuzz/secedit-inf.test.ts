import fc from 'fast-check';
import type { SecurityTemplate } from '../../src/core/model';
import { decodeText } from '../../src/parse/decode';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { generatedInf } from './generators';
import { checkSecurityTemplate } from './checks';
import { corpusSeeds, mutatedGenerated, mutatedSeeds, repoSeeds, runFuzz, type FuzzTarget } from './harness';

const target: FuzzTarget<SecurityTemplate> = {
  name: 'secedit.inf / GptTmpl.inf',
  label: 'secedit.inf',
  parse: (bytes, label) => parseSecurityTemplate(bytes, label),
  checkModel: (model, bytes) => checkSecurityTemplate(model, decodeText(bytes, 'secedit.inf').text),
};

describe('fuzz: secedit.inf and GptTmpl.inf', () => {
  it('mutated corpus, fixture and generated templates give a template or a located InputError', () => {
    const seeds = [...corpusSeeds('secedit-inf', /\.inf$/i), ...repoSeeds('examples/snapshots', /^secedit\.inf$/i)];
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'inf'), mutatedGenerated(generatedInf, 'inf')));
  });
});
