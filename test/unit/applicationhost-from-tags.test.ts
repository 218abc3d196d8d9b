import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { readApplicationHostStreamed } from '../../src/parse/applicationhost/streamed';
import { APPLICATION_HOST_FILE as FILE, fromTree, outcome } from '../helpers/applicationhost-readings';

// The streamed reading reads a `<site>` straight from its tags (applicationhost/sites-from-tags.ts)
// and turns to the site's elements only for a site that is not as IIS writes it: a default
// inside the site or its application, a pool or a connect-as default still to come, an error.
// Either way the model, every diagnostic and every error must be the element tree's, and neither
// way may make the whole file fall back to the element tree. A `<location>` is read from its tags
// too (locations-from-tags.ts), and so are the pools (pools-from-tags.ts): every one, with its
// locks and diagnostics; an error declines, and the element tree reports it.

/** Asserts the streamed reading agrees with the element tree's; answers whether it read the file itself. */
function assertSameReading(text: string): boolean {
  const expected = outcome(() => fromTree(text));
  assert.deepEqual(
    outcome(() => parseApplicationHostConfig(text, FILE)),
    expected,
    text,
  );
  try {
    return readApplicationHostStreamed(text, { file: FILE, diagnostics: [] }) !== undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return false;
  }
}

const document = (sites: string, rest = '', pools = '<add name="P" /><add name="Q" />') =>
  `<configuration>\n<system.applicationHost>\n<applicationPools>${pools}</applicationPools>\n<sites>\n${sites}\n</sites>\n</system.applicationHost>\n${rest}</configuration>\n`;

const SITES = [
  // As IIS writes them: read from the tags.
  '<site name="A" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="d:\\a" /><virtualDirectory path="/v" physicalPath="d:\\v" /></application><application path="/app/" applicationPool="Q"><virtualDirectory path="/" physicalPath="d:\\app" userName="own\\u" logonMethod="Network" /><virtualDirectory path="/x/y" physicalPath="d:\\y" password="p" /></application><bindings><binding protocol="http" /></bindings></site>',
  '<site name="B" id="2"><application path="/" applicationPool="P" /><application path="/" applicationPool="Q"><virtualDirectory path="/d" physicalPath="d:\\d" userName="dup\\u" /></application><application path="/e" applicationPool=""><virtualDirectory path="/" physicalPath="d:\\e" userName=" " /></application></site>',
  '<site name="C" id="3"><application path="/only" applicationPool="P"><virtualDirectory path="/" physicalPath="d:\\c" /></application></site>',
  '<site name="a" id="4"><application path="/" applicationPool="Q" /></site>',
  // Not as IIS writes them: read from the elements.
  '<site name="D" id="5"><application path="/" applicationPool="P"><virtualDirectory path="/v" physicalPath="d:\\v" /><virtualDirectoryDefaults userName="app\\u" logonMethod="Batch" /></application></site>',
  '<site name="E" id="6"><application path="/"><virtualDirectory path="/" physicalPath="d:\\e" /></application><applicationDefaults applicationPool="Q" /><virtualDirectoryDefaults userName="site\\u" /></site>',
  '<site name="F" id="7"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="d:\\f" /></application><application path="/g"><virtualDirectory path="/" physicalPath="d:\\g" /></application></site>',
  '<site name="G" id="8"><application path="/" applicationPool="P"><virtualDirectory path="/w" physicalPath="d:\\w" userName="g\\u" logonMethod="Wrong" /></application></site>',
  '<site id="9"><application path="/" applicationPool="P" /></site>',
];
const SERVER_DEFAULTS = [
  '<applicationDefaults applicationPool="Q" />',
  '<applicationDefaults applicationPool="" />',
  '<virtualDirectoryDefaults logonMethod="Interactive" password="s" />',
];

describe('applicationHost.config sites read from their tags', () => {
  it('reads each kind of site as the element tree does, without falling back to it', () => {
    for (const site of SITES.slice(0, 7)) {
      const text = document(`${site}\n${SERVER_DEFAULTS[0]}`);
      assert.ok(assertSameReading(text), `declined: ${site}`);
    }
  });

  it('reads a missing site name and a wrong logon method as errors, as the element tree does', () => {
    for (const site of SITES.slice(7)) {
      const text = document(`${SERVER_DEFAULTS[0]}\n${site}`);
      const expected = outcome(() => parseApplicationHostConfig(text, FILE));
      assert.ok('error' in expected, `no error for ${site}`);
      assert.equal(assertSameReading(text), false);
    }
  });

  it('agrees with the element tree on any mix of sites and server defaults', () => {
    const mixes = fc.tuple(
      fc.array(fc.constantFrom(...SITES.slice(0, 7)), { maxLength: 8 }),
      fc.array(fc.tuple(fc.constantFrom(...SERVER_DEFAULTS), fc.nat({ max: 8 })), { maxLength: 3 }),
    );
    let streamed = 0;
    for (const [sites, defaults] of fc.sample(mixes, { numRuns: 300, seed: 1521 })) {
      const parts = [...sites];
      for (const [part, at] of defaults) parts.splice(Math.min(at, parts.length), 0, part);
      if (assertSameReading(document(parts.join('\n')))) streamed++;
    }
    assert.ok(streamed > 150, `only ${streamed} of 300 streamed`);
  });
});

const anonymous = (written: string) =>
  `<system.webServer><security><authentication><anonymousAuthentication ${written} /></authentication></security></system.webServer>`;
const LOCATIONS = [
  `<location path="A">${anonymous('enabled="false" userName=""')}</location>`,
  `<location path="A/app" overrideMode="Allow" inheritInChildApplications="false">${anonymous('userName="x\\u" password="p" logonMethod="Batch" lockAttributes="userName"')}\n${anonymous('enabled="true" userName="y"')}</location>`,
  `<location path="a/APP/" overrideMode="Deny">${anonymous('')}</location>`,
  `<location path="" overrideMode="Deny" allowOverride="true">${anonymous('userName="srv"')}</location>`,
  `<location path="." inheritInChildApplications="false">${anonymous('enabled="false"')}</location>`,
  `<location path="Nowhere/x" allowOverride="true">${anonymous('userName="x" password=""')}</location>`,
  '<location path="C"><system.webServer><defaultDocument enabled="true" /></system.webServer></location>',
  `<location path="C/v" allowOverride="false">${anonymous('lockItem="true"')}</location>`,
  anonymous('userName="server" lockAllAttributesExcept="enabled"'),
];
const WRONG_LOCATIONS = [
  `<location path="A" inheritInChildApplications="maybe">${anonymous('')}</location>`,
  `<location path="A">${anonymous('enabled="yes"')}</location>`,
  `<location path="A" overrideMode="Sometimes">${anonymous('')}</location>`,
  `<location path="A">${anonymous('logonMethod="Wrong"')}</location>`,
];

describe('applicationHost.config locations read from their tags', () => {
  const sites = SITES.slice(0, 3).join('\n');

  it('agrees with the element tree on any mix of locations and server-level settings', () => {
    for (const locations of fc.sample(fc.array(fc.constantFrom(...LOCATIONS), { maxLength: 6 }), {
      numRuns: 200,
      seed: 1522,
    }))
      assert.ok(assertSameReading(document(sites, `${locations.join('\n')}\n`)), 'declined');
  });

  it("gives the element tree's error for a wrong attribute of a location or its settings", () => {
    for (const location of WRONG_LOCATIONS) {
      const text = document(sites, `${LOCATIONS[0]}\n${location}\n`);
      assert.ok('error' in outcome(() => parseApplicationHostConfig(text, FILE)), `no error for ${location}`);
      assert.equal(assertSameReading(text), false);
    }
  });
});

const POOLS = [
  '<add name="P"><processModel identityType="SpecificUser" userName="d\\p" logonType="LogonService" /><recycling /></add>',
  '<add name="Q" autoStart="true"><processModel identityType="3" /><processModel identityType="Wrong" /></add>',
  '<add name="p"><processModel identityType="LocalSystem" /></add>',
  '<add name="R"><recycling><periodicRestart /></recycling></add>',
  '<add name="S"><processModel userName="s\\u" /></add>',
  '<applicationPoolDefaults><processModel identityType="NetworkService" logonType="1" /></applicationPoolDefaults>',
  '<applicationPoolDefaults><processModel identityType="LocalService" /></applicationPoolDefaults>',
  '<applicationPoolDefaults managedRuntimeVersion="v4.0"><processModel userName="default\\u" identityType="SpecificUser" /></applicationPoolDefaults>',
];
const WRONG_POOLS = [
  '<add><processModel identityType="Wrong" /></add>',
  '<add name="W"><processModel logonType="Sometimes" /></add>',
  '<applicationPoolDefaults><processModel identityType="9" /></applicationPoolDefaults>',
];

describe('applicationHost.config pools read from their tags', () => {
  const sites = SITES.slice(0, 3).join('\n');

  it('agrees with the element tree on any mix of pools and pool defaults', () => {
    for (const pools of fc.sample(fc.array(fc.constantFrom(...POOLS), { maxLength: 7 }), { numRuns: 200, seed: 1523 }))
      assert.ok(assertSameReading(document(sites, '', pools.join('\n'))), 'declined');
  });

  it("gives the element tree's error for a pool without a name or with a wrong value", () => {
    for (const pool of WRONG_POOLS) {
      const text = document(sites, '', `${POOLS[0]}\n${pool}`);
      assert.ok('error' in outcome(() => parseApplicationHostConfig(text, FILE)), `no error for ${pool}`);
      assert.equal(assertSameReading(text), false);
    }
  });
});
