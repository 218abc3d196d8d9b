import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_ELEMENT_LIMITS, MAX_JSON_DEPTH, type JsonDocumentKind } from '../../src/core/limits';
import { readPlanDocument } from '../../src/io/plan-document';
import { loadFactsDocument } from '../../src/io/snapshot';
import { parseJsonText } from '../../src/parse/accounts-json';
import { checkJsonBounds } from '../../src/parse/json-bounds';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import { REPO_ROOT } from '../helpers/cli';
import { inputErrorFrom } from '../helpers/errors';

/**
 * JSON nesting and element counts are checked before JSON.parse builds anything (issue 15 item
 * 2), for every JSON document kind, at the limit and one past it. The slow cases (documents of
 * hundreds of MB through the bundle, under a capped heap) are in test/fuzz/json-bounds.test.ts.
 */

const KINDS = Object.keys(JSON_ELEMENT_LIMITS) as JsonDocumentKind[];

/** What parses each kind from text, as the engine does. */
const PARSERS: Record<JsonDocumentKind, (text: string) => unknown> = {
  'rsop.json': (text) => parseRsopJsonText(text, 'rsop.json'),
  'accounts.json': (text) => parseJsonText(text, 'accounts.json', 'accounts.json'),
  'host.json': (text) => parseJsonText(text, 'host.json', 'host.json'),
  'plan.json': (text) => readPlanDocument(Buffer.from(text), 'plan.json'),
  'webconfigs.json': (text) => parseJsonText(text, 'webconfigs.json', 'webconfigs.json'),
  'facts.json': (text) => loadFactsDocument(Buffer.from(text), 'stdin'),
};

/** [[...[0]...]] nested `depth` deep, spread over lines so the line of the refusal shows. */
function nested(depth: number): string {
  return `${'[\n'.repeat(depth)}0${']'.repeat(depth)}`;
}

/** An array of `elements` counted elements: the array itself counts one, each comma one. */
function flatArray(elements: number): string {
  return `[${'0,'.repeat(elements - 1)}0]`;
}

describe('JSON bounds, checked before parsing', () => {
  for (const kind of KINDS) {
    it(`${kind}: nesting ${MAX_JSON_DEPTH} deep passes the check, ${MAX_JSON_DEPTH + 1} is refused naming the line`, () => {
      checkJsonBounds(nested(MAX_JSON_DEPTH), kind, kind);
      const error = inputErrorFrom(() => PARSERS[kind](nested(MAX_JSON_DEPTH + 1)));
      assert.equal(error.expected, `JSON nested at most ${MAX_JSON_DEPTH} deep`);
      assert.deepEqual(error.location, { line: MAX_JSON_DEPTH + 1 });
    });

    it(`${kind}: ${JSON_ELEMENT_LIMITS[kind].toLocaleString('en-US')} elements pass the check, one more is refused`, () => {
      const limit = JSON_ELEMENT_LIMITS[kind];
      checkJsonBounds(flatArray(limit), kind, kind);
      const error = inputErrorFrom(() => PARSERS[kind](flatArray(limit + 1)));
      assert.equal(
        error.expected,
        `a JSON document of at most ${limit.toLocaleString('en-US')} elements (array items and object members)`,
      );
      assert.match(error.found, /before parsing/);
    });
  }

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    const text = JSON.stringify({ a: '[[[[,,,,{{{{ \\" \\\\" "'.repeat(10_000), b: ['"', '\\', '\\"'] });
    checkJsonBounds(text, 'host.json', 'host.json');
    assert.deepEqual(parseJsonText(text, 'host.json', 'host.json'), JSON.parse(text));
  });

  it('stops at the first level too deep, whatever follows (100 MB of [ costs a scan of 65 characters)', () => {
    // A string of 100 million brackets is made lazily by repeat; the scan only reads its start.
    const error = inputErrorFrom(() => checkJsonBounds('['.repeat(100_000_000), 'rsop.json', 'rsop.json'));
    assert.deepEqual(error.location, { line: 1 });
  });

  it('leaves syntax errors to JSON.parse and its messages', () => {
    const error = inputErrorFrom(() => parseJsonText('{\n  "a": [1, 2\n', 'accounts.json', 'accounts.json'));
    assert.match(error.expected, /^valid JSON/);
    const unterminated = inputErrorFrom(() => parseJsonText('{"a": "[[[[', 'accounts.json', 'accounts.json'));
    assert.match(unterminated.expected, /^valid JSON/);
  });
});

/**
 * The scan at host.json's limit of 65,536 elements: small enough to run in every mutation run
 * (the at-scale tests above are skipped there), and each shape counts differently, so a scanner
 * that miscounts one kind of element, or mis-skips a string, refuses or passes the wrong one.
 */
describe('JSON bounds: how elements are counted, at host.json size', () => {
  const LIMIT = JSON_ELEMENT_LIMITS['host.json'];
  const EXPECTED = 'a JSON document of at most 65,536 elements (array items and object members)';
  const check = (text: string): void => checkJsonBounds(text, 'host.json', 'host.json');
  /** `count` copies of `item` in one array, after `lead` (lines or strings before it). */
  const array = (item: string, count: number, lead = ''): string => `${lead}[${Array(count).fill(item).join(',')}]`;

  const SHAPES: { name: string; at: (count: number) => string; limitAt: number }[] = [
    // [0,0,...]: the array counts one and each comma one.
    { name: 'numbers: the array and each comma', at: (n) => array('0', n), limitAt: LIMIT },
    // [[],[],...]: the outer array, each inner one and each comma: 2n elements.
    { name: 'empty arrays: each bracket and each comma', at: (n) => array('[]', n), limitAt: LIMIT / 2 },
    { name: 'empty objects: each brace and each comma', at: (n) => array('{}', n), limitAt: LIMIT / 2 },
    // [0,{},...]: 2n + 1 elements, so the element one past the limit is a brace, not a comma.
    {
      name: 'empty objects after a number (one under the limit passes)',
      at: (n) => array('{}', n, '').replace('[', '[0,'),
      limitAt: LIMIT / 2 - 1,
    },
    // Strings count as the commas between them, whatever they hold.
    { name: 'strings holding brackets and commas', at: (n) => array('"[{,"', n), limitAt: LIMIT },
    { name: 'strings ending in an escaped backslash', at: (n) => array('"a\\\\"', n), limitAt: LIMIT },
    { name: 'strings holding an escaped quote', at: (n) => array('"\\"[,"', n), limitAt: LIMIT },
  ];

  for (const { name, at, limitAt } of SHAPES) {
    it(`${name}: at the limit passes, one more is refused on its line`, () => {
      check(at(limitAt));
      const error = inputErrorFrom(() => check(`\n\n${at(limitAt + 1)}`));
      assert.equal(error.file, 'host.json');
      assert.deepEqual(error.location, { line: 3 });
      assert.equal(error.expected, EXPECTED);
      assert.equal(error.found, 'more (counting stopped there, before parsing)');
    });
  }

  it('a closed bracket no longer counts toward the depth: 100 sibling arrays pass', () => {
    check(array('[[]]', 100));
    check(array('{"a":{}}', 100));
  });

  it('refuses nesting one past the limit on the line it starts, a newline first included', () => {
    const error = inputErrorFrom(() => check(`\n${'['.repeat(MAX_JSON_DEPTH + 1)}`));
    assert.deepEqual(error.location, { line: 2 });
    assert.equal(error.expected, `JSON nested at most ${MAX_JSON_DEPTH} deep`);
    assert.equal(error.found, 'deeper nesting (checked before parsing)');
  });

  it('skips a string that ends in an escaped backslash, and only that string', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1);
    // The second string's brackets are text; a scanner that took \\" for an escaped quote would
    // read them as structure and refuse the document.
    check(`["a\\\\", "${deep}"]`);
    check(`["\\"", "${deep}"]`);
    // Brackets after a closed string are structure again.
    assert.equal(
      inputErrorFrom(() => check(`["a\\\\", ${deep}`)).expected,
      `JSON nested at most ${MAX_JSON_DEPTH} deep`,
    );
    assert.equal(inputErrorFrom(() => check(`["x", ${deep}`)).expected, `JSON nested at most ${MAX_JSON_DEPTH} deep`);
  });

  it('an unterminated string ends the count: what follows is left to JSON.parse', () => {
    check(`["${'['.repeat(MAX_JSON_DEPTH + 1)}`);
  });
});

describe('README states the JSON bounds', () => {
  it('the depth and every element limit of src/core/limits.ts', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`it may nest at most ${MAX_JSON_DEPTH} deep`));
    const rows = new Map(
      [...readme.matchAll(/^\| ([a-z.,\s]+(?:\(file or stdin\), DSC request)?) \| ([\d,]+) \|$/gm)].flatMap((match) =>
        match[1]!.split(/,\s*/).map((name) => [name.trim(), match[2]!] as const),
      ),
    );
    const named: Record<JsonDocumentKind, string> = {
      'rsop.json': 'rsop.json',
      'accounts.json': 'accounts.json',
      'host.json': 'host.json',
      'plan.json': 'plan.json',
      'webconfigs.json': 'webconfigs.json',
      'facts.json': 'facts document (file or stdin)',
    };
    for (const kind of KINDS)
      assert.equal(rows.get(named[kind]), JSON_ELEMENT_LIMITS[kind].toLocaleString('en-US'), kind);
  });
});
