import assert from 'node:assert/strict';
import { inputErrorFrom } from '../helpers/errors';
import {
  applicationHost,
  configFile,
  parse,
  scope,
  SECTION,
  webConfigs,
  type Entry,
} from '../helpers/webconfig-snapshots';

/**
 * What IIS accepts from a web.config besides the applicationHost.config location locks
 * (section-lock.test.ts); facts written down before the code, sources in CONFIGURATION_RULES:
 * - Locks written in a web.config (`<location overrideMode="Deny">`, `allowOverride="false"`)
 *   bind the web.config files below it, from that path down, never the file that writes them
 *   ("How to Use Locking in IIS 7.0 Configuration": "Locking can occur at any level of the
 *   hierarchy ... Locking takes effect from that level downwards").
 * - lockAttributes / lockAllAttributesExcept / lockItem on the section at a higher level: a
 *   lower web.config that writes a locked attribute at all (whatever its value), or the section
 *   under lockItem, fails with 500.19 "Lock violation"; open attributes may still be written.
 * - allowDefinition and allowLocation on the declaration say which files and whether
 *   `<location>` tags may hold the section; elsewhere the web.config is a 500.19.
 */

const location = (path: string, attributes: string, section: string) =>
  `<location path="${path}" ${attributes}>${section}</location>`;

const UNLOCKED = location('Blog', 'overrideMode="Allow"', SECTION(''));

function judged(host: string, ...entries: Entry[]) {
  const config = parse(host, webConfigs(...entries));
  const user = (path: string) => scope(config, path).anonymous.userName;
  const codes = config.diagnostics.map((diagnostic) => diagnostic.code).filter((code) => code.startsWith('webconfig'));
  return { config, user, codes };
}

describe('web.config acceptance: locks in web.config files, attribute locks, allowDefinition', () => {
  describe('locks written inside a web.config', () => {
    it('<location path="." overrideMode="Deny"> in the root web.config refuses the /app web.config, not its own settings', () => {
      const root = configFile(location('.', 'overrideMode="Deny"', SECTION('userName="WEB\\root"')));
      const { config, user, codes } = judged(
        applicationHost('Deny', UNLOCKED),
        { path: '/', text: root },
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
      );
      assert.deepEqual([user('/'), user('/app'), codes], ['WEB\\root', 'WEB\\root', ['webconfig-section-locked']]);
      const warning = config.diagnostics.find((diagnostic) => diagnostic.code === 'webconfig-section-locked')!;
      assert.match(
        warning.message,
        /^web\.config "D:\\w\/app\\web\.config" \(site "Blog" path \/app\) sets anonymousAuthentication \(userName="WEB\\\\app", line 3\) for \/app, where web\.config "D:\\w\/\\web\.config" \(site "Blog" path \/\) locks the section \(<location path="\." overrideMode="Deny"> \(line 3\)\): IIS answers HTTP 500\.19 \(0x80070021/,
      );
      assert.match(warning.message, /remove the lock from web\.config .* or the section from this web\.config/);
      // The path and everything below it answer 500.19 first; the findings there say so (refusedWebConfigs).
      assert.equal(scope(config, '/').refusedWebConfigs, undefined);
      assert.deepEqual(scope(config, '/app').refusedWebConfigs, [
        'web.config "D:\\w/app\\web.config" (site "Blog" path /app): web.config "D:\\w/\\web.config" (site "Blog" path /) locks the section (<location path="." overrideMode="Deny"> (line 3))',
      ]);
    });

    it('a lock for a deeper path binds only files below it; the same file still sets that path', () => {
      const root = configFile(
        SECTION('userName="WEB\\root"') + location('app', 'allowOverride="false"', SECTION('userName="WEB\\locked"')),
      );
      const { user, codes } = judged(
        applicationHost('Deny', UNLOCKED),
        { path: '/', text: root },
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
        { path: '/other', text: configFile(SECTION('userName="WEB\\other"')) },
      );
      assert.deepEqual(
        [user('/'), user('/app'), user('/other'), codes],
        ['WEB\\root', 'WEB\\locked', 'WEB\\other', ['webconfig-section-locked']],
      );
    });

    it('the file order in webconfigs.json does not matter: upper files bind lower ones', () => {
      const root = configFile(location('.', 'overrideMode="Deny"', SECTION('userName="WEB\\root"')));
      const { user, codes } = judged(
        applicationHost('Deny', UNLOCKED),
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
        { path: '/', text: root },
      );
      assert.deepEqual([user('/app'), codes], ['WEB\\root', ['webconfig-section-locked']]);
    });

    it('a deeper applicationHost.config Allow is nearer than a web.config Deny above it, with a warning', () => {
      const root = configFile(location('.', 'overrideMode="Deny"', SECTION('userName="WEB\\root"')));
      const { user, codes, config } = judged(
        applicationHost('Deny', UNLOCKED + location('Blog/app', 'overrideMode="Allow"', SECTION(''))),
        { path: '/', text: root },
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
      );
      assert.deepEqual([user('/app'), codes], ['WEB\\app', ['webconfig-lock-precedence']]);
      assert.match(
        config.diagnostics.at(-1)!.message,
        /: accepted, because applicationHost\.config's <location path="Blog\/app" overrideMode="Allow"> \(line \d+\) is nearer to \/app than the lock web\.config .* writes \(<location path="\." overrideMode="Deny"> \(line 3\)\)\. IIS documents no order .* if the web\.config's lock wins, IIS answers HTTP 500\.19 for \/app/,
      );
    });

    it('a web.config location that writes both overrideMode and allowOverride is a warning, as in applicationHost.config', () => {
      const root = configFile(location('app', 'overrideMode="Deny" allowOverride="true"', SECTION('')));
      const { config } = judged(applicationHost('Deny', UNLOCKED), { path: '/', text: root });
      const ambiguous = config.diagnostics.filter((diagnostic) => diagnostic.code === 'location-lock-ambiguous');
      assert.equal(ambiguous.length, 1);
      assert.equal(ambiguous[0]!.file, 'web.config "D:\\w/\\web.config" (site "Blog" path /)');
    });
  });

  describe('attribute and item locks', () => {
    const lockedAt = (attributes: string) =>
      applicationHost('Deny', location('Blog', 'overrideMode="Allow"', SECTION(`userName="WEB\\host" ${attributes}`)));

    it('lockAttributes="userName": writing userName is refused whatever its value; writing enabled is not', () => {
      const { config, user, codes } = judged(
        lockedAt('lockAttributes="userName"'),
        { path: '/', text: configFile(SECTION('userName="WEB\\host"')) },
        { path: '/app', text: configFile(SECTION('enabled="false"')) },
      );
      assert.deepEqual(codes, ['webconfig-lock-violation']);
      assert.equal(user('/'), 'WEB\\host');
      assert.equal(scope(config, '/app').anonymous.enabled, false);
      assert.match(
        config.diagnostics.find((diagnostic) => diagnostic.code === 'webconfig-lock-violation')!.message,
        /for \/, where applicationHost\.config locks userName \(lockAttributes="userName" on <location path="Blog"> \(line \d+\)\): IIS answers HTTP 500\.19 \("Lock violation"\) for \/ and every path below it/,
      );
    });

    it('lockAttributes="*" and lockAllAttributesExcept lock what they say, names compared without case', () => {
      const all = judged(lockedAt('lockAttributes="*"'), { path: '/app', text: configFile(SECTION('enabled="true"')) });
      assert.deepEqual(all.codes, ['webconfig-lock-violation']);
      const except = judged(
        lockedAt('lockAllAttributesExcept="Enabled, logonMethod"'),
        { path: '/', text: configFile(SECTION('logonMethod="Network" enabled="true"')) },
        { path: '/app', text: configFile(SECTION('password="[redacted]"')) },
      );
      assert.deepEqual(except.codes, ['webconfig-lock-violation']);
      assert.equal(except.config.diagnostics.at(-1)!.message.includes('path /app'), true);
      assert.equal(scope(except.config, '/').anonymous.logonMethod, 'Network');
    });

    it('lockItem="true" refuses any anonymousAuthentication element below, even an empty one', () => {
      const { codes, config } = judged(lockedAt('lockItem="true"'), { path: '/app', text: configFile(SECTION('')) });
      assert.deepEqual(codes, ['webconfig-lock-violation']);
      assert.match(config.diagnostics.at(-1)!.message, /locks the whole section \(lockItem="true" on/);
    });

    it('a server-level attribute lock binds every site', () => {
      const host = applicationHost('Allow').replace(
        'userName="CONTOSO\\server"',
        'userName="CONTOSO\\server" lockAttributes="userName"',
      );
      const { user, codes } = judged(host, { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) });
      assert.deepEqual([user('/app'), codes], ['CONTOSO\\server', ['webconfig-lock-violation']]);
    });

    it('an attribute lock in a web.config binds the files below it, not itself', () => {
      const root = configFile(SECTION('userName="WEB\\root" lockAttributes="userName"'));
      const { user, codes } = judged(
        applicationHost('Deny', UNLOCKED),
        { path: '/', text: root },
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
      );
      assert.deepEqual([user('/'), user('/app'), codes], ['WEB\\root', 'WEB\\root', ['webconfig-lock-violation']]);
    });

    it('without any lock attribute the output is what it was', () => {
      const { codes, user } = judged(applicationHost('Deny', UNLOCKED), {
        path: '/app',
        text: configFile(SECTION('userName="WEB\\app"')),
      });
      assert.deepEqual([user('/app'), codes], ['WEB\\app', []]);
    });
  });

  describe('allowDefinition and allowLocation on the declaration', () => {
    const declared = (attributes: string) =>
      applicationHost('Allow').replace('overrideModeDefault="Allow"', `overrideModeDefault="Allow" ${attributes}`);

    it('AppHostOnly (and MachineOnly, MachineToWebRoot): every web.config that sets the section is refused', () => {
      for (const value of ['AppHostOnly', 'MachineOnly', 'MachineToWebRoot']) {
        const { user, codes, config } = judged(declared(`allowDefinition="${value}"`), {
          path: '/app',
          text: configFile(SECTION('userName="WEB\\app"')),
        });
        assert.deepEqual([user('/app'), codes], ['CONTOSO\\server', ['webconfig-section-not-allowed']], value);
        assert.match(config.diagnostics.at(-1)!.message, new RegExp(`allowDefinition="${value}" \\(line \\d+\\)`));
      }
    });

    it('MachineToApplication: application roots may, a plain folder may not', () => {
      const { user, codes, config } = judged(
        declared('allowDefinition="MachineToApplication"'),
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
        { path: '/docs', text: configFile(SECTION('userName="WEB\\docs"')) },
      );
      assert.deepEqual([user('/app'), codes], ['WEB\\app', ['webconfig-section-not-allowed']]);
      // A refused plain folder adds no scope of its own: it inherits /, and IIS answers 500.19 there.
      assert.deepEqual(
        config.scopes.map((candidate) => candidate.path),
        ['/', '/app'],
      );
      assert.match(config.diagnostics.at(-1)!.message, /and \/docs is not the root of an application: IIS refuses/);
    });

    it('allowLocation="false": a web.config <location> may not hold the section; its top level may', () => {
      const root = configFile(
        SECTION('userName="WEB\\root"') + location('app', '', SECTION('userName="WEB\\in-location"')),
      );
      const { user, codes } = judged(declared('allowLocation="false"'), { path: '/', text: root });
      assert.deepEqual([user('/'), user('/app'), codes], ['WEB\\root', 'WEB\\root', ['webconfig-section-not-allowed']]);
    });

    it('applicationHost.config itself against its declaration: a warning, settings read as written', () => {
      const inLocation = parse(declared('allowLocation="false"'), webConfigs());
      assert.deepEqual(
        inLocation.diagnostics.map((diagnostic) => diagnostic.code),
        ['anonymous-section-unlocked'],
        'no location tag holds the section: nothing to say',
      );
      const host = declared('allowLocation="false"').replace(
        '</configuration>',
        `${location('Blog/app', '', SECTION('userName="WEB\\loc"'))}${location('Blog', '', '<system.webServer><defaultDocument /></system.webServer>')}</configuration>`,
      );
      const located = parse(host, webConfigs());
      assert.equal(scope(located, '/app').anonymous.userName, 'WEB\\loc');
      const warning = located.diagnostics.find((diagnostic) => diagnostic.code === 'anonymous-section-not-allowed')!;
      assert.match(
        warning.message,
        /^applicationHost\.config sets anonymousAuthentication in <location> tags \(line \d+\) though its declaration keeps the section out of them \(allowLocation="false" \(line \d+\)\): IIS may refuse those tags/,
      );
      const machineOnly = parse(declared('allowDefinition="MachineOnly"'), webConfigs());
      assert.match(
        machineOnly.diagnostics.find((diagnostic) => diagnostic.code === 'anonymous-section-not-allowed')!.message,
        /allows the section only in machine\.config \(allowDefinition="MachineOnly" \(line \d+\)\)/,
      );
      const everywhere = parse(applicationHost('Allow'), webConfigs());
      assert.equal(
        everywhere.diagnostics.some((diagnostic) => diagnostic.code === 'anonymous-section-not-allowed'),
        false,
      );
    });

    it('a value IIS would not load is one InputError', () => {
      const bad = inputErrorFrom(() => parse(declared('allowDefinition="Anywhere"'), webConfigs()));
      assert.match(
        bad.message,
        /expected allowDefinition to be one of Everywhere, MachineToApplication, .*found "Anywhere"/,
      );
      const badLocation = inputErrorFrom(() => parse(declared('allowLocation="maybe"'), webConfigs()));
      assert.match(badLocation.message, /expected allowLocation to be true or false, found "maybe"/);
    });
  });
});
