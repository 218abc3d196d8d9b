import assert from 'node:assert/strict';
import { parseMetabase } from '../../src/parse/metabase';
import { diagnosticCodes, fixtureBytes, fixtureText, lineOf, parseFixture, scope, scopeList } from './metabase-helpers';

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
});
