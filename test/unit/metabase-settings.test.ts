import assert from 'node:assert/strict';
import { parseMetabase } from '../../src/parse/metabase';
import { inputErrorFrom } from '../helpers/errors';
import {
  FILE,
  diagnosticCodes,
  key,
  lineOf,
  metabase,
  oneSite,
  rootScopeOf,
  scope,
  scopeList,
} from './metabase-helpers';

describe('IIS 6 MetaBase.xml parser', () => {
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
});
