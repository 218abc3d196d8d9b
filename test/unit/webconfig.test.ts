import assert from 'node:assert/strict';
import { parseWebConfigs } from '../../src/parse/webconfig';
import { inputErrorFrom } from '../helpers/errors';
import { applicationHost, configFile, parse, scope, SECTION, webConfigs } from '../helpers/webconfig-snapshots';

/**
 * web.config files applied the way IIS merges configuration: at their path and below, only
 * where anonymousAuthentication is unlocked, after applicationHost.config's location tags for the
 * same path and before deeper ones; where it is locked, a 500.19 warning.
 */

const errorOf = inputErrorFrom;

describe('web.config files (webconfigs.json)', () => {
  it('a web.config sets the anonymous user at its path and below where the section is unlocked, and names itself', () => {
    const config = parse(
      applicationHost('Allow'),
      webConfigs(
        { path: '/', text: configFile(SECTION('userName="WEB\\site" logonMethod="Network"')) },
        { path: '/app', state: 'absent' },
      ),
    );
    for (const path of ['/', '/app']) {
      assert.equal(scope(config, path).anonymous.userName, 'WEB\\site');
      assert.equal(scope(config, path).anonymous.logonMethod, 'Network');
      assert.match(
        scope(config, path).anonymous.definedAt,
        /^web\.config "D:\\w\/\\web\.config" \(site "Blog" path \/\) \(line 3\)$/,
      );
      assert.deepEqual(scope(config, path).webConfigGaps, []);
    }
  });

  it('where the section is locked, the web.config changes nothing and is a 500.19 warning', () => {
    const config = parse(
      applicationHost('Deny'),
      webConfigs({ path: '/', text: configFile(SECTION('userName="WEB\\site"')) }),
    );
    assert.equal(scope(config, '/').anonymous.userName, 'CONTOSO\\server');
    const warning = config.diagnostics.find((diagnostic) => diagnostic.code === 'webconfig-section-locked');
    assert.ok(warning);
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /HTTP 500\.19/);
    assert.equal(scope(config, '/').webConfigGaps, undefined);
  });

  it('unlocked only at /app: the root web.config is refused (500.19), the one at /app applies there', () => {
    const unlock = `<location path="Blog/app" overrideMode="Allow">${SECTION('')}</location>`;
    const config = parse(
      applicationHost('Deny', unlock),
      webConfigs(
        { path: '/', text: configFile(SECTION('userName="WEB\\root"')) },
        { path: '/app', text: configFile(SECTION('userName="WEB\\app"')) },
      ),
    );
    assert.equal(scope(config, '/').anonymous.userName, 'CONTOSO\\server');
    assert.equal(scope(config, '/app').anonymous.userName, 'WEB\\app');
    assert.deepEqual(
      config.diagnostics.map((diagnostic) => diagnostic.code),
      ['webconfig-section-locked'],
    );
    // Only /app matters for /app: above it the section is locked.
    assert.deepEqual(scope(config, '/app').webConfigGaps, []);
  });

  it('at the same path the web.config wins over an applicationHost.config location tag; a deeper tag wins over the web.config', () => {
    const locations = `<location path="Blog">${SECTION('userName="HOST\\root"')}</location><location path="Blog/app">${SECTION('userName="HOST\\app"')}</location>`;
    const config = parse(
      applicationHost('Allow', locations),
      webConfigs({ path: '/', text: configFile(SECTION('userName="WEB\\root"')) }, { path: '/app', state: 'absent' }),
    );
    assert.equal(scope(config, '/').anonymous.userName, 'WEB\\root');
    assert.equal(scope(config, '/app').anonymous.userName, 'HOST\\app');
  });

  it('<location path> inside a web.config applies below the file; inheritInChildApplications="false" stops at child applications', () => {
    const text = configFile(
      `<location path="docs">${SECTION('enabled="false"')}</location><location path="." inheritInChildApplications="false">${SECTION('userName="WEB\\rootonly"')}</location>`,
    );
    const config = parse(applicationHost('Allow'), webConfigs({ path: '/', text }, { path: '/app', state: 'absent' }));
    assert.equal(scope(config, '/docs').anonymous.enabled, false);
    assert.equal(scope(config, '/docs').kind, 'location');
    assert.equal(scope(config, '/').anonymous.userName, 'WEB\\rootonly');
    assert.equal(scope(config, '/app').anonymous.userName, 'CONTOSO\\server');
  });

  it('lists every path from the unlocked level down whose web.config is missing or unreadable', () => {
    const config = parse(
      applicationHost('Allow'),
      webConfigs({ path: '/app', state: 'unreadable', reason: 'Access is denied.' }),
    );
    assert.deepEqual(scope(config, '/').webConfigGaps, ['/ (no web.config was collected there)']);
    assert.deepEqual(scope(config, '/app').webConfigGaps, [
      '/ (no web.config was collected there)',
      '/app (web.config "D:\\w/app\\web.config" (site "Blog" path /app) could not be read: Access is denied.)',
    ]);
  });

  it('a web.config for a site that does not exist is a warning and changes nothing', () => {
    const config = parse(
      applicationHost('Allow'),
      webConfigs({ site: 'Nope', path: '/', text: configFile(SECTION('userName="x"')) }),
    );
    assert.deepEqual(
      config.diagnostics.map((diagnostic) => diagnostic.code),
      ['anonymous-section-unlocked', 'webconfig-orphan'],
    );
    assert.equal(scope(config, '/').anonymous.userName, 'CONTOSO\\server');
  });

  it('bad input is one InputError naming the entry and the file, what was expected and what was found', () => {
    const malformed = errorOf(() =>
      parseWebConfigs(webConfigs({ path: '/', text: '<configuration><system.webServer>' }), 'snap/webconfigs.json'),
    );
    assert.equal(malformed.file, 'snap/webconfigs.json');
    assert.match(
      malformed.message,
      /^snap\/webconfigs\.json \(line 1, column \d+, at \/webConfigs\/0\/text\): expected well-formed XML in web\.config "D:\\w\/\\web\.config" \(site "Blog" path \/\), found/,
    );
    const wrongRoot = errorOf(() => parseWebConfigs(webConfigs({ path: '/', text: '<settings />' }), 'w.json'));
    assert.match(
      wrongRoot.message,
      /expected the root element <configuration> in web\.config "D:\\w\/\\web\.config" \(site "Blog" path \/\), found root element "<settings>"/,
    );
    const badBoolean = errorOf(() =>
      parseWebConfigs(webConfigs({ path: '/', text: configFile(SECTION('enabled="yes"')) }), 'w.json'),
    );
    assert.match(
      badBoolean.message,
      /^w\.json \(line 3, element <anonymousAuthentication>, at \/webConfigs\/0\/text\): expected enabled to be/,
    );
    const noText = errorOf(() =>
      parseWebConfigs({ webConfigs: [{ site: 'Blog', path: '/', physicalPath: 'x', state: 'read' }] }, 'w.json'),
    );
    assert.match(noText.message, /^w\.json \(at \/webConfigs\/0\): expected property "text"/);
    const relative = errorOf(() =>
      parseWebConfigs({ webConfigs: [{ site: 'Blog', path: 'app', physicalPath: 'x', state: 'absent' }] }, 'w.json'),
    );
    assert.match(relative.message, /\/webConfigs\/0\/path/);
    const doctype = errorOf(() =>
      parseWebConfigs(webConfigs({ path: '/', text: '<!DOCTYPE x [<!ENTITY a "b">]><configuration/>' }), 'w.json'),
    );
    assert.match(doctype.message, /\/webConfigs\/0\/text/);
  });
});
