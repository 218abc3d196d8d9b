import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generatedFacts } from '../fuzz/generators';
import { listShared, sharedAvailable, sharedPath } from './shared';
import { EXAMPLES, exampleNames, type DifferentialCase } from './differential';

/** More differential cases (see differential.ts): the shared corpus and generated facts. */

let corpusFolder: string | undefined;

/**
 * The corpus combinations the engine tests use: every corpus baseline projected with --with-gpo
 * over every example, and every corpus applicationHost.config judged with an example's policy.
 * Empty (and the caller skips) without ../shared.
 */
export function corpusCases(): DifferentialCase[] {
  if (!sharedAvailable()) return [];
  const cases: DifferentialCase[] = [];
  const baselines = [
    ...listShared('corpus', 'secedit-inf').map((file) => sharedPath('corpus', 'secedit-inf', file)),
    ...listShared('corpus', 'gpresult').map((file) => sharedPath('corpus', 'gpresult', file)),
  ];
  for (const example of exampleNames()) {
    for (const baseline of baselines) {
      cases.push({
        name: `${example} --with-gpo ${baseline.split(/[\\/]/).pop()}`,
        argv: ['test', '--snapshot', join(EXAMPLES, example), '--with-gpo', baseline, '--format', 'json'],
        stdin: '',
      });
    }
  }
  const policy = join(EXAMPLES, 'iis10-specificuser-pool-missing-batch');
  corpusFolder ??= mkdtempSync(join(tmpdir(), 'iislr-diff-'));
  for (const file of listShared('corpus', 'applicationhost')) {
    const folder = join(corpusFolder, file.replace(/\.applicationhost\.config$/i, ''));
    mkdirSync(folder, { recursive: true });
    for (const name of ['secedit.inf', 'accounts.json', 'host.json', 'gpresult.xml'])
      writeFileSync(join(folder, name), readFileSync(join(policy, name)));
    writeFileSync(join(folder, 'applicationHost.config'), readFileSync(sharedPath('corpus', 'applicationhost', file)));
    cases.push({
      name: `corpus ${file}`,
      argv: ['test', '--snapshot', folder, '--format', 'json', '--log-format', 'json'],
      stdin: '',
    });
    cases.push({ name: `corpus ${file}: plan`, argv: ['plan', '--snapshot', folder, '--format', 'json'], stdin: '' });
  }
  return cases;
}

/** `count` generated facts documents (the fuzz suite's generator), each judged and planned. */
export function generatedCases(count: number, seed = 18): DifferentialCase[] {
  return fc.sample(generatedFacts, { numRuns: count, seed }).map((facts, index) => {
    const command = index % 3 === 0 ? 'plan' : index % 3 === 1 ? 'test' : 'get';
    return {
      name: `generated #${index} (${command})`,
      argv: [
        command,
        '--snapshot',
        '-',
        '--format',
        'json',
        '--log-format',
        'json',
        ...(index % 2 === 0 ? ['--rules', 'conservative'] : []),
      ],
      stdin: JSON.stringify(facts.value),
    };
  });
}
