import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import type { AnonymousScope, IisConfiguration } from '../../src/core/model';
import { decodeText } from '../../src/parse/decode';
import { parseMetabase } from '../../src/parse/metabase';
import { inputErrorFrom } from '../helpers/errors';

const FIXTURES = join(__dirname, '..', 'fixtures', 'metabase');
const FILE = 'MetaBase.xml';

function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

function fixtureText(name: string): string {
  return decodeText(fixtureBytes(name), name).text;
}

function parseFixture(name: string): IisConfiguration {
  return parseMetabase(fixtureText(name), name);
}

/** 1-based line of the first occurrence of `needle`, for asserting reported lines against the file itself. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  assert.ok(index !== -1, `${JSON.stringify(needle)} is not in the text`);
  return text.slice(0, index).split('\n').length;
}

function scope(config: IisConfiguration, site: string, path: string): AnonymousScope {
  const found = config.scopes.filter((candidate) => candidate.site === site && candidate.path === path);
  assert.equal(
    found.length,
    1,
    `expected one scope ${site} ${path}, found ${found.length} in ${JSON.stringify(config.scopes.map((s) => `${s.site} ${s.path}`))}`,
  );
  return found[0]!;
}

function scopeList(config: IisConfiguration): string[] {
  return config.scopes.map((entry) => `${entry.site} ${entry.path} ${entry.kind}`);
}

function diagnosticCodes(config: IisConfiguration): string[] {
  return config.diagnostics.map((diagnostic) => diagnostic.code);
}

/** A MetaBase.xml around the given key elements, written the way IIS writes them (tabs, one attribute a line). */
function metabase(...keys: string[]): string {
  return [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    ...keys,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join('\n');
}

function key(type: string, location: string, attributes: Record<string, string> = {}): string {
  const lines = [`<${type}\tLocation ="${location}"`];
  for (const [name, value] of Object.entries(attributes)) lines.push(`\t\t${name}="${value}"`);
  lines.push('\t>', `</${type}>`);
  return lines.join('\n');
}

/** Service key with the usual anonymous account, a site 1 and its ROOT, plus any extra keys. */
function oneSite(rootAttributes: Record<string, string> = {}, ...extra: string[]): string {
  return metabase(
    key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01', AppPoolId: 'DefaultAppPool' }),
    key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
    key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'Default Web Site' }),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', rootAttributes),
    ...extra,
  );
}

function rootScopeOf(text: string): AnonymousScope {
  return scope(parseMetabase(text, FILE), 'Default Web Site', '/');
}

describe('IIS 6 MetaBase.xml parser', () => {
  describe('fixture: default IIS 6 install on WEB01', () => {
    const name = 'default-web01.MetaBase.xml';
    const text = fixtureText(name);
    const config = parseFixture(name);

    it('reports the format and version', () => {
      assert.equal(config.format, 'MetaBase.xml');
      assert.equal(config.iisMajorVersion, 6);
      assert.equal(config.file, name);
    });

    it('has one scope, the Default Web Site, and ignores the FTP service and the directory that sets nothing anonymous', () => {
      assert.deepEqual(scopeList(config), ['Default Web Site / site']);
      assert.deepEqual(config.diagnostics, []);
    });

    it('resolves the anonymous identity inherited from /LM/W3SVC with the IIS 6 default LogonMethod', () => {
      const site = scope(config, 'Default Web Site', '/');
      assert.deepEqual(site.anonymous, {
        enabled: true,
        userName: 'WEB01\\IUSR_WEB01',
        logonMethod: 'ClearText',
        passwordSet: true,
        definedAt: `<IIsWebService Location="/LM/W3SVC"> line ${lineOf(text, '<IIsWebService')}`,
      });
      assert.equal(site.applicationPool, 'DefaultAppPool');
      assert.equal(site.line, lineOf(text, '<IIsWebServer'));
    });

    it('keeps the application pool with the documented default identity', () => {
      assert.deepEqual(
        [...config.applicationPools.entries()],
        [
          [
            'defaultapppool',
            {
              name: 'DefaultAppPool',
              identityType: 'NetworkService',
              userName: '',
              logonType: 'LogonBatch',
              line: lineOf(text, '<IIsApplicationPool\t'),
            },
          ],
        ],
      );
    });

    it('never keeps a password value', () => {
      const serialized = JSON.stringify({ ...config, applicationPools: [...config.applicationPools.values()] });
      assert.ok(text.includes('DEADBEEFFEEDFACE'), 'the fixture holds a (fake) encrypted password');
      assert.ok(!serialized.includes('DEADBEEF'));
      assert.ok(!serialized.includes('CAFEBABE'));
    });
  });

  describe('fixture: two sites, a domain anonymous account and a directory without anonymous', () => {
    const name = 'two-sites-contoso.MetaBase.xml';
    const text = fixtureText(name);
    const config = parseFixture(name);
    const vdirLine = lineOf(text, '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1864297/ROOT/reports"');

    it('lists sites by id with their scopes, skipping the directory that sets nothing anonymous', () => {
      assert.deepEqual(scopeList(config), [
        'Default Web Site / site',
        'Intranet / site',
        'Intranet /reports virtual-directory',
        'Intranet /reports/admin location',
      ]);
      assert.deepEqual(config.diagnostics, []);
    });

    it('keeps the machine account for both site roots', () => {
      for (const site of ['Default Web Site', 'Intranet']) {
        const root = scope(config, site, '/');
        assert.equal(root.anonymous.userName, 'WEB02\\IUSR_WEB02');
        assert.equal(root.anonymous.enabled, true);
        assert.equal(root.anonymous.logonMethod, 'ClearText');
        assert.equal(root.applicationPool, 'DefaultAppPool');
      }
    });

    it('takes the virtual directory override: domain account, batch logon, its own pool', () => {
      const reports = scope(config, 'Intranet', '/reports');
      assert.equal(reports.kind, 'virtual-directory');
      assert.deepEqual(reports.anonymous, {
        enabled: true,
        userName: 'CONTOSO\\svc-web',
        logonMethod: 'Batch',
        passwordSet: true,
        definedAt: `<IIsWebVirtualDir Location="/LM/W3SVC/1864297/ROOT/reports"> line ${vdirLine}`,
      });
      assert.equal(reports.applicationPool, 'ReportsPool');
      assert.equal(reports.line, vdirLine);
    });

    it('disables anonymous below it with AuthFlags="AuthNTLM" while inheriting the account', () => {
      const admin = scope(config, 'Intranet', '/reports/admin');
      assert.equal(admin.kind, 'location');
      assert.equal(admin.anonymous.enabled, false);
      assert.equal(admin.anonymous.userName, 'CONTOSO\\svc-web');
      assert.equal(admin.anonymous.logonMethod, 'Batch');
      assert.equal(
        admin.anonymous.definedAt,
        `<IIsWebVirtualDir Location="/LM/W3SVC/1864297/ROOT/reports"> line ${vdirLine}`,
      );
      assert.equal(admin.line, lineOf(text, 'Location ="/LM/W3SVC/1864297/ROOT/reports/admin"'));
    });

    it('reads the specific-user pool', () => {
      assert.deepEqual(config.applicationPools.get('reportspool'), {
        name: 'ReportsPool',
        identityType: 'SpecificUser',
        userName: 'CONTOSO\\svc-reports',
        logonType: 'LogonBatch',
        line: lineOf(text, 'AppPools/ReportsPool'),
      });
    });
  });

  describe('fixture: keys out of order, numeric AuthFlags, CRLF and a byte order mark', () => {
    const name = 'out-of-order-crlf-bom.MetaBase.xml';
    const bytes = fixtureBytes(name);
    const text = fixtureText(name);
    const config = parseFixture(name);

    it('is really stored as UTF-8 with a BOM and CRLF line ends', () => {
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.ok(bytes.includes('\r\n'));
      assert.ok(!/[^\r]\n/.test(bytes.toString('utf8')), 'every line ends in CRLF');
    });

    it('parses the same whether the BOM is stripped by decoding or left in the text', () => {
      assert.deepEqual(parseMetabase(bytes.toString('utf8'), name), config);
      assert.equal(bytes.toString('utf8').charCodeAt(0), 0xfeff);
    });

    it('resolves children written before their parents', () => {
      assert.deepEqual(scopeList(config), [
        'Shop / site',
        'Shop /shop virtual-directory',
        'Shop /shop/checkout location',
        'Shop /shop/status.aspx location',
      ]);
      const serviceLine = lineOf(text, '<IIsWebService');
      for (const entry of config.scopes) {
        assert.equal(entry.anonymous.userName, 'SHOP01\\IUSR_SHOP01', `${entry.path}`);
        assert.equal(entry.anonymous.definedAt, `<IIsWebService Location="/LM/W3SVC"> line ${serviceLine}`);
        assert.equal(entry.anonymous.passwordSet, true);
      }
    });

    it('reads numeric AuthFlags: 0 at the service is overridden by 1 at ROOT, 5 keeps anonymous, 4 drops it', () => {
      assert.equal(scope(config, 'Shop', '/').anonymous.enabled, true);
      assert.equal(scope(config, 'Shop', '/shop').anonymous.enabled, true);
      assert.equal(scope(config, 'Shop', '/shop/checkout').anonymous.enabled, false);
      assert.equal(scope(config, 'Shop', '/shop/status.aspx').anonymous.enabled, true);
    });

    it('reads LogonMethod 2 and MD_LOGON_NETWORK as network logons', () => {
      assert.deepEqual(
        config.scopes.map((entry) => entry.anonymous.logonMethod),
        ['Network', 'Network', 'Network', 'Network'],
      );
    });

    it('follows AppPoolId down the path and reads the LocalSystem pool', () => {
      assert.equal(scope(config, 'Shop', '/').applicationPool, 'DefaultAppPool');
      assert.equal(scope(config, 'Shop', '/shop/checkout').applicationPool, 'ShopPool');
      assert.equal(config.applicationPools.get('shoppool')?.identityType, 'LocalSystem');
      assert.equal(config.applicationPools.get('defaultapppool')?.identityType, 'NetworkService');
    });

    it('reports the virtual directory of a site that does not exist', () => {
      assert.deepEqual(diagnosticCodes(config), ['orphan-location']);
      assert.equal(config.diagnostics[0]!.line, lineOf(text, '/LM/W3SVC/7/ROOT/legacy'));
      assert.match(config.diagnostics[0]!.message, /\/LM\/W3SVC\/7\b/);
      assert.ok(!config.scopes.some((entry) => entry.anonymous.userName === 'SHOP01\\legacy-anon'));
    });
  });

  describe('AuthFlags', () => {
    const cases: Array<[string, boolean]> = [
      ['AuthAnonymous | AuthNTLM', true],
      ['authanonymous|authntlm', true],
      ['  AuthBasic |AuthAnonymous  ', true],
      ['AUTHNTLM | AuthMD5 | AuthPassport', false],
      ['AuthBasic', false],
      ['MD_AUTH_ANONYMOUS | MD_AUTH_NT', true],
      ['0', false],
      ['1', true],
      ['4', false],
      ['5', true],
      ['64', false],
      ['65', true],
      ['0x15', true],
      ['0x14', false],
    ];
    for (const [written, enabled] of cases) {
      it(`AuthFlags="${written}" → anonymous ${enabled ? 'enabled' : 'disabled'}`, () => {
        assert.equal(rootScopeOf(oneSite({ AuthFlags: written })).anonymous.enabled, enabled);
      });
    }

    it('defaults to anonymous enabled when no key sets AuthFlags (schema default AuthAnonymous)', () => {
      assert.equal(rootScopeOf(oneSite()).anonymous.enabled, true);
    });

    it('inherits AuthFlags from the site key', () => {
      const text = metabase(
        key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01' }),
        key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'Default Web Site', AuthFlags: 'AuthNTLM' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
      );
      assert.equal(rootScopeOf(text).anonymous.enabled, false);
    });

    it('notes bits no authentication scheme uses but still decides on bit 1', () => {
      const config = parseMetabase(oneSite({ AuthFlags: '9' }), FILE);
      assert.equal(scope(config, 'Default Web Site', '/').anonymous.enabled, true);
      assert.deepEqual(diagnosticCodes(config), ['unknown-auth-flags']);
    });
  });

  describe('LogonMethod', () => {
    const cases: Array<[string, string]> = [
      ['0', 'Interactive'],
      ['1', 'Batch'],
      ['2', 'Network'],
      ['3', 'ClearText'],
      ['MD_LOGON_INTERACTIVE', 'Interactive'],
      ['MD_LOGON_BATCH', 'Batch'],
      ['md_logon_network', 'Network'],
      ['MD_LOGON_NETWORK_CLEARTEXT', 'ClearText'],
    ];
    for (const [written, method] of cases) {
      it(`LogonMethod="${written}" → ${method}`, () => {
        assert.equal(rootScopeOf(oneSite({ LogonMethod: written })).anonymous.logonMethod, method);
      });
    }
  });

  describe('inheritance and scopes', () => {
    it('takes the deepest AnonymousUserName and says where it was set', () => {
      const text = oneSite(
        {},
        key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/app', { AnonymousUserName: 'CONTOSO\\app-anon' }),
        key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/app/sub', { LogonMethod: '0' }),
      );
      const config = parseMetabase(text, FILE);
      const sub = scope(config, 'Default Web Site', '/app/sub');
      assert.equal(sub.anonymous.userName, 'CONTOSO\\app-anon');
      assert.equal(sub.anonymous.logonMethod, 'Interactive');
      assert.equal(
        sub.anonymous.definedAt,
        `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/app"> line ${lineOf(text, '/LM/W3SVC/1/ROOT/app"')}`,
      );
      assert.equal(scope(config, 'Default Web Site', '/').anonymous.userName, 'WEB01\\IUSR_WEB01');
    });

    it('compares Location paths case-insensitively and keeps the written case in scope paths', () => {
      const text = oneSite(
        {},
        key('IIsWebVirtualDir', '/lm/w3svc/1/Root/Orders/', { AnonymousUserName: 'CONTOSO\\orders' }),
      );
      const orders = scope(parseMetabase(text, FILE), 'Default Web Site', '/Orders');
      assert.equal(orders.anonymous.userName, 'CONTOSO\\orders');
    });

    it('inherits through a key of another type in the middle of the path', () => {
      const text = oneSite(
        {},
        key('IIsConfigObject', '/LM/W3SVC/1/ROOT/a', { AnonymousUserName: 'CONTOSO\\from-generic' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/a/b'),
      );
      const config = parseMetabase(text, FILE);
      assert.deepEqual(scopeList(config), ['Default Web Site / site', 'Default Web Site /a/b virtual-directory']);
      assert.equal(scope(config, 'Default Web Site', '/a/b').anonymous.userName, 'CONTOSO\\from-generic');
    });

    it('names a site by its number when it has no ServerComment and orders sites numerically', () => {
      const text = metabase(
        key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01' }),
        key('IIsWebServer', '/LM/W3SVC/12'),
        key('IIsWebVirtualDir', '/LM/W3SVC/12/ROOT'),
        key('IIsWebServer', '/LM/W3SVC/2', { ServerComment: 'Two' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT'),
      );
      assert.deepEqual(scopeList(parseMetabase(text, FILE)), ['Two / site', '12 / site']);
    });

    it('reports a site with no ROOT virtual directory and resolves it from the site key', () => {
      const text = metabase(
        key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01' }),
        key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'Bare', LogonMethod: '1' }),
      );
      const config = parseMetabase(text, FILE);
      assert.deepEqual(diagnosticCodes(config), ['missing-root-virtual-directory']);
      assert.equal(scope(config, 'Bare', '/').anonymous.logonMethod, 'Batch');
    });

    it('ignores IIsWebServer templates under /LM/W3SVC/Info and their virtual directories', () => {
      const text = oneSite(
        {},
        key('IIsWebServer', '/LM/W3SVC/Info/Templates/Public Web Site', { ServerComment: 'Template' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/Info/Templates/Public Web Site/Root'),
      );
      const config = parseMetabase(text, FILE);
      assert.deepEqual(scopeList(config), ['Default Web Site / site']);
      assert.deepEqual(config.diagnostics, []);
    });

    it('ignores unknown elements and FTP keys', () => {
      const text = oneSite(
        {},
        key('SomethingNew', '/LM/W3SVC/1/ROOT/x', {}),
        key('IIsFtpVirtualDir', '/LM/MSFTPSVC/1/ROOT', { AnonymousUserName: 'X\\ftp', LogonMethod: 'not-a-method' }),
        '<Unkeyed Attribute="1"/>',
      );
      assert.deepEqual(scopeList(parseMetabase(text, FILE)), ['Default Web Site / site']);
    });

    it('warns when anonymous is on but no AnonymousUserName applies (IIS 6 has no default account)', () => {
      const text = metabase(
        key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'S' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
      );
      const config = parseMetabase(text, FILE);
      const root = scope(config, 'S', '/');
      assert.equal(root.anonymous.userName, '');
      assert.equal(root.anonymous.passwordSet, false);
      assert.match(root.anonymous.definedAt, /not set/);
      assert.deepEqual(diagnosticCodes(config), ['anonymous-user-missing']);
    });

    it('sets passwordSet only when a non-empty AnonymousUserPass applies', () => {
      assert.equal(rootScopeOf(oneSite({ AnonymousUserPass: '0000ABCD' })).anonymous.passwordSet, true);
      assert.equal(rootScopeOf(oneSite({ AnonymousUserPass: '' })).anonymous.passwordSet, false);
      assert.equal(rootScopeOf(oneSite()).anonymous.passwordSet, false);
    });

    it('notes AnonymousPasswordSync, which makes IIS log on through iissuba.dll', () => {
      const config = parseMetabase(oneSite({ AnonymousPasswordSync: 'TRUE' }), FILE);
      assert.deepEqual(diagnosticCodes(config), ['anonymous-password-sync']);
      assert.deepEqual(diagnosticCodes(parseMetabase(oneSite({ AnonymousPasswordSync: 'FALSE' }), FILE)), []);
      assert.equal(
        inputErrorFrom(() => parseMetabase(oneSite({ AnonymousPasswordSync: 'maybe' }), FILE)).expected,
        'TRUE or FALSE',
      );
    });

    it('has no application pool in IIS 5 isolation mode', () => {
      const text = metabase(
        key('IIsWebService', '/LM/W3SVC', {
          AnonymousUserName: 'WEB01\\IUSR_WEB01',
          AppPoolId: 'DefaultAppPool',
          IIs5IsolationModeEnabled: 'TRUE',
        }),
        key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
        key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'Default Web Site' }),
        key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
      );
      assert.equal(rootScopeOf(text).applicationPool, null);
    });

    it('reports an AppPoolId that names no pool', () => {
      const config = parseMetabase(oneSite({ AppPoolId: 'Missing' }), FILE);
      assert.equal(scope(config, 'Default Web Site', '/').applicationPool, 'Missing');
      assert.deepEqual(diagnosticCodes(config), ['unknown-application-pool']);
    });

    it('reports a specific-user pool without WAMUserName and a duplicated Location', () => {
      const text = oneSite(
        {},
        key('IIsApplicationPool', '/LM/W3SVC/AppPools/Lonely', {
          AppPoolIdentityType: 'MD_APPPOOL_IDENTITY_TYPE_SPECIFICUSER',
        }),
        key('IIsWebDirectory', '/LM/W3SVC/1/ROOT', {}),
      );
      const config = parseMetabase(text, FILE);
      assert.deepEqual(diagnosticCodes(config).sort(), ['duplicate-location', 'pool-user-missing']);
      assert.deepEqual(config.applicationPools.get('lonely'), {
        name: 'Lonely',
        identityType: 'SpecificUser',
        userName: '',
        logonType: 'LogonBatch',
        line: lineOf(text, 'AppPools/Lonely'),
      });
    });

    it('inherits WAMUserName and AppPoolIdentityType from IIsApplicationPools', () => {
      const text = oneSite(
        {},
        key('IIsApplicationPools', '/LM/W3SVC/AppPools', { AppPoolIdentityType: '3', WAMUserName: 'CONTOSO\\pools' }),
        key('IIsApplicationPool', '/LM/W3SVC/AppPools/Other'),
      );
      const other = parseMetabase(text, FILE).applicationPools.get('other');
      assert.equal(other?.identityType, 'SpecificUser');
      assert.equal(other?.userName, 'CONTOSO\\pools');
    });

    it('reports an anonymous property written as a <Custom> property', () => {
      const text = metabase(
        key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01' }),
        key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'S' }),
        '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"\n\t>\n\t<Custom Name="AnonymousUserName" ID="6020" Value="X\\y" Type="STRING" UserType="IIS_MD_UT_FILE" Attributes="INHERIT"/>\n</IIsWebVirtualDir>',
      );
      const config = parseMetabase(text, FILE);
      assert.deepEqual(diagnosticCodes(config), ['custom-property-ignored']);
      assert.equal(config.diagnostics[0]!.line, lineOf(text, '<Custom'));
    });

    it('matches the root by local name whatever its namespace or prefix', () => {
      const prefixed = oneSite({ LogonMethod: '1' })
        .replace(
          '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
          '<mb:configuration xmlns:mb="urn:example:other">',
        )
        .replace('</configuration>', '</mb:configuration>');
      assert.equal(rootScopeOf(prefixed).anonymous.logonMethod, 'Batch');
    });
  });

  describe('rejected input', () => {
    it('rejects a truncated file', () => {
      const text = fixtureText('two-sites-contoso.MetaBase.xml');
      const error = inputErrorFrom(() => parseMetabase(text.slice(0, Math.floor(text.length / 2)), FILE));
      assert.equal(error.file, FILE);
      assert.equal(error.expected, 'well-formed XML');
    });

    it('rejects a DOCTYPE', () => {
      const text = oneSite().replace('<configuration', '<!DOCTYPE configuration [<!ENTITY x "y">]>\n<configuration');
      const error = inputErrorFrom(() => parseMetabase(text, FILE));
      assert.match(error.expected, /DOCTYPE/);
    });

    it('rejects a root other than <configuration>', () => {
      const text =
        '<?xml version="1.0"?>\n<MBProperty\n\txmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n</MBProperty>\n';
      const error = inputErrorFrom(() => parseMetabase(text, FILE));
      assert.equal(error.found, '<MBProperty>');
      assert.equal(error.location.line, 2);
    });

    it('rejects a <configuration> without <MBProperty>', () => {
      inputErrorFrom(() => parseMetabase('<configuration><appSettings/></configuration>', FILE));
    });

    it('rejects an empty file', () => {
      inputErrorFrom(() => parseMetabase('', FILE));
    });

    it('rejects LogonMethod 4 with the line of the attribute and the value', () => {
      const text = oneSite({ Path: 'c:\\inetpub\\wwwroot', LogonMethod: '4', AccessFlags: 'AccessRead' });
      const error = inputErrorFrom(() => parseMetabase(text, FILE));
      assert.equal(error.location.line, lineOf(text, 'LogonMethod="4"'));
      assert.equal(error.location.element, '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT">');
      assert.equal(error.found, '"4"');
      assert.match(
        error.message,
        /^MetaBase\.xml \(line \d+, element <IIsWebVirtualDir Location="\/LM\/W3SVC\/1\/ROOT">\): expected LogonMethod 0/,
      );
    });

    it('rejects a LogonMethod set on a key no scope uses', () => {
      const text = oneSite({}, key('IIsWebVirtualDir', '/LM/W3SVC/99/ROOT', { LogonMethod: 'MD_LOGON_SERVICE' }));
      const error = inputErrorFrom(() => parseMetabase(text, FILE));
      assert.equal(error.found, '"MD_LOGON_SERVICE"');
    });

    for (const written of [
      'AuthAnonymous | AuthKerberos',
      '',
      'AuthAnonymous |',
      '-1',
      '0x100000000',
      'AuthAnonymous AuthNTLM',
    ]) {
      it(`rejects AuthFlags="${written}"`, () => {
        const text = oneSite({ AuthFlags: written });
        const error = inputErrorFrom(() => parseMetabase(text, FILE));
        assert.equal(error.location.line, lineOf(text, 'AuthFlags='));
        assert.match(error.expected, /AuthFlags/);
      });
    }

    for (const written of ['4', 'ApplicationPoolIdentity', 'x']) {
      it(`rejects AppPoolIdentityType="${written}"`, () => {
        const text = oneSite({}, key('IIsApplicationPool', '/LM/W3SVC/AppPools/P', { AppPoolIdentityType: written }));
        const error = inputErrorFrom(() => parseMetabase(text, FILE));
        assert.equal(error.location.line, lineOf(text, 'AppPoolIdentityType='));
        assert.equal(error.location.element, '<IIsApplicationPool Location="/LM/W3SVC/AppPools/P">');
      });
    }

    it('rejects an absurdly deep or long Location', () => {
      const deep = oneSite({}, key('IIsWebDirectory', `/LM/W3SVC/1/ROOT/${'a/'.repeat(300)}`, { AuthFlags: '1' }));
      assert.match(inputErrorFrom(() => parseMetabase(deep, FILE)).found, /^304 segments/);
      const long = oneSite({}, key('IIsWebDirectory', `/LM/W3SVC/1/ROOT/${'a'.repeat(5000)}`, { AuthFlags: '1' }));
      const error = inputErrorFrom(() => parseMetabase(long, FILE));
      assert.match(error.found, /^5017 characters/);
      assert.equal(error.location.line, lineOf(long, 'aaaa'));
    });
  });

  describe('robustness', () => {
    const samples = [
      'default-web01.MetaBase.xml',
      'two-sites-contoso.MetaBase.xml',
      'out-of-order-crlf-bom.MetaBase.xml',
    ].map(fixtureText);

    it('throws only InputError for any prefix of a fixture', () => {
      for (const text of samples) {
        for (let end = 0; end < text.length; end += 7) {
          try {
            parseMetabase(text.slice(0, end), FILE);
          } catch (error) {
            assert.ok(error instanceof InputError, `prefix of ${end} characters: ${String(error)}`);
          }
        }
      }
    });

    it('throws only InputError for random edits of a fixture', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...samples),
          fc.nat(),
          fc.string({ maxLength: 12 }),
          fc.nat({ max: 20 }),
          (text, position, inserted, removed) => {
            const at = position % (text.length + 1);
            const mutated = text.slice(0, at) + inserted + text.slice(at + removed);
            try {
              const config = parseMetabase(mutated, FILE);
              assert.equal(config.iisMajorVersion, 6);
            } catch (error) {
              if (!(error instanceof InputError)) throw error;
            }
          },
        ),
        { numRuns: 500 },
      );
    });

    it('reports attribute lines correctly when one line holds several keys', () => {
      const text = [
        '<configuration><MBProperty>',
        '<IIsWebServer Location="/LM/W3SVC/1" ServerComment="A"/><IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AuthFlags="1"/><IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/x" a=">" ',
        'LogonMethod="9"/>',
        '</MBProperty></configuration>',
      ].join('\n');
      assert.equal(inputErrorFrom(() => parseMetabase(text, FILE)).location.line, 3);
    });
  });
});
