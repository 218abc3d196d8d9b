import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertValidResult,
  makeSnapshotFolder,
  MINIMAL_ACCOUNTS,
  MINIMAL_APPLICATION_HOST,
  MINIMAL_SECEDIT,
  REPO_ROOT,
  runBundle,
  utf16le,
  type CliRun,
} from '../helpers/cli';

/** Bad input: exit 3, exactly one line on stderr, nothing on stdout. */
function assertInputError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.status, 3, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${run.stderr}`);
  assert.match(lines[0]!, /^iis-logon-rights: invalid input: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
}

function withSnapshot<T>(files: Record<string, string | Buffer>, body: (path: string) => T): T {
  const folder = makeSnapshotFolder(files);
  try {
    return body(folder.path);
  } finally {
    folder.cleanup();
  }
}

const VALID = {
  'secedit.inf': utf16le(MINIMAL_SECEDIT),
  'applicationHost.config': MINIMAL_APPLICATION_HOST,
  'accounts.json': MINIMAL_ACCOUNTS,
};

describe('CLI (built bundle)', () => {
  describe('valid snapshots', () => {
    it('test --format json prints one schema-valid document and exits 0 in the desired state', () => {
      withSnapshot(VALID, (path) => {
        const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
        assert.equal(run.status, 0, run.stderr);
        const document = JSON.parse(run.stdout);
        assertValidResult(document);
        assert.equal(document.inDesiredState, true);
        // The anonymous account, then the DefaultAppPool worker process that serves the site.
        assert.deepEqual(
          document.findings.map((finding: { role: string; status: string }) => `${finding.role} ${finding.status}`),
          ['anonymous-user ok', 'worker-process ok'],
        );
        assert.equal(document.findings[1].symptom.httpStatus, '503');
        assert.equal(document.findings[0].status, 'ok');
        assert.deepEqual(document.findings[0].grantedBy, ['S-1-1-0', 'S-1-5-32-545']);
      });
    });

    it('test exits 1 when out of desired state; get exits 0 with the same findings', () => {
      const denying = MINIMAL_SECEDIT.replace(
        'SeDenyNetworkLogonRight = Guest',
        'SeDenyNetworkLogonRight = *S-1-5-113',
      );
      withSnapshot({ ...VALID, 'secedit.inf': utf16le(denying) }, (path) => {
        const test = runBundle(['test', '--snapshot', path, '--format', 'json']);
        assert.equal(test.status, 1);
        const document = JSON.parse(test.stdout);
        assertValidResult(document);
        assert.equal(document.findings[0].status, 'denied');
        assert.deepEqual(
          document.reasons.map((reason: { code: string }) => reason.code),
          ['IisAnonymousLogonRight:IisAnonymousLogonRight:Denied'],
        );
        const get = runBundle(['get', '--snapshot', path, '--format', 'json']);
        assert.equal(get.status, 0);
        assert.deepEqual(JSON.parse(get.stdout).findings, document.findings);
      });
    });

    it('reads the facts document from stdin with --snapshot -', () => {
      const facts = JSON.stringify({
        factsVersion: 1,
        name: 'WEB01',
        files: {
          'secedit.inf': MINIMAL_SECEDIT,
          'applicationHost.config': MINIMAL_APPLICATION_HOST,
          'accounts.json': JSON.parse(MINIMAL_ACCOUNTS),
        },
      });
      const run = runBundle(['test', '--snapshot', '-', '--format', 'json'], facts);
      assert.equal(run.status, 0, run.stderr);
      const document = JSON.parse(run.stdout);
      assertValidResult(document);
      assert.equal(document.snapshot, 'WEB01');
      assert.equal(document.findings[0].identity.sid, 'S-1-5-21-1000-2000-3000-1005');
    });

    it('keeps an unknown right name, reports it as a diagnostic and still judges', () => {
      const withUnknown = MINIMAL_SECEDIT.replace('[Version]', 'SeMadeUpLogonRight = *S-1-1-0\r\n[Version]');
      withSnapshot({ ...VALID, 'secedit.inf': withUnknown }, (path) => {
        const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
        assert.equal(run.status, 0, run.stderr);
        const document = JSON.parse(run.stdout);
        assertValidResult(document);
        assert.ok(
          document.diagnostics.some(
            (diagnostic: { code: string; message: string }) =>
              diagnostic.code === 'unknown-right' && diagnostic.message.includes('SeMadeUpLogonRight'),
          ),
        );
      });
    });

    it('prints a table with names and SIDs side by side and the friendly right name', () => {
      withSnapshot(VALID, (path) => {
        // Wide enough that no cell wraps.
        const run = runBundle(['test', '--snapshot', path, '--format', 'table'], undefined, { COLUMNS: '300' });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /in desired state/);
        assert.match(run.stdout, /│ WEB01\\anon\s+│ S-1-5-21-1000-2000-3000-1005 +│/);
        assert.match(run.stdout, /Access this computer from the network \(SeNetworkLogonRight\)/);
        assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when NO_COLOR is set');
      });
    });
  });

  describe('bad input (exit 3, one line, nothing on stdout)', () => {
    it('a missing secedit.inf', () => {
      withSnapshot({ 'applicationHost.config': MINIMAL_APPLICATION_HOST }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /secedit\.inf.*expected secedit\.inf.*no such file \(only applicationHost\.config\)/,
        ),
      );
    });
    it('neither IIS file', () => {
      withSnapshot({ 'secedit.inf': MINIMAL_SECEDIT }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /expected applicationHost\.config \(IIS 7\+\) or MetaBase\.xml \(IIS 6\), found neither/,
        ),
      );
    });
    it('truncated XML names the file and the line', () => {
      const truncated = MINIMAL_APPLICATION_HOST.slice(0, MINIMAL_APPLICATION_HOST.indexOf('</sites>'));
      withSnapshot({ ...VALID, 'applicationHost.config': truncated }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /applicationHost\.config \(line \d+, column \d+\): expected well-formed XML/,
        ),
      );
    });
    it('XML with a DOCTYPE and entity declarations is rejected before parsing', () => {
      const hostile = `<?xml version="1.0"?>\n<!DOCTYPE configuration [<!ENTITY a "${'A'.repeat(1000)}"><!ENTITY b "&a;&a;&a;&a;">]>\n${MINIMAL_APPLICATION_HOST.replace(/^<\?xml[^>]*>\n/, '')}`;
      withSnapshot({ ...VALID, 'applicationHost.config': hostile }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /applicationHost\.config \(line 2\): expected no DOCTYPE/,
        ),
      );
    });
    it('a binary INF', () => {
      const binary = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8, 0x00]);
      withSnapshot({ ...VALID, 'secedit.inf': binary }, (path) =>
        assertInputError(runBundle(['test', '--snapshot', path]), /secedit\.inf/),
      );
    });
    it('a wrongly encoded INF (UTF-16LE BOM with an odd number of bytes)', () => {
      const broken = Buffer.concat([utf16le(MINIMAL_SECEDIT), Buffer.from([0x41])]);
      withSnapshot({ ...VALID, 'secedit.inf': broken }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /secedit\.inf( \(line \d+\))?: expected text in UTF-16LE/,
        ),
      );
    });
    it('an invalid SID string names the line and the entry', () => {
      const badSid = MINIMAL_SECEDIT.replace('*S-1-5-32-551', '*S-1-5-32-xyz');
      withSnapshot({ ...VALID, 'secedit.inf': badSid }, (path) =>
        assertInputError(runBundle(['test', '--snapshot', path]), /secedit\.inf \(line 4\).*S-1-5-32-xyz/),
      );
    });
    it('accounts.json failing its schema names the property', () => {
      const bad = JSON.stringify({ accounts: [{ name: 'WEB01\\anon', sid: 'S-1-5-21-1-2-3-4', kind: 'person' }] });
      withSnapshot({ ...VALID, 'accounts.json': bad }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /accounts\.json \(at \/accounts\/0\/kind\): expected one of "local", "domain", "builtin", "virtual", found "person"/,
        ),
      );
    });
    it('accounts.json that is not JSON names the line', () => {
      withSnapshot({ ...VALID, 'accounts.json': '{\n  "accounts": [\n    {,\n' }, (path) =>
        assertInputError(
          runBundle(['test', '--snapshot', path]),
          /accounts\.json \(line 3, column 6\): expected valid JSON: a property name in double quotes or '}', found ","/,
        ),
      );
    });
    it('an empty folder', () => {
      withSnapshot({}, (path) =>
        assertInputError(runBundle(['test', '--snapshot', path]), /no such file \(an empty folder\)/),
      );
    });
    it('a path that does not exist', () => {
      assertInputError(
        runBundle(['test', '--snapshot', join(REPO_ROOT, 'no-such-snapshot')]),
        /no-such-snapshot: expected a snapshot folder, found no such file or folder/,
      );
    });
    it('stdin that is not JSON', () => {
      assertInputError(runBundle(['test', '--snapshot', '-'], 'secedit.inf here'), /stdin.*expected valid JSON/);
    });
    it('a facts document missing secedit.inf', () => {
      assertInputError(
        runBundle(
          ['test', '--snapshot', '-'],
          JSON.stringify({ files: { 'applicationHost.config': MINIMAL_APPLICATION_HOST } }),
        ),
        /stdin \(at \/files\): expected property "secedit\.inf"/,
      );
    });
  });

  describe('usage errors (exit 2)', () => {
    const cases: [string, string[], RegExp][] = [
      ['no command', ['--snapshot', '.'], /a command is required/],
      ['an unknown command', ['fix', '--snapshot', '.'], /unknown command "fix"/],
      ['an unknown option', ['test', '--snapshot', '.', '--bogus'], /Unknown option '--bogus'/],
      ['a missing --snapshot', ['test'], /--snapshot <folder\|facts\.json\|-> is required/],
      ['a bad --format', ['test', '--snapshot', '.', '--format', 'xml'], /--format must be one of table, json/],
      [
        'a bad --rules',
        ['test', '--snapshot', '.', '--rules', 'strict'],
        /--rules must be one of documented, conservative/,
      ],
    ];
    for (const [what, args, pattern] of cases) {
      it(what, () => {
        const run = runBundle(args);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, pattern);
      });
    }
  });

  it('--help lists every command and the exit code table; --version prints the package version', () => {
    const help = runBundle(['--help']);
    assert.equal(help.status, 0);
    for (const command of ['test', 'get', 'explain']) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.match(help.stdout, /^  3  Invalid input/m);
    const version = runBundle(['--version']);
    assert.equal(version.stdout.trim(), require('../../package.json').version);
  });

  it('ships no file in dist/ other than the CLI bundle, its code cache and the engine bundle for the in-process host', () => {
    assert.deepEqual(readdirSync(join(REPO_ROOT, 'dist')).sort(), [
      'iis-logon-rights.cjs',
      'iis-logon-rights.cjs.cache',
      'iis-logon-rights.engine.js',
    ]);
  });
});
