import fc from 'fast-check';
import type { IisConfiguration } from '../../src/core/model';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeText } from '../../src/parse/decode';
import { checkIisConfiguration } from './checks';
import { generatedApplicationHost } from './generators';
import { corpusSeeds, mutatedGenerated, mutatedSeeds, repoSeeds, runFuzz, type FuzzTarget } from './harness';

/** As the snapshot loader reads it: bytes decoded (BOM, fatal), then parsed. */
const target: FuzzTarget<IisConfiguration> = {
  name: 'applicationHost.config',
  label: 'applicationHost.config',
  parse: (bytes, label) => parseApplicationHostConfig(decodeText(bytes, label).text, label),
  checkModel: (model, bytes) => checkIisConfiguration(model, decodeText(bytes, 'applicationHost.config').text),
};

describe('fuzz: applicationHost.config', () => {
  it('mutated corpus, fixture and generated configurations give a configuration or a located InputError', () => {
    const seeds = [
      ...corpusSeeds('applicationhost', /\.config$/i),
      ...repoSeeds('test/fixtures/applicationhost', /\.config$/i),
      ...repoSeeds('test/fixtures/diagnostics', /\.applicationHost\.config$/i),
      ...repoSeeds('examples/snapshots', /^applicationHost\.config$/i),
    ];
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'xml'), mutatedGenerated(generatedApplicationHost, 'xml')));
  });
});
