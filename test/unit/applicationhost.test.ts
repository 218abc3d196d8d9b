import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import type { AnonymousScope, IisConfiguration } from '../../src/core/model';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeText } from '../../src/parse/decode';
import { hostileShapesDocument, manySitesDocument } from '../helpers/applicationhost-shapes';
import { inputErrorFrom } from '../helpers/errors';
import { listShared, readShared, skipUnlessShared } from '../helpers/shared';

const FIXTURES = join(__dirname, '..', 'fixtures', 'applicationhost');

function parseFixture(name: string): IisConfiguration {
  return parseApplicationHostConfig(decodeText(readFileSync(join(FIXTURES, name)), name).text, name);
}

function parseCorpus(name: string): IisConfiguration {
  return parseApplicationHostConfig(decodeText(readShared('corpus', 'applicationhost', name), name).text, name);
}

function scope(config: IisConfiguration, site: string, path: string): AnonymousScope {
  const found = config.scopes.find((candidate) => candidate.site === site && candidate.path === path);
  assert.ok(found, `no scope ${site}${path}; scopes: ${config.scopes.map((s) => `${s.site}${s.path}`).join(', ')}`);
  return found;
}

function scopeNames(config: IisConfiguration): string[] {
  return config.scopes.map((s) => `${s.site}|${s.path}|${s.kind}`);
}

function codes(config: IisConfiguration): string[] {
  return config.diagnostics.map((d) => d.code);
}

/** A minimal document: one pool, the given sites and the given trailing elements. */
function doc(sites: string, rest = '', pools = '<add name="DefaultAppPool" />'): string {
  return `<?xml version="1.0"?>
<configuration>
  <system.applicationHost>
    <applicationPools>${pools}</applicationPools>
    <sites>${sites}<applicationDefaults applicationPool="DefaultAppPool" /></sites>
  </system.applicationHost>
${rest}
</configuration>`;
}

function anonymousAt(attributes: string): string {
  return `<system.webServer><security><authentication><anonymousAuthentication ${attributes} /></authentication></security></system.webServer>`;
}

function location(path: string, attributes: string, extra = ''): string {
  return `<location path="${path}"${extra}>${anonymousAt(attributes)}</location>`;
}

function throwsInputError(run: () => unknown, check: (error: InputError) => void): void {
  check(inputErrorFrom(run));
}

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

describe('applicationHost.config parser: own fixtures', function () {
  it('hardened-specific-user: userName="" for a SpecificUser site, case-insensitive paths, inheritInChildApplications', function () {
    const config = parseFixture('hardened-specific-user.applicationHost.config');
    assert.deepEqual(config.applicationPools.get('shoppool'), {
      name: 'ShopPool',
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-shop',
      logonType: 'LogonBatch',
      line: 25,
    });
    assert.deepEqual(config.applicationPools.get('shopapipool'), {
      name: 'ShopApiPool',
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-shop-api',
      logonType: 'LogonService',
      line: 28,
    });
    assert.equal(config.applicationPools.get('intranetpool')?.identityType, 'NetworkService');
    // The pool's own password is not part of the model.
    assert.ok(!JSON.stringify([...config.applicationPools.values()]).includes('enc:'));

    assert.deepEqual(scopeNames(config), [
      'Shop|/|site',
      'Shop|/api|application',
      'Shop|/legacy|application',
      'Shop|/media|virtual-directory',
      'Intranet|/|site',
      'Intranet|/hr|application',
      'Intranet|/hr/payroll|location',
    ]);
    const shop = scope(config, 'Shop', '/');
    assert.equal(shop.applicationPool, 'ShopPool');
    assert.deepEqual(shop.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: '<location path="Shop"> (line 88)',
    });
    assert.equal(scope(config, 'Shop', '/media').applicationPool, 'ShopPool');

    // Shop/api sets only enabled: the userName "" from <location path="Shop"> is kept.
    const api = scope(config, 'Shop', '/api');
    assert.equal(api.applicationPool, 'ShopApiPool');
    assert.deepEqual(api.anonymous, {
      enabled: false,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: '<location path="Shop"> (line 88)',
    });

    // Written "shop/LEGACY/" with attributes over four lines; the application takes the site's applicationDefaults pool.
    const legacy = scope(config, 'Shop', '/legacy');
    assert.equal(legacy.applicationPool, 'DefaultAppPool');
    assert.equal(legacy.anonymous.userName, 'CONTOSO\\legacy-anon');
    assert.equal(legacy.anonymous.logonMethod, 'Batch');
    assert.equal(legacy.anonymous.passwordSet, true);
    // The element's start tag spans lines 106-109; either end is a fair line to report.
    assert.match(legacy.anonymous.definedAt, /^<location path="shop\/LEGACY\/"> \(line 10[6-9]\)$/);
    assert.ok(!JSON.stringify(config).includes('bGVnYWN5'), 'password value must never be kept');

    // inheritInChildApplications="false" on Intranet: the root gets it, the /hr application does not.
    assert.deepEqual(scope(config, 'Intranet', '/').anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'Network',
      passwordSet: false,
      definedAt: '<location path="Intranet"> (line 118)',
    });
    const hr = scope(config, 'Intranet', '/hr');
    assert.equal(hr.applicationPool, 'HrPool');
    assert.deepEqual(hr.anonymous, {
      enabled: true,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 78)',
    });
    const payroll = scope(config, 'Intranet', '/hr/payroll');
    assert.equal(payroll.applicationPool, 'HrPool');
    assert.deepEqual(payroll.anonymous, {
      enabled: false,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 78)',
    });
    assert.deepEqual(config.diagnostics, []);
  });

  it('shared-hosting: identity from applicationPoolDefaults, location path ".", vdir under a child application', function () {
    const config = parseFixture('shared-hosting.applicationHost.config');
    assert.deepEqual(config.applicationPools.get('customer-a.example'), {
      name: 'customer-a.example',
      identityType: 'NetworkService',
      userName: '',
      logonType: 'LogonService',
      line: 12,
    });
    assert.deepEqual(config.applicationPools.get('customer-b.example'), {
      name: 'Customer-B.Example',
      identityType: 'NetworkService',
      userName: '',
      logonType: 'LogonService',
      line: 15,
    });
    assert.deepEqual(config.applicationPools.get('customer-b-api'), {
      name: 'customer-b-api',
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonService',
      line: 16,
    });

    assert.deepEqual(scopeNames(config), [
      'customer-a.example|/|site',
      'Customer B (www)|/|site',
      'Customer B (www)|/api|application',
      'Customer B (www)|/api/docs|virtual-directory',
    ]);
    // <location path="."> is the server level: it overrides the root section attribute by attribute.
    const a = scope(config, 'customer-a.example', '/');
    assert.equal(a.applicationPool, 'customer-a.example');
    assert.deepEqual(a.anonymous, {
      enabled: true,
      userName: 'HOSTING\\anon-web',
      logonMethod: 'Network',
      passwordSet: true,
      definedAt: 'server level (line 49)',
    });
    // The pool name is reported as the application wrote it; the map is keyed in lower case.
    assert.equal(scope(config, 'Customer B (www)', '/').applicationPool, 'customer-b.example');
    const docs = scope(config, 'Customer B (www)', '/api/docs');
    assert.equal(docs.applicationPool, 'customer-b-api');
    assert.equal(docs.line, 33);
    // password="" clears the inherited password.
    assert.deepEqual(docs.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'Network',
      passwordSet: false,
      definedAt: '<location path="customer b (www)/API/Docs"> (line 58)',
    });
    assert.deepEqual(config.diagnostics, []);
  });
});

describe('applicationHost.config parser: inheritance rules', function () {
  const site = (
    name: string,
    id: number,
    applications = '<application path="/"><virtualDirectory path="/" physicalPath="C:\\x" /></application>',
  ) => `<site name="${name}" id="${id}">${applications}</site>`;

  it('inherits each attribute independently from server to site to application to subfolder', function () {
    const text = doc(
      site('Site', 1, '<application path="/"/><application path="/app"/>'),
      [
        anonymousAt('userName="SRV\\anon" logonMethod="Interactive"'),
        location('Site/app/sub', 'enabled="false"'),
        location('Site', 'logonMethod="Batch"'),
        location('Site/app', 'password="x"'),
      ].join('\n'),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scopeNames(config), ['Site|/|site', 'Site|/app|application', 'Site|/app/sub|location']);
    assert.deepEqual(scope(config, 'Site', '/').anonymous, {
      enabled: true,
      userName: 'SRV\\anon',
      logonMethod: 'Batch',
      passwordSet: false,
      definedAt: 'server level (line 7)',
    });
    assert.deepEqual(scope(config, 'Site', '/app').anonymous, {
      enabled: true,
      userName: 'SRV\\anon',
      logonMethod: 'Batch',
      passwordSet: true,
      definedAt: 'server level (line 7)',
    });
    assert.deepEqual(scope(config, 'Site', '/app/sub').anonymous, {
      enabled: false,
      userName: 'SRV\\anon',
      logonMethod: 'Batch',
      passwordSet: true,
      definedAt: 'server level (line 7)',
    });
  });

  it('applies a deeper location over a shallower one whatever their order in the file', function () {
    const text = doc(
      site('Site', 1),
      [location('Site/a', 'userName="deep"'), location('Site', 'userName="shallow"')].join('\n'),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'Site', '/').anonymous.userName, 'shallow');
    assert.equal(scope(config, 'Site', '/a').anonymous.userName, 'deep');
    assert.equal(scope(config, 'Site', '/a').anonymous.definedAt, '<location path="Site/a"> (line 7)');
  });

  it('matches location paths to sites and applications case-insensitively, ignoring extra slashes', function () {
    const text = doc(
      site('Contoso Web', 1, '<application path="/"/><application path="/Shop"/>'),
      [location('CONTOSO WEB/', 'userName="a"'), location('contoso web//shop/', 'userName="b"')].join('\n'),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scopeNames(config), ['Contoso Web|/|site', 'Contoso Web|/Shop|application']);
    assert.equal(scope(config, 'Contoso Web', '/').anonymous.userName, 'a');
    assert.equal(scope(config, 'Contoso Web', '/Shop').anonymous.userName, 'b');
    assert.deepEqual(config.diagnostics, []);
  });

  it('gives each path the pool of the deepest application containing it (whole segments only)', function () {
    const text = doc(
      site(
        'S',
        1,
        '<application path="/" applicationPool="RootPool"/><application path="/app" applicationPool="AppPool"/><application path="/app/inner" applicationPool="InnerPool"/>',
      ),
      [
        location('S/app/inner/deep/er', 'enabled="true"'),
        location('S/application', 'enabled="true"'),
        location('S/APP/x', 'enabled="true"'),
      ].join('\n'),
      '<add name="RootPool"/><add name="AppPool"/><add name="InnerPool"/>',
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'S', '/app/inner/deep/er').applicationPool, 'InnerPool');
    // "/application" starts with the characters "/app" but is not inside the /app application.
    assert.equal(scope(config, 'S', '/application').applicationPool, 'RootPool');
    assert.equal(scope(config, 'S', '/APP/x').applicationPool, 'AppPool');
  });

  it('stops a location with inheritInChildApplications="false" at the next application boundary', function () {
    const text = doc(
      site('S', 1, '<application path="/"/><application path="/child"/>'),
      [
        anonymousAt('userName="IUSR"'),
        location('S', 'userName="root-only"', ' inheritInChildApplications="false"'),
        location('S/folder', 'enabled="true"'),
        location('S/child/folder', 'enabled="true"'),
      ].join('\n'),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'S', '/').anonymous.userName, 'root-only');
    assert.equal(scope(config, 'S', '/folder').anonymous.userName, 'root-only');
    assert.equal(scope(config, 'S', '/child').anonymous.userName, 'IUSR');
    assert.equal(scope(config, 'S', '/child/folder').anonymous.userName, 'IUSR');
  });

  it('does not let a server-level location with inheritInChildApplications="false" reach any site', function () {
    const text = doc(site('S', 1), location('', 'userName="server-only"', ' inheritInChildApplications="false"'));
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'S', '/').anonymous.userName, 'IUSR');
    assert.equal(scope(config, 'S', '/').anonymous.definedAt, 'IIS schema default');
    assert.deepEqual(codes(config), ['location-not-inherited']);
  });

  it('treats location path "" and "." as the server level, merged with the root section in file order', function () {
    const text = doc(
      site('S', 1),
      [location('', 'userName="first"'), anonymousAt('enabled="false"'), location('.', 'logonMethod="Network"')].join(
        '\n',
      ),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scope(config, 'S', '/').anonymous, {
      enabled: false,
      userName: 'first',
      logonMethod: 'Network',
      passwordSet: false,
      definedAt: 'server level (line 7)',
    });
    assert.equal(config.scopes.length, 1);
  });

  it('resolves application pools: application, then site applicationDefaults, then sites applicationDefaults', function () {
    const text = `<configuration><system.applicationHost>
      <applicationPools><add name="P1"/><add name="P2"/><add name="P3"/></applicationPools>
      <sites>
        <site name="A" id="1"><application path="/" applicationPool="P1"/><application path="/x"/><applicationDefaults applicationPool="P2"/></site>
        <site name="B" id="2"><application path="/"/></site>
        <applicationDefaults applicationPool="P3"/>
      </sites></system.applicationHost></configuration>`;
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'A', '/').applicationPool, 'P1');
    assert.equal(scope(config, 'A', '/x').applicationPool, 'P2');
    assert.equal(scope(config, 'B', '/').applicationPool, 'P3');
    assert.deepEqual(config.diagnostics, []);
  });

  it('warns about pools that are used but not defined, and applications without any pool', function () {
    const text = `<configuration><system.applicationHost><applicationPools/><sites>
      <site name="A" id="1"><application path="/" applicationPool="Missing"/></site>
      <site name="B" id="2"><application path="/"/></site>
      </sites></system.applicationHost></configuration>`;
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.equal(scope(config, 'A', '/').applicationPool, 'Missing');
    assert.equal(scope(config, 'B', '/').applicationPool, null);
    assert.deepEqual(
      config.diagnostics.map((d) => [d.code, d.line]),
      [
        ['no-application-pool', 3],
        ['unknown-application-pool', 2],
      ],
    );
  });

  it('reports one scope per (site, path), keeping the first kind, and keeps the first duplicate site', function () {
    const text = doc(
      site('S', 1, '<application path="/"><virtualDirectory path="/v"/></application><application path="/V"/>') +
        site('s', 2),
      [location('S/v', 'enabled="true"'), location('S/', 'enabled="true"')].join('\n'),
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scopeNames(config), ['S|/|site', 'S|/V|application']);
    assert.deepEqual(codes(config), ['duplicate-site']);
  });

  it('reports orphan locations with their line and makes no scope for them', function () {
    const text = doc(site('S', 1), `\n\n${location('Nope/app', 'userName="x" password="secret"')}`);
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scopeNames(config), ['S|/|site']);
    assert.deepEqual(
      config.diagnostics.map((d) => [d.code, d.severity, d.file, d.line]),
      [['orphan-location', 'warning', 'inline.config', 9]],
    );
    assert.ok(!config.diagnostics[0]!.message.includes('secret'));
  });

  it('ignores commented-out sites and locations', function () {
    const text = doc(
      `${site('Live', 1)}<!-- ${site('Dead', 2)} -->`,
      `<!-- ${location('Live', 'userName="commented"')} -->`,
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(scopeNames(config), ['Live|/|site']);
    assert.equal(scope(config, 'Live', '/').anonymous.userName, 'IUSR');
  });
});

describe('applicationHost.config parser: values and errors', function () {
  it('accepts enum values by number and by name in any case', function () {
    const pools =
      [0, 1, 2, 3, 4]
        .map((n) => `<add name="p${n}"><processModel identityType="${n}" userName="u${n}" logonType="${n % 2}"/></add>`)
        .join('') + '<add name="named"><processModel identityType="localsystem" logonType="logonservice"/></add>';
    const text = doc(
      '<site name="S" id="1"><application path="/" applicationPool="p0"/></site>',
      location('S', 'logonMethod="1" enabled="TRUE"'),
      pools,
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => config.applicationPools.get(`p${n}`)?.identityType),
      ['LocalSystem', 'LocalService', 'NetworkService', 'SpecificUser', 'ApplicationPoolIdentity'],
    );
    assert.deepEqual(
      [0, 1].map((n) => config.applicationPools.get(`p${n}`)?.logonType),
      ['LogonBatch', 'LogonService'],
    );
    // userName is only meaningful for SpecificUser.
    assert.deepEqual(
      [0, 3].map((n) => config.applicationPools.get(`p${n}`)?.userName),
      ['', 'u3'],
    );
    assert.equal(config.applicationPools.get('named')?.identityType, 'LocalSystem');
    assert.equal(config.applicationPools.get('named')?.logonType, 'LogonService');
    assert.equal(scope(config, 'S', '/').anonymous.logonMethod, 'Batch');
    assert.deepEqual(
      [0, 1, 2, 3].map(
        (n) =>
          parseApplicationHostConfig(doc('<site name="S" id="1"/>', anonymousAt(`logonMethod="${n}"`)), 'x').scopes[0]
            ?.anonymous.logonMethod,
      ),
      ['Interactive', 'Batch', 'Network', 'ClearText'],
    );
  });

  it('inherits the pool identity from applicationPoolDefaults written after the pools', function () {
    const text = doc(
      '',
      '',
      '<add name="A"/><add name="B"><processModel identityType="LocalService"/></add><applicationPoolDefaults><processModel identityType="SpecificUser" userName="DOM\\pool" logonType="LogonService"/></applicationPoolDefaults>',
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    assert.deepEqual(config.applicationPools.get('a'), {
      name: 'A',
      identityType: 'SpecificUser',
      userName: 'DOM\\pool',
      logonType: 'LogonService',
      line: 4,
    });
    assert.deepEqual(config.applicationPools.get('b'), {
      name: 'B',
      identityType: 'LocalService',
      userName: '',
      logonType: 'LogonService',
      line: 4,
    });
  });

  it('rejects an unknown identityType naming the file, line and value', function () {
    const text = doc('', '', '\n<add name="A">\n<processModel identityType="Superuser"/></add>');
    throwsInputError(
      () => parseApplicationHostConfig(text, 'C:\\snap\\applicationHost.config'),
      (error) => {
        assert.equal(error.location.line, 6);
        assert.match(
          error.message,
          /^C:\\snap\\applicationHost\.config \(line 6, element <processModel>\): expected identityType to be one of LocalSystem, .* or a number 0-4, found "Superuser"$/,
        );
      },
    );
  });

  it('rejects out-of-range numbers and unknown names for logonType, logonMethod and enabled', function () {
    const cases: Array<[string, RegExp]> = [
      [
        doc('', '', '<add name="A"><processModel logonType="2"/></add>'),
        /logonType to be one of LogonBatch, LogonService or a number 0-1, found "2"/,
      ],
      [
        doc('', anonymousAt('logonMethod="4"')),
        /logonMethod to be one of Interactive, Batch, Network, ClearText or a number 0-3, found "4"/,
      ],
      [
        doc('', location('S', 'logonMethod="Kerberos"')),
        /line 7, element <anonymousAuthentication>\): expected logonMethod/,
      ],
      [doc('', anonymousAt('enabled="yes"')), /expected enabled to be true or false, found "yes"/],
      [
        doc('', '<location path="S" inheritInChildApplications="no"/>'),
        /expected inheritInChildApplications to be true or false/,
      ],
    ];
    for (const [text, pattern] of cases)
      throwsInputError(
        () => parseApplicationHostConfig(text, 'f.config'),
        (error) => assert.match(error.message, pattern),
      );
  });

  it('rejects a site, pool or application without its key attribute', function () {
    throwsInputError(
      () => parseApplicationHostConfig(doc('<site id="1"/>'), 'f.config'),
      (error) =>
        assert.match(error.message, /line 5, element <site>\): expected a non-empty name attribute, found none/),
    );
    throwsInputError(
      () => parseApplicationHostConfig(doc('', '', '<add name=""/>'), 'f.config'),
      (error) =>
        assert.match(error.message, /element <add>\): expected a non-empty name attribute, found an empty value/),
    );
    throwsInputError(
      () => parseApplicationHostConfig(doc('<site name="S" id="1"><application/></site>'), 'f.config'),
      (error) => assert.match(error.message, /element <application>\): expected a non-empty path attribute/),
    );
  });

  it('rejects truncated XML with the line where it stopped', function () {
    const text = doc('<site name="S" id="1"><application path="/"/></site>').split('\n').slice(0, 6).join('\n');
    throwsInputError(
      () => parseApplicationHostConfig(text, 'cut.config'),
      (error) => {
        assert.equal(error.file, 'cut.config');
        assert.equal(error.location.line, 6);
        assert.match(error.message, /^cut\.config \(line 6, column \d+\): expected well-formed XML/);
      },
    );
  });

  it('rejects a DOCTYPE before reading it', function () {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE configuration [<!ENTITY x "IUSR">]>\n${doc('')}`;
    throwsInputError(
      () => parseApplicationHostConfig(text, 'dtd.config'),
      (error) => {
        assert.equal(error.location.line, 2);
        assert.match(error.message, /no DOCTYPE/);
      },
    );
  });

  it('rejects a root element other than <configuration>', function () {
    throwsInputError(
      () =>
        parseApplicationHostConfig('<?xml version="1.0"?>\n<MBProperty><IIsWebServer/></MBProperty>', 'MetaBase.xml'),
      (error) => {
        assert.equal(error.location.line, 2);
        assert.match(
          error.message,
          /expected the root element <configuration> of an applicationHost\.config, found root element "<MBProperty>"/,
        );
      },
    );
    throwsInputError(
      () => parseApplicationHostConfig('', 'empty.config'),
      (error) => assert.match(error.message, /^empty\.config \(line 1[,)].*root element/),
    );
  });

  it('returns an empty configuration for a bare <configuration/>', function () {
    const config = parseApplicationHostConfig('<configuration/>', 'bare.config');
    assert.deepEqual(config, {
      file: 'bare.config',
      format: 'applicationHost.config',
      iisMajorVersion: null,
      applicationPools: new Map(),
      scopes: [],
      diagnostics: [],
    });
  });

  it('keeps no application pool or anonymous password anywhere in the result', function () {
    const text = doc(
      '<site name="S" id="1"><application path="/"/></site>',
      location('S', 'userName="u" password="[enc:AesProvider:SECRETVALUE:enc]"'),
      '<add name="DefaultAppPool"><processModel identityType="SpecificUser" userName="u" password="POOLSECRET"/></add>',
    );
    const config = parseApplicationHostConfig(text, 'inline.config');
    const serialised = JSON.stringify({ ...config, applicationPools: [...config.applicationPools.values()] });
    assert.ok(!serialised.includes('SECRETVALUE'));
    assert.ok(!serialised.includes('POOLSECRET'));
    assert.equal(scope(config, 'S', '/').anonymous.passwordSet, true);
  });

  // How the time grows with the size is measured by `npm run bench` (bench/parse-growth.ts): a
  // timing assertion here would fail on a loaded machine. The mocha timeout guards against a runaway.
  it('parses 20,000 sites with a location tag each', function () {
    this.timeout(120_000);
    const config = parseApplicationHostConfig(manySitesDocument(20000), 'big.config');
    assert.equal(config.scopes.length, 20000 * 3);
    assert.equal(scope(config, 'site19999', '/api/v1').anonymous.userName, '');
    assert.equal(scope(config, 'site0', '/api/v1').anonymous.userName, '');
  });

  it('throws nothing but InputError for corrupted copies of the fixtures', function () {
    let seed = 20240611;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const replacements = [
      '',
      '<',
      '>',
      '"',
      '/',
      '.',
      '0',
      '9',
      '&amp;',
      '<location path="x">',
      '</location>',
      '<!--',
      'userName="__proto__"',
      'path="constructor"',
      '<site name="toString" id="1"/>',
    ];
    let inputErrors = 0;
    for (const name of ['hardened-specific-user.applicationHost.config', 'shared-hosting.applicationHost.config']) {
      const original = readFileSync(join(FIXTURES, name), 'utf8');
      for (let round = 0; round < 300; round++) {
        let text = original;
        for (let edits = 1 + random(3); edits > 0; edits--) {
          const at = random(text.length);
          text = text.slice(0, at) + replacements[random(replacements.length)]! + text.slice(at + random(12));
        }
        try {
          parseApplicationHostConfig(text, name);
        } catch (error) {
          assert.ok(error instanceof InputError, `round ${round} of ${name}: ${String(error)}`);
          inputErrors++;
        }
      }
    }
    assert.ok(inputErrors > 100, `only ${inputErrors} of 600 corrupted copies were rejected`);
  });

  it('parses hostile shapes: 10,000 location tags on one path, 10,000 directories under a 10,000-deep application', function () {
    this.timeout(120_000);
    const config = parseApplicationHostConfig(hostileShapesDocument(10000), 'hostile.config');
    assert.equal(config.scopes.length, 1 + 10000 + 1 + 10000);
    assert.equal(config.scopes.at(-1)?.kind, 'virtual-directory');
    assert.equal(config.scopes.at(-1)?.anonymous.userName, 'last');
  });
});
