import fc from 'fast-check';
import type { AccountDirectory, HostInfo } from '../../src/core/model';
import { parseAccountsJson, parseHostJson, parseJsonText } from '../../src/parse/accounts-json';
import { decodeText } from '../../src/parse/decode';
import assert from 'node:assert/strict';
import { checkAccountDirectory } from './checks';
import { generatedAccountsJson, generatedHostJson } from './generators';
import {
  jsonSeedValues,
  mutatedGenerated,
  mutatedJsonValues,
  mutatedSeeds,
  repoSeeds,
  runFuzz,
  type FuzzTarget,
} from './harness';

const accountsTarget: FuzzTarget<AccountDirectory> = {
  name: 'accounts.json',
  label: 'accounts.json',
  parse: (bytes, label) => parseAccountsJson(parseJsonText(decodeText(bytes, label).text, label), label),
  checkModel: (model) => checkAccountDirectory(model),
};

const HOST_PROPERTIES = new Set(['computerName', 'domain', 'domainJoined', 'osVersion', 'iisVersion', 'collectedAt']);

const hostTarget: FuzzTarget<HostInfo> = {
  name: 'host.json',
  label: 'host.json',
  parse: (bytes, label) => parseHostJson(parseJsonText(decodeText(bytes, label).text, label), label),
  checkModel: (model) => {
    for (const key of Object.keys(model))
      assert.ok(HOST_PROPERTIES.has(key), `host.json property ${key} is documented`);
  },
};

describe('fuzz: accounts.json and host.json', () => {
  it('mutated example and generated accounts.json give a directory or a located InputError', () => {
    const seeds = repoSeeds('examples/snapshots', /^accounts\.json$/i);
    runFuzz(
      accountsTarget,
      fc.oneof(
        mutatedSeeds(seeds, 'json'),
        mutatedJsonValues(
          fc.oneof(
            fc.constantFrom(...jsonSeedValues(seeds)),
            generatedAccountsJson.map((value) => ({ origin: 'generated', value })),
          ),
        ),
        mutatedGenerated(
          generatedAccountsJson.map((value) => JSON.stringify(value, null, 2)),
          'json',
        ),
      ),
    );
  });
  it('mutated example and generated host.json give host facts or a located InputError', () => {
    const seeds = repoSeeds('examples/snapshots', /^host\.json$/i);
    runFuzz(
      hostTarget,
      fc.oneof(
        mutatedSeeds(seeds, 'json'),
        mutatedJsonValues(
          fc.oneof(
            fc.constantFrom(...jsonSeedValues(seeds)),
            generatedHostJson.map((value) => ({ origin: 'generated', value })),
          ),
        ),
        mutatedGenerated(
          generatedHostJson.map((value) => JSON.stringify(value, null, 2)),
          'json',
        ),
      ),
    );
  });
});
