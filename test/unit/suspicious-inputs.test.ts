import assert from 'node:assert/strict';
import { runInProcess } from '../helpers/in-process';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { loadFactsValue, loadSnapshotFolder } from '../../src/io/snapshot';
import { parseGroupPolicyXmlText } from '../../src/parse/gpresult';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { MINIMAL_ACCOUNTS, MINIMAL_APPLICATION_HOST, MINIMAL_SECEDIT, makeSnapshotFolder } from '../helpers/cli';
import { inputErrorFrom } from '../helpers/errors';

/**
 * Inputs that parse but say less than they seem to (issue 15): a secedit.inf with no user
 * rights (a failed or truncated export) and a right name disguised with invisible characters.
 */

const NO_PRIVILEGE_RIGHTS = '[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n';
const EMPTY_PRIVILEGE_RIGHTS =
  '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n[Version]\r\nsignature="$CHICAGO$"\r\n';

function snapshotWithSecedit(secedit: string | Buffer): { path: string; cleanup: () => void } {
  return makeSnapshotFolder({
    'secedit.inf': secedit,
    'applicationHost.config': MINIMAL_APPLICATION_HOST,
    'accounts.json': MINIMAL_ACCOUNTS,
  });
}

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  const { status: code, stdout, stderr } = runInProcess(argv);
  return { code, stdout, stderr };
}

describe('a secedit.inf with no user rights is refused unless --allow-no-user-rights', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    [
      'a 0-byte file',
      Buffer.alloc(0),
      /expected a \[Privilege Rights\] section, which secedit \/export always writes \(give --allow-no-user-rights if this host really has none\), found no section at all/,
    ],
    ['no [Privilege Rights] section', NO_PRIVILEGE_RIGHTS, /found only "\[Unicode\]", "\[Version\]"/],
    [
      'an empty [Privilege Rights] section',
      EMPTY_PRIVILEGE_RIGHTS,
      /secedit\.inf \(element \[Privilege Rights\]\): expected at least one right in it.*found an empty section/,
    ],
  ];
  for (const [what, secedit, message] of cases) {
    it(`${what}: exit 3 naming secedit.inf; accepted with the option`, () => {
      const folder = snapshotWithSecedit(secedit);
      try {
        const error = inputErrorFrom(() => loadSnapshotFolder(folder.path));
        assert.match(error.message, /secedit\.inf \((line 1|element \[Privilege Rights\])\): /);
        assert.match(error.message, message);
        const refused = run(['test', '--snapshot', folder.path, '--format', 'json']);
        assert.equal(refused.code, EXIT_CODES.invalidInput.code);
        assert.equal(refused.stdout, '');
        // Judged as holding no rights: the anonymous account misses network logon (the pool
        // identity's own right is self-granted by IIS, so that finding stays ok).
        const accepted = run(['test', '--snapshot', folder.path, '--format', 'json', '--allow-no-user-rights']);
        assert.equal(accepted.code, EXIT_CODES.notInDesiredState.code, accepted.stderr);
        assert.equal(JSON.parse(accepted.stdout).summary.missing, 1);
        const report = run(['report', folder.path, '--format', 'json']);
        assert.equal(report.code, EXIT_CODES.invalidInput.code);
        assert.equal(
          run(['report', folder.path, '--format', 'json', '--allow-no-user-rights']).code,
          EXIT_CODES.notInDesiredState.code,
        );
      } finally {
        folder.cleanup();
      }
    });
  }

  it('applies to facts documents too', () => {
    const error = inputErrorFrom(() =>
      loadFactsValue({ files: { 'secedit.inf': '', 'applicationHost.config': MINIMAL_APPLICATION_HOST } }, 'stdin'),
    );
    assert.match(error.message, /^stdin:\/files\/secedit\.inf \(line 1\): expected a \[Privilege Rights\] section/);
    assert.equal(
      loadFactsValue(
        { files: { 'secedit.inf': EMPTY_PRIVILEGE_RIGHTS, 'applicationHost.config': MINIMAL_APPLICATION_HOST } },
        'stdin',
        { allowNoUserRights: true },
      ).localPolicy.privilegeRights?.size,
      0,
    );
  });

  it('is a usage error where no snapshot is read', () => {
    assert.equal(run(['check-plan', '--plan', 'x.json', '--allow-no-user-rights']).code, EXIT_CODES.usage.code);
  });

  it('a real export with rights is unaffected', () => {
    const folder = snapshotWithSecedit(MINIMAL_SECEDIT);
    try {
      assert.equal(loadSnapshotFolder(folder.path).localPolicy.privilegeRights?.size, 2);
    } finally {
      folder.cleanup();
    }
  });
});

describe('a right name disguised with invisible characters is refused with its place', () => {
  const INVISIBLE = ['\u200b', '\ufeff', '\u2060', '\u200e', '\u202e', '\u00ad', '\u00a0', '\u3164', '\ufe0f'];

  for (const character of INVISIBLE) {
    const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    it(`${code} inside or before SeDenyNetworkLogonRight`, () => {
      for (const disguised of [`${character}SeDenyNetworkLogonRight`, `SeDeny${character}NetworkLogonRight`]) {
        const inf = `[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-1-0\r\n${disguised} = *S-1-5-21-1000-2000-3000-1005\r\n`;
        let error;
        try {
          const template = parseSecurityTemplateText(inf, 'secedit.inf');
          // Leading characters JavaScript trims as white space are simply part of the layout.
          assert.ok(
            template.privilegeRights!.has('SeDenyNetworkLogonRight'),
            `${code} was neither refused nor trimmed`,
          );
          continue;
        } catch (thrown) {
          error = thrown as Error;
        }
        assert.equal(
          error.message,
          `secedit.inf (line 5): expected a right name without invisible characters, found SeDenyNetworkLogonRight with ${code} in it (Windows would not recognise it, so the right would be ignored)`,
        );
      }
    });
  }

  it('an unknown right without invisible characters is still only a warning', () => {
    const template = parseSecurityTemplateText(
      '[Privilege Rights]\r\nSeMadeUpRight = *S-1-1-0\r\nSe\u200bMadeUp = *S-1-1-0\r\n',
      'secedit.inf',
    );
    assert.deepEqual(
      template.diagnostics.map((diagnostic) => diagnostic.code),
      ['unknown-right', 'unknown-right'],
    );
  });

  it('in gpresult.xml and rsop.json as well', () => {
    const rsop = JSON.stringify([
      {
        right: 'SeDenyNetwork\u200bLogonRight',
        accounts: ['*S-1-1-0'],
        precedence: 1,
        gpoId: '{31B2F340-016D-11D2-945F-00C04FB984F9}',
        gpoName: 'Default Domain Policy',
      },
    ]);
    assert.match(
      inputErrorFrom(() => parseRsopJsonText(rsop, 'rsop.json')).message,
      /^rsop\.json \(at \/0\/right\): expected a right name without invisible characters, found SeDenyNetworkLogonRight with U\+200B/,
    );
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Rsop xmlns="http://www.microsoft.com/GroupPolicy/Rsop"><ComputerResults>
<GPO><Name>Default Domain Policy</Name><Path><Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{31B2F340-016D-11D2-945F-00C04FB984F9}</Identifier></Path></GPO>
<ExtensionData><Extension xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/Security" xsi:type="q1:SecuritySettings" xmlns="http://www.microsoft.com/GroupPolicy/Settings" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<q1:UserRightsAssignment><GPO xmlns="http://www.microsoft.com/GroupPolicy/Settings/Base"><Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{31B2F340-016D-11D2-945F-00C04FB984F9}</Identifier></GPO><Precedence xmlns="http://www.microsoft.com/GroupPolicy/Settings/Base">1</Precedence><q1:Name>\u200bSeDenyNetworkLogonRight</q1:Name><q1:Member><Name xmlns="http://www.microsoft.com/GroupPolicy/Types">Everyone</Name></q1:Member></q1:UserRightsAssignment>
</Extension></ExtensionData></ComputerResults></Rsop>`;
    assert.match(
      inputErrorFrom(() => parseGroupPolicyXmlText(xml, 'gpresult.xml')).message,
      /^gpresult\.xml \(line 5, element <q1:UserRightsAssignment>\): expected a right name without invisible characters, found SeDenyNetworkLogonRight with U\+200B/,
    );
  });
});
