import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/in-process';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { MAX_SITES } from '../../src/core/limits';
import { refuseTooManySites } from '../../src/io/snapshot';
import { MINIMAL_ACCOUNTS, MINIMAL_SECEDIT, REPO_ROOT, makeSnapshotFolder } from '../helpers/cli';
import { inputErrorFrom } from '../helpers/errors';
import { manySitesApplicationHost } from '../helpers/hostile-files';
import { largeTextOf } from '../helpers/plain-xml';

/**
 * More sites than the engine can judge within a default heap are refused before parsing, with
 * exit 3 (issue 15 item 6: a million sites under the 256 MiB size limit ended in exit 4).
 */
describe('the site limit, counted before parsing', () => {
  const site = '<site name="s" id="1"><application path="/" /></site>\r\n';

  it(`${MAX_SITES.toLocaleString('en-US')} sites pass the count; one more is refused naming the element`, () => {
    refuseTooManySites(site.repeat(MAX_SITES), /<site[\s/>]/g, '<site>', 'applicationHost.config');
    const error = inputErrorFrom(() =>
      refuseTooManySites(site.repeat(MAX_SITES + 1), /<site[\s/>]/g, '<site>', 'applicationHost.config'),
    );
    assert.equal(
      error.message,
      `applicationHost.config (element <site>): expected at most ${MAX_SITES.toLocaleString('en-US')} sites (the largest configuration judged within a default Node heap; see README "Limits"), found more <site> elements (counting stopped there, before parsing)`,
    );
  });

  it('counts the same in a large text read in place (LargeText)', () => {
    refuseTooManySites(largeTextOf(site.repeat(MAX_SITES)), /<site[\s/>]/g, '<site>', 'applicationHost.config');
    refuseTooManySites(
      largeTextOf(`<site<sites><siteDefaults/></sites>${site.repeat(MAX_SITES - 1)}<site\t/><site`),
      /<site[\s/>]/g,
      '<site>',
      'applicationHost.config',
    );
    const error = inputErrorFrom(() =>
      refuseTooManySites(
        largeTextOf(`${site.repeat(MAX_SITES)}<site/>`),
        /<site[\s/>]/g,
        '<site>',
        'applicationHost.config',
      ),
    );
    assert.match(error.message, /found more <site> elements \(counting stopped there, before parsing\)$/);
  });

  it('README states the limit', () => {
    assert.match(
      readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'),
      new RegExp(`may hold at most ${MAX_SITES.toLocaleString('en-US')} sites, counted before it\\s+is parsed`),
    );
  });

  it('does not count <siteDefaults> or <sites>', () => {
    refuseTooManySites(
      '<sites><siteDefaults/></sites>'.repeat(MAX_SITES + 1),
      /<site[\s/>]/g,
      '<site>',
      'applicationHost.config',
    );
  });

  it('test on a configuration with one site too many: exit 3, nothing on stdout', () => {
    const folder = makeSnapshotFolder({
      'secedit.inf': MINIMAL_SECEDIT,
      'applicationHost.config': manySitesApplicationHost(MAX_SITES + 1),
      'accounts.json': MINIMAL_ACCOUNTS,
    });
    try {
      const { status: code, stdout, stderr } = runInProcess(['get', '--snapshot', folder.path, '--format', 'json']);
      assert.equal(code, EXIT_CODES.invalidInput.code);
      assert.equal(stdout, '');
      assert.match(stderr, /applicationHost\.config \(element <site>\): expected at most 200,000 sites/);
    } finally {
      folder.cleanup();
    }
  });
});
