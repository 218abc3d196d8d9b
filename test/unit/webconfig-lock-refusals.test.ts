import assert from 'node:assert/strict';
import type { IisConfiguration } from '../../src/core/model';
import { applicationHost, configFile, parse, SECTION, webConfigs, type Entry } from '../helpers/webconfig-snapshots';

/**
 * Which lock refuses a web.config, and the exact warning and finding note it gives
 * (webconfig-locks.test.ts shows the settings that then apply): applicationHost.config locks
 * send the user to `appcmd unlock config`, web.config locks to the file that writes them; an
 * item lock names the whole section; several locks at one path all bind; a web.config IIS
 * refuses binds nothing below it.
 */

const location = (path: string, attributes: string, section: string) =>
  `<location path="${path}" ${attributes}>${section}</location>`;
const UNLOCKED = location('Blog', 'overrideMode="Allow"', SECTION(''));
const ROOT = 'web.config "D:\\w/\\web.config" (site "Blog" path /)';
const APP = 'web.config "D:\\w/app\\web.config" (site "Blog" path /app)';
const HTTP_500_19 =
  '(0x80070021, "This configuration section cannot be used at this path") for /app and every path below it';
const JUDGED_ABOVE = 'The anonymous identity there is judged from the configuration IIS accepts above it.';

function judged(host: string, ...entries: Entry[]) {
  const config: IisConfiguration = parse(host, webConfigs(...entries));
  const warnings = config.diagnostics
    .filter((diagnostic) => diagnostic.code.startsWith('webconfig'))
    .map((diagnostic) => [diagnostic.code, diagnostic.message]);
  const scopes = config.scopes.map((scope) => [scope.path, scope.anonymous.userName, scope.refusedWebConfigs ?? []]);
  return { warnings, scopes };
}

describe('web.config refusals: which lock, and the words', () => {
  it('an applicationHost.config lock tells the user to unlock the section', () => {
    const at = '<location path="Blog/app" overrideMode="Deny"> (line 16)';
    // A web.config Deny above a nearer applicationHost.config Deny changes nothing: no precedence doubt.
    const { warnings, scopes } = judged(
      applicationHost('Deny', UNLOCKED + location('Blog/app', 'overrideMode="Deny"', SECTION(''))),
      { path: '/', text: configFile(location('.', 'overrideMode="Deny"', SECTION(''))) },
      { path: '/app', text: configFile(SECTION('userName="W\\app"')) },
    );
    assert.deepEqual(warnings, [
      [
        'webconfig-section-locked',
        `${APP} sets anonymousAuthentication (userName="W\\\\app", line 3) for /app, where applicationHost.config locks the section (${at}): IIS answers HTTP 500.19 ${HTTP_500_19}. No logon right fixes that; unlock the section (appcmd unlock config) or remove it from the web.config. The anonymous identity there is judged from applicationHost.config.`,
      ],
    ]);
    assert.deepEqual(scopes[1], [
      '/app',
      'CONTOSO\\server',
      [`${APP}: applicationHost.config locks the section (${at})`],
    ]);
  });

  it('applicationHost.config Allow nearer than a web.config Allow: accepted, no doubt to report', () => {
    const { warnings, scopes } = judged(
      applicationHost('Deny', UNLOCKED + location('Blog/app', 'overrideMode="Allow"', SECTION(''))),
      { path: '/', text: configFile(location('.', 'overrideMode="Allow"', SECTION(''))) },
      { path: '/app', text: configFile(SECTION('userName="W\\app"')) },
    );
    assert.deepEqual([warnings, scopes[1]], [[], ['/app', 'W\\app', []]]);
  });

  it('an item lock in a web.config names the whole section and the file that locks it', () => {
    const at = `lockItem="true" on ${ROOT} (line 3)`;
    const { warnings, scopes } = judged(
      applicationHost('Deny', UNLOCKED),
      { path: '/', text: configFile(SECTION('lockItem="true"')) },
      { path: '/app', text: configFile(SECTION('enabled="true"')) },
    );
    assert.deepEqual(warnings, [
      [
        'webconfig-lock-violation',
        `${APP} sets anonymousAuthentication (enabled="true", line 3) for /app, where ${ROOT} locks the whole section (${at}): IIS answers HTTP 500.19 ("Lock violation") for /app and every path below it, whatever value the web.config writes. No logon right fixes that; remove the section from the web.config, or the lock from ${ROOT}. ${JUDGED_ABOVE}`,
      ],
    ]);
    assert.deepEqual(scopes[1]![2], [`${APP}: it writes the whole section, which ${ROOT} locks (${at})`]);
  });

  it('attribute locks name the locked attributes each section writes', () => {
    const at = 'lockAttributes="userName,enabled" on <location path="Blog"> (line 16)';
    const { warnings, scopes } = judged(
      applicationHost('Deny', location('Blog', 'overrideMode="Allow"', SECTION('lockAttributes="userName,enabled"'))),
      { path: '/app', text: configFile(SECTION('enabled="true" userName="W\\a"') + SECTION('userName="W\\b"')) },
    );
    const violation = (written: string, what: string) => [
      'webconfig-lock-violation',
      `${APP} sets anonymousAuthentication (${written}, line 3) for /app, where applicationHost.config locks ${what} (${at}): IIS answers HTTP 500.19 ("Lock violation") for /app and every path below it, whatever value the web.config writes. No logon right fixes that; remove ${what} from the web.config, or the lock from applicationHost.config. ${JUDGED_ABOVE}`,
    ];
    assert.deepEqual(warnings, [
      violation('enabled="true", userName="W\\\\a"', 'enabled, userName'),
      violation('userName="W\\\\b"', 'userName'),
    ]);
    assert.deepEqual(scopes[1]![2], [
      `${APP}: it writes enabled, userName, which applicationHost.config locks (${at})`,
      `${APP}: it writes userName, which applicationHost.config locks (${at})`,
    ]);
  });

  // Two locks one web.config writes for its own path, in either order: both bind the file below.
  for (const [name, body] of [
    ['section lock first', location('.', 'overrideMode="Deny"', SECTION('')) + SECTION('lockAttributes="userName"')],
    ['attribute lock first', SECTION('lockAttributes="userName"') + location('.', 'overrideMode="Deny"', SECTION(''))],
  ] as const)
    it(`a section lock and an attribute lock at one path (${name}) both bind the file below`, () => {
      const { warnings } = judged(
        applicationHost('Deny', UNLOCKED),
        { path: '/', text: configFile(body) },
        { path: '/app', text: configFile(SECTION('enabled="false"')) },
      );
      assert.deepEqual(
        warnings.map(([code]) => code),
        ['webconfig-section-locked'],
      );
      assert.match(
        warnings[0]![1]!,
        /where web\.config "D:\\w\/\\web\.config" \(site "Blog" path \/\) locks the section/,
      );
    });

  it('a web.config IIS refuses (one section refused) binds nothing below it, not even its accepted section', () => {
    const host = applicationHost('Deny', UNLOCKED).replace(
      'overrideModeDefault="Deny"',
      'overrideModeDefault="Deny" allowLocation="false"',
    );
    const { warnings, scopes } = judged(
      host,
      {
        path: '/',
        text: configFile(SECTION('userName="W\\root" lockAttributes="userName"') + location('docs', '', SECTION(''))),
      },
      { path: '/app', text: configFile(SECTION('userName="W\\app"')) },
    );
    assert.deepEqual(
      warnings.map(([code]) => code),
      ['webconfig-section-not-allowed'],
    );
    assert.deepEqual(scopes[1], ['/app', 'W\\app', []]);
  });

  it('a web.config of a site applicationHost.config does not define is ignored with a warning', () => {
    const { warnings, scopes } = judged(applicationHost('Allow'), {
      site: 'Nope',
      path: '/',
      text: configFile(SECTION('userName="W\\n"')),
    });
    assert.deepEqual(warnings, [
      [
        'webconfig-orphan',
        'web.config "D:\\w/\\web.config" (site "Nope" path /) belongs to no site defined in <sites>; it is ignored',
      ],
    ]);
    assert.deepEqual(
      scopes.map(([, user]) => user),
      ['CONTOSO\\server', 'CONTOSO\\server'],
    );
  });

  it('MachineToApplication: the site root\'s web.config may set the section though no <application path="/"> is written', () => {
    const host = applicationHost('Allow')
      .replace(/<application path="\/" [^\n]*<\/application>/, '')
      .replace('overrideModeDefault="Allow"', 'overrideModeDefault="Allow" allowDefinition="MachineToApplication"');
    const { warnings, scopes } = judged(host, { path: '/', text: configFile(SECTION('userName="W\\r"')) });
    assert.deepEqual([warnings, scopes[0]], [[], ['/', 'W\\r', []]]);
  });
});

describe('attribute locks: what each lock attribute locks, and how the lock is named', () => {
  const lockedAt = (attributes: string) =>
    applicationHost('Deny', location('Blog', 'overrideMode="Allow"', SECTION(attributes)));
  const CASES: { lock: string; writes: string; refused: string | undefined }[] = [
    { lock: 'lockAttributes="enabled"', writes: 'userName="W\\a"', refused: undefined },
    { lock: 'lockAttributes="logonMethod"', writes: 'logonMethod="Network"', refused: 'logonMethod' },
    { lock: 'lockAttributes="password"', writes: 'password="[redacted]"', refused: 'password' },
    { lock: 'lockAllAttributesExcept="enabled"', writes: 'enabled="false"', refused: undefined },
    { lock: 'lockAllAttributesExcept="enabled"', writes: 'enabled="false" userName="W\\a"', refused: 'userName' },
    { lock: 'lockItem="true" lockAttributes="userName"', writes: 'enabled="false"', refused: 'the whole section' },
  ];
  for (const { lock, writes, refused } of CASES)
    it(`${lock}, a web.config writing ${writes}: ${refused === undefined ? 'accepted' : `refused for ${refused}`}`, () => {
      const { warnings } = judged(lockedAt(lock), { path: '/app', text: configFile(SECTION(writes)) });
      if (refused === undefined) assert.deepEqual(warnings, []);
      else
        assert.match(
          warnings[0]![1]!,
          new RegExp(
            `where applicationHost\\.config locks ${refused} \\(${lock.replace(/[()]/g, '\\$&')} on <location path="Blog"> \\(line 16\\)\\)`,
          ),
        );
    });
});
