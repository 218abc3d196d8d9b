import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/cli';

/**
 * The folders of src/ depend in one direction: parse -> core -> render, with io/ and cli.ts at the
 * edges. core/ is pure and imports nothing outside itself; parse/ never reaches for io/ or
 * render/; render/ never reaches for io/; nothing imports cli.ts.
 */

const SRC = join(REPO_ROOT, 'src');

/** Folder (or top-level file) of src/ that may not be imported from the given folder. */
const FORBIDDEN: Record<string, (target: string) => boolean> = {
  core: (target) => target !== 'core',
  parse: (target) => target === 'io' || target === 'render' || target === 'cli.ts',
  render: (target) => target === 'io' || target === 'cli.ts',
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The first path segment under src/ (`core`, `parse`, ... or a file such as `cli.ts`). */
function areaOf(pathUnderSrc: string): string {
  return pathUnderSrc.split('/')[0]!;
}

/** `import`, `export ... from`, `import()` and `require()` specifiers of one file. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/**
 * Every import that breaks the direction, as `from -> specifier`. `files` maps a path under src/
 * (posix separators) to its text. A package or node: import from core/ counts too: core is pure.
 */
function layoutViolations(files: ReadonlyMap<string, string>): string[] {
  const violations: string[] = [];
  for (const [file, text] of files) {
    const from = areaOf(file);
    for (const specifier of specifiers(text)) {
      if (!specifier.startsWith('.')) {
        if (from === 'core') violations.push(`${file} -> ${specifier}`);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      // A top-level module is named without its extension (`../cli`, `../version`).
      const area = target.includes('/') ? areaOf(target) : `${target.replace(/\.ts$/, '')}.ts`;
      if (area === 'cli.ts' || FORBIDDEN[from]?.(area)) violations.push(`${file} -> ${specifier}`);
    }
  }
  return violations;
}

describe('layout: imports point one way', () => {
  let files: Map<string, string>;
  before(() => {
    files = new Map(
      sourceFiles(SRC).map((path) => [relative(SRC, path).split(sep).join('/'), readFileSync(path, 'utf8')]),
    );
  });

  it('no import from core/ to anything else, from parse/ to io/ or render/, from render/ to io/, or of cli.ts', () => {
    assert.deepEqual(layoutViolations(files), []);
  });

  it('reads every kind of import it checks (the check above is not vacuous)', () => {
    assert.ok(files.size > 30, `only ${files.size} source files found under ${SRC}`);
    assert.ok(specifiers(files.get('core/plan.ts')!).includes('./evaluate-identities'), 'named imports');
    assert.ok(
      specifiers(files.get('parse/schema-validation.ts')!).includes('../generated/validators.cjs'),
      'require()',
    );
    assert.ok(
      specifiers(files.get('cli.ts')!).some((specifier) => specifier.startsWith('./render/')),
      'the CLI renders',
    );
  });

  it('flags each forbidden direction and allows the others', () => {
    const sample = new Map([
      [
        'core/a.ts',
        "import { b } from '../parse/b';\nimport { c } from './c';\nimport { createHash } from 'node:crypto';",
      ],
      ['parse/b.ts', "import { x } from '../core/x';\nexport { y } from '../io/y';\nconst z = require('../render/z');"],
      [
        'render/c.ts',
        "import type { T } from '../io/t';\nimport { u } from '../core/u';\nimport { v } from '../version';",
      ],
      ['io/d.ts', "import { p } from '../parse/p';\nimport { main } from '../cli';"],
      ['cli.ts', "import { d } from './io/d';\nimport { r } from './render/c';"],
      ['render/deep/e.ts', "import { y } from '../../io/y';\nimport { c } from '../c';"],
    ]);
    assert.deepEqual(layoutViolations(sample), [
      'core/a.ts -> ../parse/b',
      'core/a.ts -> node:crypto',
      'parse/b.ts -> ../io/y',
      'parse/b.ts -> ../render/z',
      'render/c.ts -> ../io/t',
      'io/d.ts -> ../cli',
      'render/deep/e.ts -> ../../io/y',
    ]);
  });
});
