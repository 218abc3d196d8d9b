import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, runBundle } from '../helpers/cli';

const read = (...parts: string[]) => readFileSync(join(REPO_ROOT, ...parts), 'utf8');

/** The `node dist/iis-logon-rights.cjs ...` lines of a document's sh blocks, comments removed. */
function commandsIn(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('node dist/iis-logon-rights.cjs ')) commands.push(line.replace(/\s+#.*$/, '').trim());
    }
  }
  return commands;
}

describe('docs that stand alone', () => {
  it("every command in the README and the examples' READMEs runs on a fresh clone, as written", function () {
    this.timeout(120_000);
    const commands = [
      ...commandsIn(read('README.md')),
      ...commandsIn(read('examples', 'snapshots', 'README.md')),
      ...commandsIn(read('examples', 'baselines', 'README.md')),
    ];
    assert.ok(commands.length >= 10, `${commands.length} commands found`);
    // Files the commands write (> plan.json) go to a temporary folder, and later commands read them there.
    const scratch = mkdtempSync(join(tmpdir(), 'iis-logon-rights-readme-'));
    try {
      for (const command of commands) {
        const words = command.split(/\s+/).slice(2);
        const redirect = words.indexOf('>');
        const output = redirect >= 0 ? join(scratch, words[redirect + 1]!) : undefined;
        const args = (redirect >= 0 ? words.slice(0, redirect) : words).map((word) =>
          existsSync(join(scratch, word)) ? join(scratch, word) : word,
        );
        const run = runBundle(args, undefined, {});
        assert.ok(
          run.status === 0 || (run.status === 1 && (args[0] === 'test' || args[0] === 'report')),
          `${command}: exit ${run.status}\n${run.stderr}`,
        );
        assert.equal(run.stderr, '', command);
        assert.notEqual(run.stdout, '', command);
        if (output) writeFileSync(output, run.stdout);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('no document points to a file that is not in the repository', () => {
    const documents = [
      'README.md',
      'examples/snapshots/README.md',
      'examples/baselines/README.md',
      'dsc/examples/README.md',
      'docs/rules.md',
    ];
    for (const document of documents) {
      const text = read(document);
      for (const link of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = link[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        assert.ok(
          existsSync(join(REPO_ROOT, dirname(document), target)),
          `${document} links to ${target}, which is not in the repository`,
        );
      }
      // A .md file named in the text must exist beside the document or at the root. docs/rules.md
      // is generated from the rule table's citations, which are checked with the rules.
      if (document === 'docs/rules.md') continue;
      for (const mention of text.replace(/\]\([^)]*\)/g, ']').matchAll(/\b([\w./-]+\.md)\b/g)) {
        const name = mention[1]!;
        assert.ok(
          existsSync(join(REPO_ROOT, dirname(document), name)) || existsSync(join(REPO_ROOT, name)),
          `${document} names ${name}, which is not in the repository`,
        );
      }
    }
  });
});
