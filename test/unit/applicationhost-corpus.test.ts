import assert from 'node:assert/strict';
import { listShared, skipUnlessShared } from '../helpers/shared';
import { codes, parseCorpus, scope, scopeNames } from './applicationhost-helpers';

describe('applicationHost.config parser: shared corpus', function () {
  before(function () {
    skipUnlessShared(this, 'applicationHost.config corpus');
  });

  it('parses every corpus file as an applicationHost.config', function () {
    const files = listShared('corpus', 'applicationhost');
    assert.equal(files.length, 6);
    for (const file of files) {
      const config = parseCorpus(file);
      assert.equal(config.format, 'applicationHost.config', file);
      assert.equal(config.iisMajorVersion, null, file);
      assert.equal(config.file, file);
    }
  });

  it('jexus-tests-original2: pool identity globally, custom user test on WebSite2, orphan Default Web Site', function () {
    const config = parseCorpus('jexus-tests-original2.applicationHost.config');
    assert.deepEqual(
      [...config.applicationPools.keys()],
      [
        'clr4integratedapppool',
        'clr4classicapppool',
        'clr2integratedapppool',
        'clr2classicapppool',
        'unmanagedclassicapppool',
      ],
    );
    // IIS Express pools carry no processModel identity: the schema default applies.
    assert.deepEqual(config.applicationPools.get('clr4integratedapppool'), {
      name: 'Clr4IntegratedAppPool',
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonBatch',
      identityTypeDefaulted: true,
      line: 142,
    });

    const webSite1 = scope(config, 'WebSite1', '/');
    assert.deepEqual(webSite1.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 419)',
    });
    // WebSite1's application names no pool: sites/applicationDefaults gives Clr4IntegratedAppPool.
    assert.equal(webSite1.applicationPool, 'Clr4IntegratedAppPool');

    const webSite2 = scope(config, 'WebSite2', '/');
    assert.deepEqual(webSite2.anonymous, {
      enabled: true,
      userName: 'test',
      logonMethod: 'ClearText',
      passwordSet: true,
      definedAt: '<location path="WebSite2"> (line 1153)',
    });
    const help = scope(config, 'WebSite2', '/help');
    assert.equal(help.kind, 'virtual-directory');
    assert.equal(help.anonymous.userName, 'test');
    assert.equal(help.line, 196);

    assert.equal(scope(config, 'Katana.Sandbox.WebServer-Site', '/Katana.Sandbox.WebServer').kind, 'application');
    assert.equal(config.scopes.length, 15);
    assert.equal(config.scopes.filter((s) => s.kind === 'site').length, 12);
    assert.ok(!config.scopes.some((s) => s.site === 'Default Web Site'));
    assert.deepEqual(
      config.diagnostics.map((d) => [d.code, d.severity, d.line, d.file]),
      [['orphan-location', 'warning', 1133, 'jexus-tests-original2.applicationHost.config']],
    );
    assert.match(config.diagnostics[0]!.message, /Default Web Site/);
  });

  it('jexus-tests-expected: split-over-lines attributes are read, WebSite1/test becomes a location scope', function () {
    const config = parseCorpus('jexus-tests-expected.applicationHost.config');
    // The only anonymousAuthentication written over two lines is in the orphan location; the
    // diagnostic reports what it would have set, so both attributes must have been read.
    const orphan = config.diagnostics.find((d) => d.code === 'orphan-location');
    assert.ok(orphan);
    assert.equal(orphan.line, 1120);
    assert.match(orphan.message, /userName="test", a password/);

    const test = scope(config, 'WebSite1', '/test');
    assert.equal(test.kind, 'location');
    assert.equal(test.line, 1164);
    assert.equal(test.applicationPool, 'Clr4IntegratedAppPool');
    assert.deepEqual(test.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 404)',
    });
    // <location path="WebSite1"> (windowsAuthentication only) folds into the site scope.
    assert.equal(config.scopes.filter((s) => s.site === 'WebSite1').length, 2);
    assert.equal(scope(config, 'WebSite2', '/').anonymous.definedAt, '<location path="WebSite2"> (line 1142)');
    assert.equal(config.applicationPools.size, 4);
    assert.equal(config.scopes.length, 13);
  });

  it('jexus-mwa-resources-original: commented-out sites and pools give no scopes and no pools', function () {
    const config = parseCorpus('jexus-mwa-resources-original.applicationHost.config');
    assert.equal(config.scopes.length, 0);
    assert.equal(config.applicationPools.size, 0);
    assert.deepEqual(codes(config), ['orphan-location']);
    assert.equal(config.diagnostics[0]!.line, 1108);
  });

  it('jexus-languageserver-fixture-minimal: a site with no application gets schema defaults', function () {
    const config = parseCorpus('jexus-languageserver-fixture-minimal.applicationhost.config');
    assert.deepEqual(scopeNames(config), ['Default Web Site|/|site']);
    const root = scope(config, 'Default Web Site', '/');
    assert.deepEqual(root.anonymous, {
      enabled: true,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'IIS schema default',
    });
    // Neither an application nor applicationDefaults names a pool, and the schema has no default.
    assert.equal(root.applicationPool, null);
    assert.equal(root.line, 12);
    assert.deepEqual(
      config.diagnostics.map((d) => [d.code, d.line]),
      [['no-root-application', 12]],
    );
    assert.deepEqual(config.applicationPools.get('defaultapppool'), {
      name: 'DefaultAppPool',
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonBatch',
      identityTypeDefaulted: true,
      line: 9,
    });
  });

  it('mattgillard-iis-reverse-proxy: DefaultAppPool from applicationPoolDefaults, IUSR enabled globally', function () {
    const config = parseCorpus('mattgillard-iis-reverse-proxy.applicationHost.config');
    assert.deepEqual(config.applicationPools.get('defaultapppool'), {
      name: 'DefaultAppPool',
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonBatch',
      line: 145,
    });
    // The one location (rewrite settings) is the site root itself, so it adds no scope.
    assert.deepEqual(scopeNames(config), ['Default Web Site|/|site']);
    const root = scope(config, 'Default Web Site', '/');
    assert.equal(root.applicationPool, 'DefaultAppPool');
    assert.deepEqual(root.anonymous, {
      enabled: true,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 316)',
    });
    assert.deepEqual(config.diagnostics, []);
  });

  it('iis-administration-hwc: anonymous disabled at server level, section unlocked for web.config', function () {
    const config = parseCorpus('iis-administration-hwc.applicationHost.config');
    assert.deepEqual(scopeNames(config), ['IISAdmin|/|site', 'IISAdmin|/api|location']);
    for (const each of config.scopes) {
      assert.equal(each.applicationPool, 'IISAdminAppPool');
      assert.deepEqual(each.anonymous, {
        enabled: false,
        userName: 'IUSR',
        logonMethod: 'ClearText',
        passwordSet: false,
        definedAt: 'server level (line 79)',
      });
    }
    assert.deepEqual(
      config.diagnostics.map((d) => [d.code, d.severity, d.line]),
      [['anonymous-section-unlocked', 'info', 25]],
    );
  });
});
