import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';

/**
 * The mutation run (`npm run mutation`) runs test/unit in a sandbox without dist/: no mutant
 * changes the built bundle, so Stryker leaves it out. A unit test that spawns the bundle fails
 * the sandbox's first, unmutated run, and that stops the whole mutation run. Unit tests call the
 * command line in-process (`runCli`) instead; tests of the bundle itself belong in test/cli.
 */
function spawnsBundle(text: string): boolean {
  return /\b(runBundle|BUNDLE)\b/.test(text);
}

describe('unit tests run without the built bundle (the mutation sandbox has none)', () => {
  const folder = join(REPO_ROOT, 'test', 'unit');
  const spawning = readdirSync(folder)
    .filter((name) => name.endsWith('.ts') && name !== 'mutation-suites.test.ts')
    .filter((name) => spawnsBundle(readFileSync(join(folder, name), 'utf8')));

  it('no file in test/unit names runBundle or BUNDLE', () => {
    assert.deepEqual(spawning, []);
  });

  it('flags a spawn of the bundle and lets the in-process command line through', () => {
    assert.equal(spawnsBundle("const listed = runBundle(['accounts', '--snapshot', '-'], facts);"), true);
    assert.equal(spawnsBundle("import { BUNDLE, REPO_ROOT } from '../helpers/cli';"), true);
    assert.equal(spawnsBundle('const status = runCli({ argv, stdout, stderr, readStdin, env: {} });'), false);
  });
});
