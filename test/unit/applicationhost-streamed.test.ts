import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { readApplicationHostStreamed } from '../../src/parse/applicationhost/streamed';
import { generatedApplicationHost } from '../fuzz/generators';
import { APPLICATION_HOST_FILE as FILE, fromTree, outcome } from '../helpers/applicationhost-readings';
import { applyMutations, mutationListArbitrary } from '../fuzz/mutations';

// applicationHost.config is read straight from the XML events (applicationhost/streamed.ts)
// wherever the file's layout lets each part be read as its element closes, and from the whole
// element tree otherwise. Both must give the very same model, diagnostics and errors: checked
// on every applicationHost.config in the repository, on the fuzz suite's generated documents
// intact and mutated, and on layouts built to reach every case where the streamed reading must
// decline (parts out of IIS's order, defaults after the sites that would have used them).

const CASES = Number(process.env.IIS_LOGON_RIGHTS_XML_EVENT_CASES ?? '300');
/** Asserts both readings agree; answers whether the streamed one read the file itself, and whether it is valid. */
function assertSameReading(text: string): { streamed: boolean; valid: boolean } {
  const expected = outcome(() => fromTree(text));
  assert.deepEqual(
    outcome(() => parseApplicationHostConfig(text, FILE)),
    expected,
  );
  let streamed: boolean;
  try {
    streamed = readApplicationHostStreamed(text, { file: FILE, diagnostics: [] }) !== undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    streamed = false;
  }
  return { streamed, valid: 'model' in expected };
}

function filesNamed(folder: string, name: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return filesNamed(path, name);
    return entry === name ? [path] : [];
  });
}

const pooled =
  '<application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="d:\\a" /></application>';
const poolless = '<application path="/"><virtualDirectory path="/" physicalPath="d:\\b" /></application>';
const SITE_PARTS = [
  `<site name="A" id="1">${pooled}</site>`,
  `<site name="B" id="2">${poolless}</site>`,
  '<site name="C" id="3"><application path="/app" applicationPool="P" /></site>',
  `<site name="D" id="4">${pooled}<virtualDirectoryDefaults userName="site\\u" /></site>`,
  `<site name="E" id="5"><applicationDefaults applicationPool="Q" />${poolless}</site>`,
  '<site name="F" id="6"><application path="/" applicationPool="P"><virtualDirectory path="/x" physicalPath="d:\\x" userName="own\\u" /></application></site>',
  `<site name="a" id="7">${pooled}</site>`,
  '<applicationDefaults applicationPool="P" />',
  '<applicationDefaults />',
  '<virtualDirectoryDefaults userName="server\\u" logonMethod="Network" />',
  '<virtualDirectoryDefaults password="p" />',
  '<virtualDirectoryDefaults allowSubDirConfig="true" />',
];
const ROOT_PARTS = [
  '<configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="Allow" /></sectionGroup></sectionGroup></sectionGroup></configSections>',
  '<system.webServer><security><authentication><anonymousAuthentication userName="srv" /></authentication></security></system.webServer>',
  '<location path="A"><system.webServer><security><authentication><anonymousAuthentication enabled="false" /></authentication></security></system.webServer></location>',
  '<location path="" overrideMode="Deny"><system.webServer><security><authentication><anonymousAuthentication /></authentication></security></system.webServer></location>',
  '<location path="Nowhere/x"><system.webServer><security><authentication><anonymousAuthentication userName="x" /></authentication></security></system.webServer></location>',
  '<system.web />',
];

/** Documents with IIS's parts in any order, repeated or missing. */
const shuffledLayout: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...SITE_PARTS), { maxLength: 7 }),
    fc.array(fc.constantFrom(...ROOT_PARTS), { maxLength: 5 }),
    fc.nat({ max: 6 }),
    fc.constantFrom(0, 1, 2, 3),
    fc.boolean(),
  )
  .map(([siteParts, rootParts, hostAt, pools, sitesFirst]) => {
    const poolsPart = [
      '',
      '<applicationPools><add name="P" /></applicationPools>',
      '<applicationPools><add name="P" /><applicationPoolDefaults><processModel identityType="NetworkService" /></applicationPoolDefaults></applicationPools><applicationPools><add name="P" /></applicationPools>',
      '<applicationPools><add name="P" /><add name="p" /></applicationPools>',
    ][pools]!;
    const sitesPart = `<sites>${siteParts.join('\n')}</sites>`;
    const host = `<system.applicationHost>${sitesFirst ? sitesPart + poolsPart : poolsPart + sitesPart}</system.applicationHost>`;
    const parts = [...rootParts];
    parts.splice(Math.min(hostAt, parts.length), 0, host);
    return `<configuration>\n${parts.join('\n')}\n</configuration>\n`;
  });

function mutated(documents: fc.Arbitrary<string>, count: number, seed: number): string[] {
  return fc
    .sample(fc.tuple(documents, fc.boolean(), mutationListArbitrary), { numRuns: count, seed })
    .map(([text, intact, mutations]) =>
      intact ? text : Buffer.from(applyMutations(Buffer.from(text, 'utf8'), mutations, 'xml').bytes).toString('utf8'),
    );
}

describe('applicationHost.config read from XML events', () => {
  it('reads every applicationHost.config in the repository as the element tree does, itself', () => {
    const files = [...filesNamed('examples', FILE), ...filesNamed(join('test', 'fixtures'), FILE)];
    assert.ok(files.length >= 10, `only ${files.length} files found`);
    for (const file of files)
      assert.ok(assertSameReading(readFileSync(file, 'utf8')).streamed, `${file} was not streamed`);
  });

  it('agrees with the element tree on generated documents, intact and mutated, and streams every valid one', () => {
    let valid = 0;
    for (const text of mutated(generatedApplicationHost, CASES, 1517)) {
      // These are laid out as IIS writes: only an error (which the element tree reports) declines.
      const reading = assertSameReading(text);
      assert.equal(reading.streamed, reading.valid, text);
      if (reading.valid) valid++;
    }
    assert.ok(valid > 0, 'no valid document generated');
  });

  it('agrees with the element tree on shuffled layouts, and declines where the order matters', () => {
    let streamed = 0;
    let declinedValid = 0;
    for (const text of mutated(shuffledLayout, CASES, 1518)) {
      const reading = assertSameReading(text);
      if (reading.streamed) streamed++;
      else if (reading.valid) declinedValid++;
    }
    assert.ok(streamed > 0 && declinedValid > 0, `${streamed} streamed, ${declinedValid} valid ones declined`);
  });

  it('reads the pool defaults after the sites, and declines connect-as defaults a site before them would read', () => {
    const document = (sites: string) =>
      `<configuration><system.applicationHost><applicationPools><add name="P" /></applicationPools><sites>${sites}</sites></system.applicationHost></configuration>`;
    const cases: [string, boolean][] = [
      [`<site name="B" id="2">${poolless}</site><applicationDefaults applicationPool="P" />`, true],
      [
        `<site name="B" id="2">${poolless}</site><site name="b" id="3">${poolless}</site><applicationDefaults applicationPool="" />`,
        true,
      ],
      [`<site name="A" id="1">${pooled}</site><applicationDefaults applicationPool="P" />`, true],
      [`<site name="A" id="1">${pooled}</site><virtualDirectoryDefaults userName="s\\u" />`, false],
      [`<site name="A" id="1">${pooled}</site><virtualDirectoryDefaults allowSubDirConfig="true" />`, true],
      [`<applicationDefaults applicationPool="P" /><site name="B" id="2">${poolless}</site>`, true],
    ];
    for (const [sites, streams] of cases) assert.equal(assertSameReading(document(sites)).streamed, streams, sites);
  });
});
