import fc from 'fast-check';
import type { IisConfiguration } from '../../src/core/model';
import { decodeText } from '../../src/parse/decode';
import { parseMetabase } from '../../src/parse/metabase';
import { checkIisConfiguration } from './checks';
import { generatedMetabase } from './generators';
import { mutatedGenerated, mutatedSeeds, repoSeeds, runFuzz, type FuzzTarget } from './harness';

/** The corpus has no MetaBase.xml; the fixtures, the IIS 6 example and generated files are the seeds. */
const target: FuzzTarget<IisConfiguration> = {
  name: 'MetaBase.xml',
  label: 'MetaBase.xml',
  parse: (bytes, label) => parseMetabase(decodeText(bytes, label).text, label),
  checkModel: (model, bytes) => checkIisConfiguration(model, decodeText(bytes, 'MetaBase.xml').text),
};

describe('fuzz: MetaBase.xml', () => {
  it('mutated fixture and generated metabases give a configuration or a located InputError', () => {
    const seeds = [
      ...repoSeeds('test/fixtures/metabase', /\.xml$/i),
      ...repoSeeds('test/fixtures/diagnostics', /\.MetaBase\.xml$/i),
      ...repoSeeds('examples/snapshots', /^MetaBase\.xml$/i),
    ];
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'xml'), mutatedGenerated(generatedMetabase, 'xml')));
  });
});
