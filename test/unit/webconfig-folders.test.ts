import assert from 'node:assert/strict';
import { parseWebConfigs } from '../../src/parse/webconfig';
import { inputErrorFrom } from '../helpers/errors';
import {
  applicationHost,
  configFile,
  parse,
  scope,
  SECTION,
  webConfigs,
  withWalks,
} from '../helpers/webconfig-snapshots';

/**
 * web.config files in plain physical folders (not applications or virtual directories). IIS
 * reads a web.config in any folder below a virtual directory and applies it at that folder's URL
 * path (unless the directory says allowSubDirConfig="false"; IIS support blog, "How to prevent
 * web.config files to be overwritten by config files in application subfolders"), so the
 * collector walks those folders within limits and records each walk in folderWalks. Where a walk
 * listed a folder, a missing entry means the folder has no web.config; where no walk reached it
 * (none recorded, stopped early, or deeper than it went), the finding keeps its note.
 */

const OLD_DOCS = `<location path="Blog/docs/old">${SECTION('')}</location>`;

const ROOT_ABSENT = webConfigs({ path: '/', state: 'absent' }, { path: '/app', state: 'absent' });

describe('web.config files in plain folders (folderWalks)', () => {
  it('a web.config the walk found in a plain folder gives that path its own anonymous identity', () => {
    const found = webConfigs(
      { path: '/', state: 'absent' },
      { path: '/legacy', text: configFile(SECTION('userName="WEB\\legacy"')) },
    );
    const config = parse(applicationHost('Allow'), withWalks(found, { path: '/' }));
    assert.equal(scope(config, '/legacy').anonymous.userName, 'WEB\\legacy');
    assert.equal(scope(config, '/').anonymous.userName, 'CONTOSO\\server');
    assert.deepEqual(scope(config, '/legacy').webConfigGaps, []);
  });

  it('folders a complete walk listed are known to hold no web.config; without walks they stay gaps', () => {
    const walked = parse(applicationHost('Allow', OLD_DOCS), withWalks(ROOT_ABSENT, { path: '/' }));
    assert.deepEqual(scope(walked, '/docs/old').webConfigGaps, []);
    const unwalked = parse(applicationHost('Allow', OLD_DOCS), ROOT_ABSENT);
    assert.deepEqual(scope(unwalked, '/docs/old').webConfigGaps, [
      '/docs (no web.config was collected there)',
      '/docs/old (no web.config was collected there)',
    ]);
  });

  it('a walk that stopped early covers nothing below it, and says why', () => {
    const config = parse(
      applicationHost('Allow', OLD_DOCS),
      withWalks(ROOT_ABSENT, {
        path: '/',
        complete: false,
        reason: 'the folder D:\\w\\docs could not be listed: Access is denied.',
      }),
    );
    assert.deepEqual(scope(config, '/docs/old').webConfigGaps, [
      '/docs (no web.config was collected there: the folder walk below "D:\\w/" (site "Blog" path /) stopped early: the folder D:\\w\\docs could not be listed: Access is denied.)',
      '/docs/old (no web.config was collected there: the folder walk below "D:\\w/" (site "Blog" path /) stopped early: the folder D:\\w\\docs could not be listed: Access is denied.)',
    ]);
  });

  it('paths deeper than the walk went stay gaps, naming the depth', () => {
    const config = parse(applicationHost('Allow', OLD_DOCS), withWalks(ROOT_ABSENT, { path: '/', depth: 1 }));
    assert.deepEqual(scope(config, '/docs/old').webConfigGaps, [
      '/docs/old (no web.config was collected there: it is 2 folder levels below the start of the folder walk below "D:\\w/" (site "Blog" path /), which lists 1)',
    ]);
  });

  it('the deepest walk at or above a path decides: an application walked on its own', () => {
    const deep = `<location path="Blog/app/x">${SECTION('')}</location>`;
    const config = parse(
      applicationHost('Allow', deep),
      withWalks(ROOT_ABSENT, { path: '/', complete: false, reason: 'budget' }, { path: '/APP' }),
    );
    assert.deepEqual(scope(config, '/app/x').webConfigGaps, []);
  });

  it('a walk entry that stopped early must say why', () => {
    const error = inputErrorFrom(() =>
      parseWebConfigs(withWalks(ROOT_ABSENT, { path: '/', complete: false }), 'webconfigs.json'),
    );
    assert.match(error.message, /^webconfigs\.json \(at \/folderWalks\/0\): expected property "reason"/);
  });
});
