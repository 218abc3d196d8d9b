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
import { REPO_ROOT } from './cli';
import { factsFromFolder } from './facts';
import type { DifferentialCase } from './differential';

/**
 * What the differential cases are built from: the examples, hostile files, check-plan requests,
 * JSON syntax errors, and facts with wide names.
 */

export const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');

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
export function addCheckPlanCases(
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
export const JSON_SYNTAX_ERRORS: readonly (readonly [string, string])[] = [
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
