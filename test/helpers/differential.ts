import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runBundle, type CliRun } from './cli';
import { factsFromFolder } from './facts';
import {
  EXAMPLES,
  addCheckPlanCases,
  hostileFileCases,
  JSON_SYNTAX_ERRORS,
  wideNamesFacts,
} from './differential-inputs';

/**
 * The differential corpus: command lines (and stdin) that both hosts must answer alike, byte for
 * byte: the Node CLI bundle, and the engine bundle (in a bare V8 context here, in Jint inside
 * PowerShell in test/ps). Tables and wrapped text measure names in terminal columns: a case with
 * wide names (CJK, kana, Hangul, fullwidth) and accented ones checks that both hosts count the
 * same columns. (Emoji and combining marks the engine refuses; test/engine checks that.)
 */

export interface DifferentialCase {
  name: string;
  argv: string[];
  stdin: string;
}

export { EXAMPLES };

const cliAnswers = new Map<string, CliRun>();

/** The Node CLI bundle's answer to a case, run once per test process (both suites compare to it). */
export function cliAnswer(entry: DifferentialCase): CliRun {
  const key = JSON.stringify([entry.argv, entry.stdin]);
  let answer = cliAnswers.get(key);
  if (answer === undefined) {
    answer = runBundle(entry.argv, entry.stdin);
    cliAnswers.set(key, answer);
  }
  return answer;
}

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES)
    .filter((name) => existsSync(join(EXAMPLES, name, 'secedit.inf')))
    .sort();
}

/** Every example through every command the module and DSC use, plus the other text outputs. */
export function exampleCases(): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  const add = (name: string, argv: string[], stdin = '') => cases.push({ name, argv, stdin });
  for (const example of exampleNames()) {
    const folder = join(EXAMPLES, example);
    const json = ['--format', 'json', '--log-format', 'json'];
    for (const command of ['test', 'get', 'plan'])
      add(`${example}: ${command}`, [command, '--snapshot', folder, ...json]);
    add(`${example}: test conservative`, ['test', '--snapshot', folder, '--rules', 'conservative', '--format', 'json']);
    add(`${example}: plan --allow-temporary-fix`, ['plan', '--snapshot', folder, '--allow-temporary-fix', ...json]);
    add(`${example}: explain text`, ['explain', '--snapshot', folder, '--format', 'table', '--no-color']);
    add(`${example}: explain off a terminal`, ['explain', '--snapshot', folder]);
    add(`${example}: explain markdown`, ['explain', '--snapshot', folder, '--format', 'markdown']);
    add(`${example}: explain json`, ['explain', '--snapshot', folder, '--format', 'json']);
    add(`${example}: table`, ['test', '--snapshot', folder, '--format', 'table']);
    add(`${example}: plan table`, ['plan', '--snapshot', folder, '--format', 'table']);
    add(`${example}: junit`, ['test', '--snapshot', folder, '--format', 'junit']);
    add(`${example}: sarif`, ['test', '--snapshot', folder, '--format', 'sarif']);
    add(`${example}: --site Intranet`, ['get', '--snapshot', folder, '--site', 'Intranet', ...json]);
    const facts = JSON.stringify(factsFromFolder(folder, example));
    add(`${example}: test facts on stdin`, ['test', '--snapshot', '-', ...json], facts);
    add(`${example}: accounts`, ['accounts', '--snapshot', '-', '--log-format', 'json'], facts);
    for (const operation of ['get', 'test', 'set']) {
      add(
        `${example}: dsc ${operation}`,
        ['dsc', operation],
        `{"desired":{"scope":"*","ruleSet":"conservative"},"facts":${facts}}`,
      );
    }
    const plan = runBundle(['plan', '--snapshot', folder, '--format', 'json']);
    add(
      `${example}: check-plan`,
      ['check-plan', '--plan', '-', '--format', 'json', '--log-format', 'json'],
      plan.stdout,
    );
    addCheckPlanCases(add, example, folder, plan.stdout, facts);
    add(
      `${example}: check-plan table`,
      ['check-plan', '--plan', '-', '--snapshot', folder, '--format', 'table'],
      plan.stdout,
    );
  }
  const wide = JSON.stringify(wideNamesFacts());
  for (const argv of [
    ['test', '--format', 'table'],
    ['plan', '--format', 'table'],
    ['explain'],
    ['explain', '--format', 'markdown'],
  ])
    add(`wide and combined names: ${argv.join(' ')}`, [argv[0]!, '--snapshot', '-', ...argv.slice(1)], wide);
  const first = join(EXAMPLES, exampleNames()[0]!);
  add('usage: unknown command', ['frobnicate']);
  add('usage: unknown option', ['test', '--snapshot', first, '--colour']);
  add('usage: --version', ['--version']);
  add('usage: --help', ['--help']);
  add('invalid input: no such folder', [
    'test',
    '--snapshot',
    join(EXAMPLES, 'no-such-snapshot'),
    '--format',
    'json',
    '--log-format',
    'json',
  ]);
  add('invalid input: a folder without secedit.inf', ['test', '--snapshot', EXAMPLES, '--format', 'json']);
  add(
    'invalid input: accounts of an applicationHost.config that is not XML',
    ['accounts', '--snapshot', '-', '--log-format', 'json'],
    JSON.stringify({
      factsVersion: 1,
      name: 'WEB',
      files: {
        'secedit.inf': '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeBatchLogonRight = *S-1-5-32-544\r\n',
        'applicationHost.config': '<configuration><broken',
      },
    }),
  );
  add('invalid input: a README as a snapshot', ['test', '--snapshot', join(EXAMPLES, 'README.md'), '--format', 'json']);
  // JSON syntax errors: the engine words them itself (json-syntax.ts), so both hosts print the
  // same line, whatever their own JSON.parse says.
  for (const [what, stdin] of JSON_SYNTAX_ERRORS)
    add(
      `invalid input: facts that are not JSON (${what})`,
      ['get', '--snapshot', '-', '--format', 'json', '--log-format', 'json'],
      stdin,
    );
  add(
    'invalid input: a dsc request that is not JSON',
    ['dsc', 'get'],
    '{"desired": {"scope": "*"},\n "facts": {"files": {"host.json": 1,}}}',
  );
  add(
    'invalid input: a plan that is not JSON',
    ['check-plan', '--plan', '-', '--format', 'json'],
    '{"planVersion": 1 "actions": []}',
  );
  add('invalid input: a dsc request without facts', ['dsc', 'test'], '{"desired":{"scope":"*"}}');
  add('invalid input: a plan with a bad SID', ['check-plan', '--plan', '-', '--format', 'json'], '{"planVersion":1}');
  add('invalid input: UTF-16 stdin without BOM', ['test', '--snapshot', '-', '--format', 'json'], '\u0000{\u0000');
  // web.config files (webconfigs.json): applied, and refused when one is not well-formed.
  const webConfigFolder = join(REPO_ROOT, 'test', 'fixtures', 'logon', 'webconfig-anonymous-identity');
  add('webconfigs.json: get', ['get', '--snapshot', webConfigFolder, '--format', 'json', '--log-format', 'json']);
  const webConfigFacts = factsFromFolder(webConfigFolder, 'webconfig');
  add(
    'webconfigs.json: explain facts on stdin',
    ['explain', '--snapshot', '-', '--format', 'table', '--no-color'],
    JSON.stringify(webConfigFacts),
  );
  const broken = {
    ...webConfigFacts,
    files: {
      ...webConfigFacts.files,
      'webconfigs.json': JSON.stringify({
        webConfigs: [
          {
            site: 'Blog',
            path: '/',
            physicalPath: 'D:\\w\\web.config',
            state: 'read',
            text: '<configuration><system.webServer>',
          },
        ],
      }),
    },
  };
  add(
    'invalid input: a web.config that is not well-formed',
    ['test', '--snapshot', '-', '--format', 'json', '--log-format', 'json'],
    JSON.stringify(broken),
  );
  return [...cases, ...hostileFileCases()];
}
