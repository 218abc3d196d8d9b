import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseXmlTree, type XmlTreeOptions } from '../../src/parse/xml';
import { withHostXmlTokenizer, type HostXmlTokenizer } from '../../src/parse/xml-events';
import { generatedXmlDocument, saxesEncoding } from '../helpers/xml-documents';

// The engine's side of a host XML tokenizer (src/parse/xml-events.ts): a host's answer, in the
// encoding the PowerShell module writes, must build the very tree saxes builds, and whenever the
// host declines, or the document is deeper than the limit, or its XML declaration is not the
// plainest, saxes reads it, so the error is saxes' own. The host here is a stand-in answering
// what saxes delivers (test/ps/xml-events.test.ts holds the real .NET tokenizer to saxes).

/** The tree, or the error message, as plain data. */
function outcome(text: string, options: XmlTreeOptions, tokenizer?: HostXmlTokenizer): unknown {
  try {
    return JSON.parse(JSON.stringify(withHostXmlTokenizer(tokenizer, () => parseXmlTree(text, 'doc.xml', options))));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** A stand-in host that answers saxes' events for every document saxes accepts, and counts its calls. */
function standIn(): { tokenizer: HostXmlTokenizer; calls: number; answered: number } {
  const state = {
    calls: 0,
    answered: 0,
    tokenizer: (text: string, namespaces: boolean, keepText: boolean) => {
      state.calls++;
      const encoded = saxesEncoding(text, namespaces, keepText);
      if (encoded.startsWith('error')) return null;
      state.answered++;
      return encoded;
    },
  };
  return state;
}

const MODES: XmlTreeOptions[] = [{}, { keepText: true }, { namespaces: true, keepText: true }];

describe('xml events: a host tokenizer builds the tree saxes builds, and saxes reads what the host declines', () => {
  it('the same tree or the same error for generated documents, in every mode the engine uses', () => {
    const host = standIn();
    const documents = fc.sample(generatedXmlDocument, { numRuns: 300, seed: 185 });
    documents.forEach((text, index) => {
      const options = MODES[index % MODES.length]!;
      assert.deepEqual(outcome(text, options, host.tokenizer), outcome(text, options), JSON.stringify(text));
    });
    assert.ok(host.answered > 100, `the host answered ${host.answered} of ${host.calls} documents`);
  });

  it('keep drops the same elements whichever tokenizer ran', () => {
    const host = standIn();
    const keep = (local: string, ancestors: readonly string[]) => local !== 'site' || ancestors.length < 2;
    const text = '<a>\r\n<b><site x="1"><c/></site></b><site y="&#10;"/>\n</a>';
    const expected = outcome(text, { keep, keepText: true });
    assert.deepEqual(outcome(text, { keep, keepText: true }, host.tokenizer), expected);
    assert.equal(host.answered, 1);
    assert.deepEqual((expected as { children: { children: unknown[] }[] }).children[0]!.children, []);
  });

  it('a document deeper than the limit is read by saxes, which names the element and its column', () => {
    const host = standIn();
    const text = '<a>\n  <b><c><d/></c></b></a>';
    const error = outcome(text, { maxDepth: 3 }, host.tokenizer);
    assert.equal(host.answered, 1, 'the host answered');
    assert.equal(error, outcome(text, { maxDepth: 3 }));
    assert.match(String(error), /line 2, column \d+.*at most 3 deep.*<d> at depth 4/);
  });

  it('a declined document gives saxes error, line and column', () => {
    const declining: HostXmlTokenizer = () => null;
    const text = '<a>\n<b></a>';
    assert.equal(outcome(text, {}, declining), outcome(text, {}));
    assert.match(String(outcome(text, {}, declining)), /line 2, column \d+/);
  });

  it('XML 1.1 and unusual declarations never reach the host', () => {
    const host = standIn();
    for (const text of [
      '<?xml version="1.1"?><a/>',
      '<?xml  version="1.0"?><a/>',
      '<?xml version="1.0" encoding="9x"?><a/>',
      '<?xml version="1.0"',
    ])
      assert.deepEqual(outcome(text, {}, host.tokenizer), outcome(text, {}));
    assert.equal(host.calls, 0);
    assert.deepEqual(outcome('\ufeff<?xml version="1.0" encoding="utf-8"?>\n<a/>\n', {}, host.tokenizer), {
      name: 'a',
      local: 'a',
      uri: '',
      attributes: {},
      children: [],
      text: '',
      line: 2,
    });
    assert.equal(host.calls, 1);
  });

  it('an answer it cannot read is a defect, not a silent misreading', () => {
    assert.throws(
      () =>
        withHostXmlTokenizer(
          () => '1\u0000X\u0000',
          () => parseXmlTree('<a/>', 'doc.xml'),
        ),
      /unknown record "X"/,
    );
  });
});
