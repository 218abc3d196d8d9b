import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { MAX_XML_DEPTH } from '../../src/core/limits';
import { hostMayTokenize } from '../../src/parse/xml-events';
import { REPO_ROOT } from '../helpers/cli';
import { damagedXmlDocument, generatedXmlDocument, mergeText, saxesEncoding } from '../helpers/xml-documents';
import { generatedApplicationHost, generatedGroupPolicyXml } from '../fuzz/generators';
import { applyMutations, mutationListArbitrary } from '../fuzz/mutations';
import { psQuote, runPowerShell, skipUnlessPsTool } from './ps-tools';

// The in-process host tokenizes XML with .NET's XmlReader (IisLogonRightsEngineFiles.xmlEvents
// in the module) in place of saxes, which Jint runs one character per call. The engine takes the
// host's events only when it answers them, and reads the document with saxes when it answers
// $null; so whenever .NET answers, saxes must accept the document and deliver the very same
// events: names, namespace URIs, attributes in order with their values, the line each start tag
// ends on, and the text. Checked here on generated documents (well-formed and damaged) and on
// the fuzz suite's applicationHost.config and gpresult.xml documents, mutated, in every mode the
// engine uses. `npm run fuzz` runs IIS_LOGON_RIGHTS_XML_EVENT_CASES=5000 of each kind.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const CASES = Number(process.env.IIS_LOGON_RIGHTS_XML_EVENT_CASES ?? '300');

interface XmlCase {
  text: string;
  namespaces: boolean;
  keepText: boolean;
  /** An unmutated document of the shape the engine reads, which .NET must always answer. */
  realistic?: boolean;
}

/** Where two answers part, with a little of each around it: whole documents would swamp the report. */
function firstDifference(entry: { text: string; mode: string; net: string; saxes: string }) {
  let at = 0;
  while (at < entry.net.length && entry.net[at] === entry.saxes[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 120), at + 80));
  return {
    mode: entry.mode,
    at,
    net: around(entry.net),
    saxes: around(entry.saxes),
    text: JSON.stringify(entry.text.slice(0, 400)),
  };
}

/** The text's UTF-16 code units as they are, unpaired surrogates included (UTF-8 would replace them). */
const unitsBase64 = (text: string) => Buffer.from(text, 'utf16le').toString('base64');
const fromBase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

function cases(): XmlCase[] {
  const modes = [
    { namespaces: false, keepText: false },
    { namespaces: false, keepText: true },
    { namespaces: true, keepText: true },
  ];
  const documents = [
    ...fc.sample(generatedXmlDocument, { numRuns: CASES, seed: 181 }),
    ...fc.sample(damagedXmlDocument, { numRuns: CASES, seed: 182 }),
  ];
  const mutated = (generated: fc.Arbitrary<string>, seed: number) =>
    fc
      .sample(fc.tuple(generated, fc.boolean(), mutationListArbitrary), { numRuns: Math.ceil(CASES / 3), seed })
      .map(([text, intact, mutations]) => ({
        text: intact
          ? text
          : Buffer.from(applyMutations(Buffer.from(text, 'utf8'), mutations, 'xml').bytes).toString('utf8'),
        realistic: intact,
      }));
  return [
    ...documents.map((text, index) => ({ text, ...modes[index % modes.length]! })),
    ...mutated(generatedApplicationHost, 183).map((entry) => ({ ...entry, namespaces: false, keepText: false })),
    ...mutated(generatedGroupPolicyXml, 184).map((entry) => ({ ...entry, namespaces: true, keepText: true })),
  ];
}

describe('in-process host: .NET XmlReader delivers the events saxes delivers, or declines', function () {
  this.timeout(20 * 60_000);

  before(function () {
    skipUnlessPsTool(this, 'in-process XML tokenizer');
  });

  it('every document .NET answers, saxes accepts with the same events; most well-formed ones are answered', () => {
    const all = cases();
    const folder = mkdtempSync(join(tmpdir(), 'iislr-xml-'));
    try {
      const file = join(folder, 'cases.txt');
      writeFileSync(
        file,
        all
          .map((entry) => `${entry.namespaces ? 1 : 0}${entry.keepText ? 1 : 0}\t${unitsBase64(entry.text)}`)
          .join('\n'),
      );
      const result = runPowerShell(
        `
        Import-Module ${psQuote(MODULE_MANIFEST)} -Force
        & (Get-Module -Name 'IisLogonRightsDsc') {
          $files = [IisLogonRightsEngineFiles]::new($null)
          foreach ($line in [System.IO.File]::ReadAllLines(${psQuote(file)})) {
            $parts = $line.Split([char] 9)
            $units = [System.Convert]::FromBase64String($parts[1])
            $characters = [System.Char[]]::new($units.Length / 2)
            [System.Buffer]::BlockCopy($units, 0, $characters, 0, $units.Length)
            $text = [System.String]::new($characters)
            $events = $files.xmlEvents($text, $parts[0][0] -eq '1', $parts[0][1] -eq '1')
            if ($null -eq $events) { 'null' } else { [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes([System.String] $events)) }
          }
        }
        `,
        { timeoutMs: 20 * 60_000 },
      );
      assert.equal(result.terminatingError, null, result.terminatingError?.message ?? '');
      const answers = result.output.map((item) => String(item.value ?? ''));
      assert.equal(answers.length, all.length, 'one answer per case');

      let wellFormed = 0;
      let answered = 0;
      const declinedRealistic: string[] = [];
      const wrong: { text: string; mode: string; net: string; saxes: string }[] = [];
      all.forEach((entry, index) => {
        const saxes = saxesEncoding(entry.text, entry.namespaces, entry.keepText);
        if (!saxes.startsWith('error')) wellFormed++;
        if (entry.realistic === true && answers[index] === 'null' && !saxes.startsWith('error'))
          declinedRealistic.push(entry.text);
        // The engine asks the host only about documents with the plainest XML declaration, and
        // hands a document deeper than its limit to saxes whatever the host answers.
        if (
          !hostMayTokenize(entry.text) ||
          answers[index] === 'null' ||
          Number(fromBase64(answers[index]!).split('\u0000', 1)[0]) > MAX_XML_DEPTH
        )
          return;
        answered++;
        const net = mergeText(fromBase64(answers[index]!), entry.namespaces);
        if (net !== saxes) wrong.push({ text: entry.text, mode: `${entry.namespaces}/${entry.keepText}`, net, saxes });
      });
      assert.deepEqual(
        wrong.slice(0, 3).map(firstDifference),
        [],
        `${wrong.length} of ${answered} answered documents differ`,
      );
      // The fast path must be the usual one, or this test would prove little (the generated
      // documents use undeclared prefixes and non-ASCII names, which .NET declines, on purpose).
      assert.deepEqual(
        declinedRealistic.slice(0, 2),
        [],
        'every well-formed document of the shapes the engine reads is answered',
      );
      assert.ok(answered >= wellFormed * 0.5, `.NET answered ${answered} of ${wellFormed} well-formed documents`);
      assert.ok(
        wellFormed < all.length * 0.9,
        `only ${all.length - wellFormed} of ${all.length} documents are malformed`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
