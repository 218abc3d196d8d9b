import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generatedFacts } from '../fuzz/generators';
import { REPO_ROOT, runBundle, type CliRun } from './cli';
import { factsFromFolder } from './facts';
import { listShared, sharedAvailable, sharedPath } from './shared';

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

export const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');

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

let corpusFolder: string | undefined;

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

let hostileFolder: string | undefined;

/**
 * Files that are not what they seem (issue 15), which both hosts must refuse alike: a FIFO and
 * a link to /dev/zero as artifacts, a device as the snapshot, a FIFO plan, a file over its
 * limit (sparse, so it costs no disk), a secedit.inf without rights, a disguised deny. The
 * FIFO and device cases need mkfifo and /dev (not on Windows), and are left out without them.
 */
export function hostileFileCases(): DifferentialCase[] {
  const example = join(EXAMPLES, 'iis10-gpo-blocked');
  hostileFolder ??= mkdtempSync(join(tmpdir(), 'iislr-diff-hostile-'));
  const root = hostileFolder;
  const snapshot = (name: string, replace: Record<string, (path: string) => void>): string => {
    const folder = join(root, name);
    if (existsSync(folder)) return folder;
    mkdirSync(folder);
    for (const file of readdirSync(example))
      if (file !== 'README.md' && replace[file] === undefined)
        writeFileSync(join(folder, file), readFileSync(join(example, file)));
    for (const [file, make] of Object.entries(replace)) make(join(folder, file));
    return folder;
  };
  const json = ['--format', 'json', '--log-format', 'json'];
  const cases: DifferentialCase[] = [];
  const add = (name: string, argv: string[], stdin = '') => cases.push({ name: `hostile: ${name}`, argv, stdin });
  const sparse = (size: number) => (path: string) => {
    writeFileSync(path, '');
    truncateSync(path, size);
  };
  add('secedit.inf over 16 MiB', [
    'test',
    '--snapshot',
    snapshot('large-secedit', { 'secedit.inf': sparse(16 * 1024 * 1024 + 1) }),
    ...json,
  ]);
  const empty = snapshot('empty-secedit', { 'secedit.inf': (path) => writeFileSync(path, '') });
  add('a 0-byte secedit.inf', ['test', '--snapshot', empty, ...json]);
  add('a 0-byte secedit.inf, --allow-no-user-rights', ['test', '--snapshot', empty, '--allow-no-user-rights', ...json]);
  const facts = JSON.parse(JSON.stringify(factsFromFolder(example, 'disguised'))) as { files: Record<string, string> };
  facts.files['secedit.inf'] = facts.files['secedit.inf']!.replace('SeNetworkLogonRight', '\u200bSeNetworkLogonRight');
  add('a disguised right name', ['test', '--snapshot', '-', ...json], JSON.stringify(facts));
  if (process.platform === 'win32' || spawnSync('mkfifo', ['--version']).status !== 0) return cases;
  const mkfifo = (path: string) => void spawnSync('mkfifo', [path]);
  add('a FIFO as secedit.inf', ['test', '--snapshot', snapshot('fifo-secedit', { 'secedit.inf': mkfifo }), ...json]);
  add('a link to /dev/zero as applicationHost.config', [
    'get',
    '--snapshot',
    snapshot('zero-config', { 'applicationHost.config': (path) => symlinkSync('/dev/zero', path) }),
    ...json,
  ]);
  add('a device as the snapshot', ['test', '--snapshot', '/dev/null', ...json]);
  const plan = join(root, 'plan.json');
  if (!existsSync(plan)) mkfifo(plan);
  add('a FIFO as --plan', ['check-plan', '--plan', plan, ...json]);
  add('a FIFO as --with-gpo', ['test', '--snapshot', example, '--with-gpo', plan, ...json]);
  return cases;
}

let planFolder: string | undefined;

/**
 * check-plan against facts as the module runs it (plan and facts in one request on stdin, with
 * and without --undo) and with files read through the host (--plan, --rights-before, a snapshot
 * folder), for the example's own plan and for one with an extra revoke of Everyone.
 */
function addCheckPlanCases(
  add: (name: string, argv: string[], stdin?: string) => void,
  example: string,
  folder: string,
  planText: string,
  facts: string,
): void {
  const plan = JSON.parse(planText) as { actions: { action: string; right: string; sid: string }[]; undo: unknown[] };
  // What a backup records: the deny rights a revoke removed; a granted right was not held.
  const rightsBefore: Record<string, string[]> = {};
  for (const action of plan.actions)
    (rightsBefore[action.sid] ??= []).push(...(action.action === 'revoke' ? [action.right] : []));
  const everyone = {
    action: 'revoke',
    right: 'SeDenyNetworkLogonRight',
    sid: 'S-1-1-0',
    account: 'Everyone',
    temporary: false,
  };
  const tampered = JSON.stringify({
    ...plan,
    actions: [...plan.actions, { ...everyone, fixes: [] }],
    undo: [{ ...everyone, action: 'grant' }, ...plan.undo],
  });
  planFolder ??= mkdtempSync(join(tmpdir(), 'iislr-diff-plans-'));
  const planFile = join(planFolder, `${example}.plan.json`);
  const rightsFile = join(planFolder, `${example}.rights-before.json`);
  writeFileSync(planFile, planText);
  writeFileSync(rightsFile, JSON.stringify(rightsBefore));
  const json = ['--format', 'json', '--log-format', 'json'];
  add(
    `${example}: check-plan --snapshot folder`,
    ['check-plan', '--plan', '-', '--snapshot', folder, ...json],
    planText,
  );
  add(`${example}: check-plan --plan file --snapshot folder`, [
    'check-plan',
    '--plan',
    planFile,
    '--snapshot',
    folder,
    '--format',
    'json',
  ]);
  add(
    `${example}: check-plan request on stdin`,
    ['check-plan', '--plan', '-', '--snapshot', '-', ...json],
    `{"plan":${planText},"facts":${facts}}`,
  );
  add(
    `${example}: check-plan --undo request on stdin`,
    ['check-plan', '--plan', '-', '--snapshot', '-', '--undo', ...json],
    `{"plan":${planText},"facts":${facts},"rightsBefore":${JSON.stringify(rightsBefore)}}`,
  );
  add(`${example}: check-plan --undo --rights-before file`, [
    'check-plan',
    '--plan',
    planFile,
    '--snapshot',
    folder,
    '--undo',
    '--rights-before',
    rightsFile,
    ...json,
  ]);
  add(
    `${example}: tampered plan, check-plan --snapshot folder`,
    ['check-plan', '--plan', '-', '--snapshot', folder, ...json],
    tampered,
  );
  add(
    `${example}: tampered plan, check-plan request on stdin`,
    ['check-plan', '--plan', '-', '--snapshot', '-', ...json],
    `{"plan":${tampered},"facts":${facts}}`,
  );
  add(
    `${example}: tampered plan, check-plan --undo request on stdin`,
    ['check-plan', '--plan', '-', '--snapshot', '-', '--undo', ...json],
    `{"plan":${tampered},"facts":${facts},"rightsBefore":${JSON.stringify(rightsBefore)}}`,
  );
}

/** One of each kind of JSON syntax error, as a facts document on stdin. */
const JSON_SYNTAX_ERRORS: readonly (readonly [string, string])[] = [
  ['cut short', '{"factsVersion": 1, "files": '],
  ['trailing comma', '{\n  "factsVersion": 1,\n}'],
  ['missing colon', '{"factsVersion" 1}'],
  ['missing comma', '{"factsVersion": 1 "files": {}}'],
  ['bare word', '{"factsVersion": one}'],
  ['bad literal', '{"factsVersion": tru}'],
  ['bad escape', '{"name": "a\\qb"}'],
  ['bad unicode escape', '{"name": "\\u12G4"}'],
  ['control character in a string', '{"name": "a\tb"}'],
  ['unterminated string', '{"name": "abc'],
  ['bad number', '{"factsVersion": 1.e5}'],
  ['text after the document', '{"factsVersion": 1} x'],
  ['non-ASCII where a value belongs', '{"name": \u00e9}'],
  ['astral character where a value belongs', '[\u{1F600}]'],
  ['mismatched close', '{"files": [1}'],
  ['empty', ''],
];

/** Names a terminal shows wider than their length (CJK, kana, Hangul, fullwidth), and accented ones. */
const WIDE_ACCOUNT = 'svc-匿名ユーザー-한국-Ｗｅｂ-Jürgen-Ωμέγα-Пользователь-漢字漢字漢字漢字漢字漢字漢字漢字';
const WIDE_SITE = 'Partenaires 日本語のサイト Ünïcödé';

/** The gpo-blocked example with its anonymous account and its site renamed to WIDE_ACCOUNT and WIDE_SITE. */
export function wideNamesFacts(name = 'wide-names', account = WIDE_ACCOUNT): ReturnType<typeof factsFromFolder> {
  const facts = factsFromFolder(join(EXAMPLES, 'iis10-gpo-blocked'), name);
  const rename = (text: string) => text.split('svc-anon').join(account).split('Partners').join(WIDE_SITE);
  for (const file of ['applicationHost.config', 'accounts.json', 'rsop.json', 'gpresult.xml'])
    if (facts.files[file] !== undefined) facts.files[file] = rename(facts.files[file]!);
  return facts;
}

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
