import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IisConfiguration } from '../../src/core/model';
import { parseJsonText } from '../../src/parse/accounts-json';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeText } from '../../src/parse/decode';
import { parseWebConfigs } from '../../src/parse/webconfig';
import { checkIisConfiguration } from './checks';
import {
  jsonSeedValues,
  mutatedJsonValues,
  mutatedSeeds,
  repoSeeds,
  runFuzz,
  type FuzzCase,
  type FuzzTarget,
} from './harness';

const FIXTURE = join(__dirname, '..', 'fixtures', 'logon', 'webconfig-anonymous-identity');
const APPLICATION_HOST = readFileSync(join(FIXTURE, 'applicationHost.config'), 'utf8');

/** As the snapshot loader reads it: webconfigs.json decoded and validated, each web.config parsed, then applied to a fixed applicationHost.config. */
const target: FuzzTarget<IisConfiguration> = {
  name: 'webconfigs.json',
  label: 'webconfigs.json',
  parse: (bytes, label) =>
    parseApplicationHostConfig(
      APPLICATION_HOST,
      'applicationHost.config',
      parseWebConfigs(parseJsonText(decodeText(bytes, label).text, label), label),
    ),
  checkModel: (model) => checkIisConfiguration(model, APPLICATION_HOST),
};

/** A mutated web.config (any bytes, read as text) as the text of the fixture's Blog entry. */
function inDocument(webConfig: FuzzCase): FuzzCase {
  const text = new TextDecoder('utf-8').decode(webConfig.bytes);
  const document = {
    webConfigs: [{ site: 'Blog', path: '/', physicalPath: 'D:\\sites\\blog\\web.config', state: 'read', text }],
  };
  return {
    origin: `${webConfig.origin} inside webconfigs.json`,
    seed: undefined,
    mutations: webConfig.mutations,
    bytes: new TextEncoder().encode(JSON.stringify(document)),
    preserving: false,
  };
}

describe('fuzz: webconfigs.json', () => {
  it('mutated documents and mutated web.config texts give a configuration or a located InputError', () => {
    const seeds = repoSeeds('test/fixtures/logon', /^webconfigs\.json$/i);
    const webConfigSeeds = jsonSeedValues(seeds).flatMap(({ origin, value }) =>
      (value as { webConfigs: { text?: string }[] }).webConfigs
        .filter((entry) => entry.text !== undefined)
        .map((entry, index) => ({ origin: `${origin} #${index}`, bytes: new TextEncoder().encode(entry.text) })),
    );
    runFuzz(
      target,
      fc.oneof(
        mutatedSeeds(seeds, 'json'),
        mutatedJsonValues(fc.constantFrom(...jsonSeedValues(seeds))),
        mutatedSeeds(webConfigSeeds, 'xml').map(inDocument),
      ),
    );
  });
});
