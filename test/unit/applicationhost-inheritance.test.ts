import assert from 'node:assert/strict';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { anonymousAt, codes, doc, location, scope, scopeNames } from './applicationhost-helpers';

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
