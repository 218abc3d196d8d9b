import assert from 'node:assert/strict';
import {
  applicationHost,
  configFile,
  parse,
  scope,
  SECTION,
  webConfigs,
  withWalks,
  type Entry,
  type Walk,
} from '../helpers/webconfig-snapshots';

/**
 * Which paths a finding names as web.config gaps (webConfigGaps, a note on every finding there):
 * a path with a readable entry (in any letter case, a read entry outranking an unreadable one for
 * the same path) is no gap; otherwise the deepest folder walk at or above the path decides.
 * And which scopes a refused web.config marks: its own path and below, not its siblings.
 */

const OLD_DOCS = `<location path="Blog/docs/old">${SECTION('')}</location>`;
const NONE = 'no web.config was collected there';

const gapsAt = (path: string, entries: Entry[], walks: Walk[] = []) =>
  scope(parse(applicationHost('Allow', OLD_DOCS), withWalks(webConfigs(...entries), ...walks)), path).webConfigGaps;

const ABSENT_ROOT: Entry = { path: '/', state: 'absent' };
const UNREADABLE = (path: string): Entry => ({ path, state: 'unreadable', reason: 'access denied' });
const EMPTY = (path: string): Entry => ({ path, text: configFile('') });

describe('web.config gaps: entries', () => {
  const CASES: { name: string; entries: Entry[]; gaps: string[] }[] = [
    { name: 'a read entry', entries: [EMPTY('/')], gaps: [] },
    { name: 'an absent entry', entries: [ABSENT_ROOT], gaps: [] },
    {
      name: 'an unreadable entry, with its reason',
      entries: [UNREADABLE('/')],
      gaps: ['/ (web.config "D:\\w/\\web.config" (site "Blog" path /) could not be read: access denied)'],
    },
    {
      name: 'an unreadable entry, then a read one for the same path',
      entries: [UNREADABLE('/'), EMPTY('/')],
      gaps: [],
    },
    {
      name: 'a read entry, then an unreadable one for the same path',
      entries: [EMPTY('/'), UNREADABLE('/')],
      gaps: [],
    },
  ];
  for (const { name, entries, gaps } of CASES)
    it(`${name} at /`, () => {
      assert.deepEqual(gapsAt('/', entries), gaps);
    });

  it('entries match paths in any letter case', () => {
    assert.deepEqual(gapsAt('/docs/old', [ABSENT_ROOT, EMPTY('/DOCS'), { path: '/Docs/OLD', state: 'absent' }]), []);
  });
});

describe('web.config gaps: folder walks', () => {
  const CASES: { name: string; walks: Walk[]; gaps: string[] }[] = [
    { name: 'no walk', walks: [], gaps: [`/docs (${NONE})`, `/docs/old (${NONE})`] },
    { name: 'a walk of another folder', walks: [{ path: '/other' }], gaps: [`/docs (${NONE})`, `/docs/old (${NONE})`] },
    {
      name: 'a walk that starts below the path',
      walks: [{ path: '/docs/old/deeper' }],
      gaps: [`/docs (${NONE})`, `/docs/old (${NONE})`],
    },
    { name: 'a complete walk from the path itself', walks: [{ path: '/docs', depth: 1 }], gaps: [] },
    {
      name: 'a walk that lists fewer levels than the path is below it',
      walks: [{ path: '/docs', depth: 0 }],
      gaps: [
        `/docs/old (${NONE}: it is 1 folder levels below the start of the folder walk below "D:\\w/docs" (site "Blog" path /docs), which lists 0)`,
      ],
    },
    ...[false, true].map((last) => ({
      name: `the deeper of two walks decides${last ? ', listed last' : ''}`,
      walks: last
        ? [{ path: '/' }, { path: '/docs', complete: false, reason: 'too many folders' }]
        : [{ path: '/docs', complete: false, reason: 'too many folders' }, { path: '/' }],
      gaps: ['docs', 'docs/old'].map(
        (p) =>
          `/${p} (${NONE}: the folder walk below "D:\\w/docs" (site "Blog" path /docs) stopped early: too many folders)`,
      ),
    })),
    {
      name: 'a complete deeper walk under one that stopped early',
      walks: [{ path: '/', complete: false, reason: 'x' }, { path: '/docs' }],
      gaps: [],
    },
  ];
  for (const { name, walks, gaps } of CASES)
    it(name, () => {
      assert.deepEqual(gapsAt('/docs/old', [ABSENT_ROOT], walks), gaps);
    });
});

describe('refused web.config files mark their own path and below', () => {
  it('a refused web.config at /docs/old/x marks no scope above or beside it', () => {
    const host = applicationHost('Allow', OLD_DOCS).replace(
      'overrideModeDefault="Allow"',
      'overrideModeDefault="Allow" allowDefinition="AppHostOnly"',
    );
    const config = parse(host, webConfigs({ path: '/docs/old/x', text: configFile(SECTION('userName="W\\x"')) }));
    assert.deepEqual(
      config.scopes.map((candidate) => [candidate.path, candidate.refusedWebConfigs]),
      [
        ['/', undefined],
        ['/app', undefined],
        ['/docs/old', undefined],
      ],
    );
    const below = parse(host, webConfigs({ path: '/docs', text: configFile(SECTION('userName="W\\d"')) }));
    assert.equal(scope(below, '/docs/old').refusedWebConfigs?.length, 1);
  });
});
