import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeSnapshotFolder, REPO_ROOT, runBundle, type CliRun } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';

/**
 * Names are data: escape sequences, CR/LF and bidi characters in account names, GPO names, policy
 * holders, computer names and folder names go through every command and format, and no raw
 * control or bidi character may reach stdout or stderr, and no line may be forged. Text output
 * must show the payload escaped (so the test cannot pass by dropping the names), and JSON must
 * carry it unchanged.
 */

/** What must never be written raw: C0 (line feed aside), DEL, C1, and the bidi and separator characters. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every hostile payload ends in this word after a line break, so a forged line starts with it. */
const FORGED = 'FORGED';
const ACCOUNT = `CONTOSO\\svc\r\n${FORGED}\u202e\u0085`;
const GUEST = 'Guest\u001b]0;pwn\u0007';
const GPO_NAME = `GPO\u001b[2J\u202e\r\n${FORGED}`;
const HOLDER = `Backup Ops,*S-1-1-0\r\nSeDenyNetworkLogonRight = *S-1-5-32-544\u001b]0;pwn\u0007\u2066`;
const COMPUTER = `WEB\u001b[2J05\u2067`;
const FOLDER = `snap\u001b[31m\r\n${FORGED}\u202e`;

function hostileSnapshot(): Record<string, string | Buffer> {
  const example = join(REPO_ROOT, 'examples', 'snapshots', 'iis10-gpo-blocked');
  const files: Record<string, string | Buffer> = {};
  for (const file of readdirSync(example)) if (file !== 'README.md') files[file] = readFileSync(join(example, file));
  const config = readFileSync(join(example, 'applicationHost.config'), 'utf8').replace(/^\uFEFF/, '');
  // XML 1.0 cannot hold ESC even as a reference; CR, LF, bidi and C1 it can.
  files['applicationHost.config'] = config.replace(
    'userName="CONTOSO\\svc-anon"',
    `userName="CONTOSO\\svc&#13;&#10;${FORGED}&#x202E;&#x85;"`,
  );
  const accounts = JSON.parse(readFileSync(join(example, 'accounts.json'), 'utf8')) as { accounts: { name: string }[] };
  for (const account of accounts.accounts) {
    if (account.name === 'CONTOSO\\svc-anon') account.name = ACCOUNT;
    if (account.name === 'Guest') account.name = GUEST;
  }
  files['accounts.json'] = JSON.stringify(accounts);
  files['host.json'] = JSON.stringify({
    ...JSON.parse(readFileSync(join(example, 'host.json'), 'utf8')),
    computerName: COMPUTER,
  });
  files['rsop.json'] = JSON.stringify([
    {
      right: 'SeNetworkLogonRight',
      accounts: ['*S-1-5-32-544', HOLDER],
      precedence: 1,
      gpoId: '{0AA8C852-AFFA-4A5C-8060-C9F1750C8133}',
      gpoName: GPO_NAME,
    },
    {
      right: 'SeDenyNetworkLogonRight',
      accounts: [GUEST],
      precedence: 1,
      gpoId: '{0AA8C852-AFFA-4A5C-8060-C9F1750C8133}',
      gpoName: GPO_NAME,
    },
  ]);
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [`${FOLDER}/${name}`, content]));
}

function assertClean(run: CliRun, context: string): void {
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    const raw = RAW.exec(text);
    assert.equal(
      raw,
      null,
      `${context}: raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} on ${stream} at ${raw?.index}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 60), (raw?.index ?? 0) + 20))}`,
    );
    const forged = text.split('\n').find((line) => line.trimStart().startsWith(FORGED));
    assert.equal(forged, undefined, `${context}: a forged line on ${stream}`);
  }
}

describe('hostile names through every command and format', function () {
  this.timeout(120_000);
  let folder: { path: string; cleanup: () => void };
  let snapshot: string;
  before(() => {
    folder = makeSnapshotFolder(hostileSnapshot());
    snapshot = join(folder.path, FOLDER);
  });
  after(() => folder.cleanup());

  it('the snapshot loads, so the names really reach the output', () => {
    const run = runBundle(['get', '--snapshot', snapshot, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const document = JSON.parse(run.stdout) as {
      snapshot: string;
      findings: { identity: { name: string }; status: string }[];
    };
    assert.equal(document.snapshot, snapshot);
    assert.ok(
      document.findings.some((finding) => finding.identity.name === ACCOUNT && finding.status === 'gpo-blocked'),
      run.stdout,
    );
  });

  const textRuns: [string, string[]][] = [
    ['test table', ['test', '--format', 'table']],
    ['get table', ['get', '--format', 'table']],
    ['explain table', ['explain', '--format', 'table']],
    ['plan table', ['plan', '--format', 'table']],
    ['plan table, temporary fixes', ['plan', '--format', 'table', '--allow-temporary-fix']],
  ];
  for (const [name, args] of textRuns) {
    it(`${name}: every payload shown escaped, nothing raw`, () => {
      const run = runBundle([...args, '--snapshot', snapshot, '--rules', 'conservative']);
      assert.ok(run.status === 0 || run.status === 1, `${name}: ${run.stderr}`);
      assertClean(run, name);
      assert.ok(run.stdout.includes('\\x1B[31m\\r\\nFORGED\\u202E'), `${name}: the folder name, escaped`);
      if (args[0] !== 'test' && args[0] !== 'get')
        assert.ok(run.stdout.includes('GPO\\x1B[2J\\u202E\\r\\nFORGED'), `${name}: the GPO name, escaped`);
      assert.ok(run.stdout.includes('svc\\r\\nFORGED\\u202E\\x85'), `${name}: the account name, escaped`);
    });
  }

  const documentRuns: [string, string[]][] = [
    ['test json', ['test', '--format', 'json']],
    ['explain json', ['explain', '--format', 'json']],
    ['plan json', ['plan', '--format', 'json', '--allow-temporary-fix']],
    ['get sarif', ['get', '--format', 'sarif']],
    ['test junit', ['test', '--format', 'junit']],
    ['explain junit', ['explain', '--format', 'junit']],
    ['test json log', ['test', '--format', 'json', '--log-format', 'json']],
  ];
  for (const [name, args] of documentRuns) {
    it(`${name}: well-formed, the names kept as data, nothing raw`, () => {
      const run = runBundle([...args, '--snapshot', snapshot, '--rules', 'conservative']);
      assert.ok(run.status === 0 || run.status === 1, `${name}: ${run.stderr}`);
      assertClean(run, name);
      if (args.includes('junit')) {
        assert.ok(
          run.stdout.includes('svc&#13;&#10;FORGED&#x202E;&#x85;'),
          `${name}: the account name as references in attributes`,
        );
      } else {
        const document: unknown = JSON.parse(run.stdout);
        assert.ok(
          JSON.stringify(document).includes(JSON.stringify(ACCOUNT).slice(1, -1)),
          `${name}: the account name unchanged`,
        );
      }
    });
  }

  it('plan: a GPO edit whose list holds a hostile name gives no line, and says why', () => {
    const run = runBundle(['plan', '--snapshot', snapshot, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as {
      gpoEdits: { line: string | null; lineWithheld?: string }[];
      refused: { fix: string }[];
    };
    assert.equal(plan.gpoEdits.length, 1);
    assert.equal(plan.gpoEdits[0]!.line, null);
    assert.match(plan.gpoEdits[0]!.lineWithheld!, /neither a SID nor a plain account name/);
    // The fix quotes the entry it could not write (as a JSON string), never pastes it.
    assert.ok(
      plan.refused.every(
        (refused) => !refused.fix.includes(HOLDER) && refused.fix.includes('no GptTmpl.inf line is given'),
      ),
      'no forged line in any fix',
    );
  });

  for (const format of ['table', 'json', 'junit', 'sarif']) {
    it(`report --format ${format}: the progress-free report, tables and documents clean`, () => {
      const run = runBundle(['report', folder.path, '--format', format]);
      assert.equal(run.status, 1, run.stderr);
      assertClean(run, `report ${format}`);
      if (format === 'table') assert.ok(run.stdout.includes('WEB\\x1B[2J05\\u2067'), 'the computer name, escaped');
    });
  }

  it('check-plan prints a hostile plan back clean', () => {
    const plan = runBundle(['plan', '--snapshot', snapshot, '--format', 'json', '--allow-temporary-fix']);
    const run = runBundle(['check-plan', '--plan', '-'], plan.stdout);
    assert.equal(run.status, 0, run.stderr);
    assertClean(run, 'check-plan');
  });

  it("check-plan --snapshot: the engine's plan passes, one with a hostile account name fails on one escaped line", () => {
    const plan = runBundle(['plan', '--snapshot', snapshot, '--format', 'json', '--allow-temporary-fix']);
    assert.equal(plan.status, 0, plan.stderr);
    const passed = runBundle(['check-plan', '--plan', '-', '--snapshot', snapshot], plan.stdout);
    assert.equal(passed.status, 0, passed.stderr);
    assertClean(passed, 'check-plan --snapshot');
    const document = JSON.parse(plan.stdout) as { actions: { account: string }[]; undo: { account: string }[] };
    assert.ok(document.actions.length > 0, 'the plan has an action to rename');
    const renamed = `${GUEST}\r\n${FORGED}\u202e`;
    const tampered = {
      ...document,
      actions: document.actions.map((action, index) => (index === 0 ? { ...action, account: renamed } : action)),
      undo: document.undo.map((entry, index) =>
        index === document.undo.length - 1 ? { ...entry, account: renamed } : entry,
      ),
    };
    for (const args of [
      ['--snapshot', snapshot],
      ['--snapshot', snapshot, '--log-format', 'json'],
    ]) {
      const refused = runBundle(['check-plan', '--plan', '-', ...args], JSON.stringify(tampered));
      assert.equal(refused.status, 3, refused.stderr);
      assertClean(refused, `tampered check-plan ${args.join(' ')}`);
      assert.equal(refused.stderr.trimEnd().split('\n').length, 1, refused.stderr);
      assert.match(refused.stderr, /actions\/0\/account/);
    }
  });

  it('check-plan without facts: the warning naming a hostile plan file stays one escaped line', () => {
    const plan = runBundle(['plan', '--snapshot', snapshot, '--format', 'json']);
    const file = makeSnapshotFolder({ [`${FOLDER}/plan.json`]: plan.stdout });
    try {
      const run = runBundle(['check-plan', '--plan', join(file.path, FOLDER, 'plan.json')]);
      assert.equal(run.status, 0, run.stderr);
      assertClean(run, 'check-plan structure only');
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.ok(run.stderr.includes('\\x1B[31m\\r\\nFORGED\\u202E'), run.stderr);
    } finally {
      file.cleanup();
    }
  });

  for (const operation of ['get', 'test', 'set']) {
    it(`dsc ${operation}: one JSON line, nothing raw`, () => {
      const request = {
        desired: { scope: '*', ruleSet: 'conservative', allowTemporaryFix: true },
        facts: { ...factsFromFolder(snapshot), name: FOLDER },
      };
      const run = runBundle(['dsc', operation], JSON.stringify(request));
      assert.equal(run.status, 0, run.stderr);
      assertClean(run, `dsc ${operation}`);
      assert.equal(run.stdout.trimEnd().split('\n').length, 1);
    });
  }

  const errorRuns: [string, string[], number][] = [
    ['a snapshot folder without secedit.inf', ['test', '--snapshot', 'MISSING', '--format', 'table'], 3],
    ['the same, JSON log lines', ['test', '--snapshot', 'MISSING', '--format', 'json', '--log-format', 'json'], 3],
    ['a hostile --format value', ['test', '--snapshot', 'MISSING', '--format', `x\u001b[2J\r\n${FORGED}\u202e`], 2],
    ['a hostile command', [`x\u001b]0;t\u0007\n${FORGED}`], 2],
    ['a hostile plan file name', ['check-plan', '--plan', 'MISSING/plan.json'], 3],
    ['report over a folder whose snapshot cannot be loaded', ['report', 'MISSING/..'], 3],
  ];
  for (const [name, args, status] of errorRuns) {
    it(`error lines stay one escaped line: ${name}`, () => {
      const broken = makeSnapshotFolder({ [`${FOLDER}/applicationHost.config`]: '<configuration/>' });
      try {
        const missing = join(broken.path, FOLDER);
        const run = runBundle(args.map((arg) => arg.replace('MISSING', missing)));
        assert.equal(run.status, status, run.stderr);
        assertClean(run, name);
        const lines = run.stderr.trimEnd().split('\n');
        // One line for the error, and for a usage error in text one more: the hint to --help.
        assert.equal(lines.length, status === 2 && !args.includes('json') ? 2 : 1, run.stderr);
        assert.match(lines[0]!, args.includes('json') ? /^\{"error":/ : /^iis-logon-rights: /);
        if (status === 3 && !args.includes('json'))
          assert.ok(run.stderr.includes('\\r\\nFORGED'), `${name}: the folder name, escaped: ${run.stderr}`);
      } finally {
        broken.cleanup();
      }
    });
  }
});
