import assert from 'node:assert/strict';
import { inputErrorFrom } from '../helpers/errors';
import {
  applicationHost,
  configFile,
  parse,
  scope,
  SECTION,
  webConfigs,
  type Declaration,
} from '../helpers/webconfig-snapshots';

/**
 * Configuration locking of anonymousAuthentication, per path, as IIS evaluates it (facts written
 * down before the code; sources in src/core/rules.ts, CONFIGURATION_RULES):
 * - overrideModeDefault on the section's declaration is the default; a declaration without it
 *   means "Allow" (IAppHostSectionDefinition::OverrideModeDefault, and the comment IIS ships at
 *   the top of applicationHost.config).
 * - A <location> holding the section with overrideMode="Allow"/"Deny", or the legacy
 *   allowOverride="false" (Deny), sets the mode for its path and below; Inherit sets nothing. The
 *   nearest one wins, so a deeper Deny locks a path again below an Allow (what
 *   `appcmd lock config "Site/path"` writes) and a deeper Allow unlocks it again.
 * - A web.config that sets a locked section makes IIS answer 500.19 (0x80070021) there; its
 *   settings never apply.
 */

const location = (path: string, attributes: string, section = SECTION('')) =>
  `<location path="${path}" ${attributes}>${section}</location>`;

/** Root and /app web.configs that each name their own anonymous user. */
const BOTH_WEB_CONFIGS = webConfigs(
  { path: '/', text: configFile(SECTION('userName="WEB\\root"')) },
  { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
);

function users(declaration: Declaration, locations: string) {
  const config = parse(applicationHost(declaration, locations), BOTH_WEB_CONFIGS);
  return {
    config,
    root: scope(config, '/').anonymous.userName,
    app: scope(config, '/app').anonymous.userName,
    codes: config.diagnostics.map((diagnostic) => diagnostic.code),
  };
}

describe('anonymousAuthentication locking, per path (section-lock)', () => {
  it('a deeper overrideMode="Deny" locks the section again below an Allow: that web.config is refused with 500.19', () => {
    const { config, root, app, codes } = users(
      'Deny',
      location('Blog', 'overrideMode="Allow"') + location('Blog/app', 'overrideMode="Deny"'),
    );
    assert.equal(root, 'WEB\\root');
    // /app inherits the root web.config (unlocked at /), its own web.config is refused.
    assert.equal(app, 'WEB\\root');
    assert.deepEqual(codes, ['webconfig-section-locked']);
    const warning = config.diagnostics[0]!;
    assert.match(
      warning.message,
      /site "Blog" path \/app\).*for \/app, where applicationHost\.config locks the section/,
    );
    assert.match(warning.message, /\(<location path="Blog\/app" overrideMode="Deny"> \(line \d+\)\)/);
    assert.match(warning.message, /HTTP 500\.19 \(0x80070021/);
    // Only the root web.config could change /app, and it was collected.
    assert.deepEqual(scope(config, '/app').webConfigGaps, []);
    assert.match(
      scope(config, '/app').anonymousUnlockedAt!,
      /^<location path="Blog" overrideMode="Allow"> \(line \d+\) above it, though <location path="Blog\/app" overrideMode="Deny"> \(line \d+\) locks it again for this path$/,
    );
    assert.match(scope(config, '/').anonymousUnlockedAt!, /^<location path="Blog" overrideMode="Allow"> \(line \d+\)$/);
  });

  it('the legacy allowOverride="false" locks exactly as overrideMode="Deny" does', () => {
    const { root, app, codes, config } = users(
      'Deny',
      location('Blog', 'overrideMode="Allow"') + location('Blog/app', 'allowOverride="false"'),
    );
    assert.deepEqual([root, app, codes], ['WEB\\root', 'WEB\\root', ['webconfig-section-locked']]);
    assert.match(config.diagnostics[0]!.message, /<location path="Blog\/app" allowOverride="false">/);
  });

  it('overrideModeDefault="Allow" is locked again everywhere by a server-level Deny, and unlocked again for one path', () => {
    const lockedEverywhere = users('Allow', location('', 'overrideMode="Deny"'));
    assert.deepEqual(
      [lockedEverywhere.root, lockedEverywhere.app],
      ['CONTOSO\\server', 'CONTOSO\\server'],
      'both web.configs refused',
    );
    assert.deepEqual(lockedEverywhere.codes, [
      'anonymous-section-unlocked',
      'webconfig-section-locked',
      'webconfig-section-locked',
    ]);
    assert.equal(scope(lockedEverywhere.config, '/app').anonymousUnlockedAt, undefined);
    assert.equal(scope(lockedEverywhere.config, '/app').webConfigGaps, undefined);

    const appOnly = users('Allow', location('.', 'overrideMode="Deny"') + location('Blog/app', 'overrideMode="Allow"'));
    assert.deepEqual([appOnly.root, appOnly.app], ['CONTOSO\\server', 'WEB\\app']);
    assert.deepEqual(appOnly.codes, ['anonymous-section-unlocked', 'webconfig-section-locked']);
  });

  it('a declaration without overrideModeDefault is "Allow"; no declaration at all is taken as IIS ships it, "Deny"', () => {
    const noAttribute = users('no-attribute', '');
    assert.deepEqual([noAttribute.root, noAttribute.app], ['WEB\\root', 'WEB\\app']);
    assert.deepEqual(noAttribute.codes, ['anonymous-section-unlocked']);
    assert.match(noAttribute.config.diagnostics[0]!.message, /without overrideModeDefault, which IIS reads as "Allow"/);
    const undeclared = users('undeclared', '');
    assert.deepEqual([undeclared.root, undeclared.app], ['CONTOSO\\server', 'CONTOSO\\server']);
    assert.deepEqual(undeclared.codes, ['webconfig-section-locked', 'webconfig-section-locked']);
  });

  it('overrideMode="Inherit" and a location that does not hold the section change no lock', () => {
    const inherit = users(
      'Deny',
      location('Blog', 'overrideMode="Allow"') + location('Blog/app', 'overrideMode="Inherit"'),
    );
    assert.deepEqual([inherit.root, inherit.app, inherit.codes], ['WEB\\root', 'WEB\\app', []]);
    const otherSection = location(
      'Blog/app',
      'overrideMode="Deny"',
      '<system.webServer><defaultDocument enabled="true" /></system.webServer>',
    );
    const elsewhere = users('Deny', location('Blog', 'overrideMode="Allow"') + otherSection);
    assert.deepEqual([elsewhere.root, elsewhere.app, elsewhere.codes], ['WEB\\root', 'WEB\\app', []]);
  });

  it('Allow, Deny, Allow down one path: only the unlocked paths can be gaps', () => {
    const host = applicationHost(
      'Deny',
      location('Blog', 'overrideMode="Allow"') +
        location('Blog/app', 'overrideMode="Deny"') +
        location('Blog/app/inner', 'overrideMode="Allow"'),
    );
    const config = parse(host, webConfigs({ path: '/app', state: 'absent' }));
    assert.deepEqual(scope(config, '/app/inner').webConfigGaps, [
      '/ (no web.config was collected there)',
      '/app/inner (no web.config was collected there)',
    ]);
    assert.deepEqual(scope(config, '/app').webConfigGaps, ['/ (no web.config was collected there)']);
  });

  it('unlocked at the server but locked at the site root: nothing can change the site', () => {
    const { config, root, codes } = users('Allow', location('Blog', 'overrideMode="Deny"'));
    assert.equal(root, 'CONTOSO\\server');
    assert.deepEqual(codes, ['anonymous-section-unlocked', 'webconfig-section-locked', 'webconfig-section-locked']);
    assert.equal(scope(config, '/').anonymousUnlockedAt, undefined);
  });

  it('allowOverride="true" is read as Inherit and says so; both attributes on one tag are a warning, overrideMode used', () => {
    const legacyTrue = users('Deny', location('Blog', 'allowOverride="true"'));
    assert.deepEqual([legacyTrue.root, legacyTrue.app], ['CONTOSO\\server', 'CONTOSO\\server']);
    assert.deepEqual(legacyTrue.codes, [
      'location-allow-override-true',
      'webconfig-section-locked',
      'webconfig-section-locked',
    ]);
    const both = users('Deny', location('Blog', 'overrideMode="Allow" allowOverride="false"'));
    assert.deepEqual([both.root, both.codes], ['WEB\\root', ['location-lock-ambiguous']]);
    assert.match(both.config.diagnostics[0]!.message, /overrideMode="Allow" is used/);
  });

  it('two tags for one path that disagree: the first wins and a warning names both', () => {
    const { root, codes, config } = users(
      'Deny',
      location('Blog', 'overrideMode="Allow"') + location('Blog', 'overrideMode="Deny"'),
    );
    assert.equal(root, 'WEB\\root');
    assert.deepEqual(codes, ['location-lock-conflict']);
    assert.match(
      config.diagnostics[0]!.message,
      /^<location path="Blog" overrideMode="Deny"> \(line \d+\) contradicts <location path="Blog" overrideMode="Allow"> \(line \d+\) for the same path; the first is used$/,
    );
  });

  it('a value IIS would not load is one InputError naming the line, what was expected and what was found', () => {
    const badMode = inputErrorFrom(() =>
      parse(applicationHost('Deny', location('Blog', 'overrideMode="Maybe"')), webConfigs()),
    );
    assert.match(
      badMode.message,
      /^applicationHost\.config \(line \d+, element <location>\): expected overrideMode to be Allow, Deny or Inherit, found "Maybe"/,
    );
    const badDefault = inputErrorFrom(() =>
      parse(
        applicationHost('Deny').replace('overrideModeDefault="Deny"', 'overrideModeDefault="Inherit"'),
        webConfigs(),
      ),
    );
    assert.match(badDefault.message, /expected overrideModeDefault to be Allow or Deny, found "Inherit"/);
    const badLegacy = inputErrorFrom(() =>
      parse(applicationHost('Deny', location('Blog', 'allowOverride="no"')), webConfigs()),
    );
    assert.match(badLegacy.message, /expected allowOverride to be true or false, found "no"/);
  });
});
