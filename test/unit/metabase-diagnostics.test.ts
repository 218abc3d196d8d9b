import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import type { IisConfiguration } from '../../src/core/model';
import { parseMetabase } from '../../src/parse/metabase';
import { inputErrorFrom } from '../helpers/errors';

/**
 * One metabase that earns every diagnostic, with padded values, numeric and named forms, a
 * <Custom> property by name and by ID, a duplicate key, isolation mode, and keys outside the web
 * service; then value forms and rejected input at their edges.
 */

const FILE = 'MetaBase.xml';
const text = readFileSync(join(__dirname, '..', 'fixtures', 'diagnostics', 'every-diagnostic.MetaBase.xml'), 'utf8');

function parse(document: string): IisConfiguration {
  return parseMetabase(document, FILE);
}

const errorFrom = (document: string): InputError => inputErrorFrom(() => parse(document));

/** A minimal metabase with one site whose ROOT carries the given attributes. */
function withRoot(attributes: string): string {
  return `<configuration><MBProperty>\n<IIsWebServer Location="/LM/W3SVC/1" ServerComment="S"></IIsWebServer>\n<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AnonymousUserName="u" ${attributes}></IIsWebVirtualDir>\n</MBProperty></configuration>`;
}

describe('MetaBase.xml: every diagnostic, padded values and value forms', () => {
  // Parsed in a hook, not while the file loads, so mutation testing credits it to these tests.
  let config: IisConfiguration;
  before(() => {
    config = parse(text);
  });
  const SERVICE = '<IIsWebService Location="/LM/W3SVC/"> line 5';

  it('reads pools: names from the last Location segment, trimmed WAMUserName, SpecificUser by number or name', () => {
    assert.deepEqual(
      [...config.applicationPools.entries()],
      [
        [
          'defaultapppool',
          { name: 'DefaultAppPool', identityType: 'NetworkService', userName: '', logonType: 'LogonBatch', line: 17 },
        ],
        [
          'specific',
          { name: 'Specific', identityType: 'SpecificUser', userName: '', logonType: 'LogonBatch', line: 18 },
        ],
        [
          'named',
          { name: 'Named', identityType: 'SpecificUser', userName: 'CONTOSO\\svc', logonType: 'LogonBatch', line: 19 },
        ],
        [
          'apppools',
          { name: 'AppPools', identityType: 'NetworkService', userName: '', logonType: 'LogonBatch', line: 20 },
        ],
      ],
    );
  });

  it('resolves every scope: sites by number, then paths in order; files and directories only with anonymous settings', () => {
    const anonymous = (
      userName: string,
      extra: Partial<{ enabled: boolean; logonMethod: string; definedAt: string }> = {},
    ) => ({ enabled: true, userName, logonMethod: 'ClearText', passwordSet: false, definedAt: SERVICE, ...extra });
    assert.deepEqual(config.scopes, [
      {
        site: 'Default Web Site',
        path: '/',
        kind: 'site',
        applicationPool: 'DefaultAppPool',
        anonymous: anonymous('WEB01\\IUSR_WEB01'),
        line: 21,
      },
      {
        site: 'Default Web Site',
        path: '/NoSync',
        kind: 'virtual-directory',
        applicationPool: 'DefaultAppPool',
        anonymous: anonymous('WEB01\\IUSR_WEB01'),
        line: 27,
      },
      {
        site: 'Default Web Site',
        path: '/secret.txt',
        kind: 'location',
        applicationPool: 'DefaultAppPool',
        anonymous: anonymous('WEB01\\IUSR_WEB01', { enabled: false }),
        line: 25,
      },
      {
        site: 'Default Web Site',
        path: '/Sync',
        kind: 'virtual-directory',
        applicationPool: 'Ghost',
        anonymous: anonymous('WEB01\\IUSR_WEB01'),
        line: 26,
      },
      {
        site: 'Default Web Site',
        path: '/',
        kind: 'site',
        applicationPool: 'DefaultAppPool',
        anonymous: anonymous('', { definedAt: '<IIsWebServer Location="/LM/W3SVC/2"> line 28' }),
        line: 28,
      },
      {
        site: '10',
        path: '/',
        kind: 'site',
        applicationPool: null,
        anonymous: anonymous('WEB01\\IUSR_WEB01', { logonMethod: 'Batch' }),
        line: 30,
      },
    ]);
  });

  it('reports each oddity once, with its line and an exact message', () => {
    assert.deepEqual(
      config.diagnostics.map((diagnostic) => [
        diagnostic.code,
        diagnostic.severity,
        diagnostic.line,
        diagnostic.file,
        diagnostic.message,
      ]),
      [
        [
          'custom-property-ignored',
          'warning',
          12,
          FILE,
          '<IIsWebService Location="/LM/W3SVC/"> writes "anonymoususername" as a <Custom> property; custom properties are not evaluated, check this key by hand',
        ],
        [
          'custom-property-ignored',
          'warning',
          13,
          FILE,
          '<IIsWebService Location="/LM/W3SVC/"> writes LogonMethod as a <Custom> property; custom properties are not evaluated, check this key by hand',
        ],
        [
          'duplicate-location',
          'warning',
          23,
          FILE,
          'Location "/lm/w3svc/1/root/" appears again (<IIsWebVirtualDir>); the first key, <IIsWebVirtualDir> at line 22, is used',
        ],
        [
          'unknown-auth-flags',
          'info',
          27,
          FILE,
          '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/NoSync"> sets AuthFlags 2147483713 (0x80000041), which has bits no IIS 6 authentication scheme uses',
        ],
        [
          'pool-user-missing',
          'warning',
          18,
          FILE,
          'Application pool "Specific" runs as a specific user (AppPoolIdentityType 3) but no WAMUserName applies to it',
        ],
        [
          'duplicate-site-name',
          'warning',
          28,
          FILE,
          'Sites 1 and 2 are both named "Default Web Site"; their findings share that name',
        ],
        [
          'missing-root-virtual-directory',
          'warning',
          28,
          FILE,
          'Site "Default Web Site" (<IIsWebServer Location="/LM/W3SVC/2">) has no IIsWebVirtualDir at ROOT below it; its settings are taken from the site key',
        ],
        [
          'anonymous-user-missing',
          'warning',
          28,
          FILE,
          'Anonymous access is enabled for "Default Web Site" "/" but no AnonymousUserName applies to it; IIS 6 has no default anonymous account, so anonymous requests fail',
        ],
        [
          'anonymous-password-sync',
          'info',
          26,
          FILE,
          'AnonymousPasswordSync is TRUE for "Default Web Site" "/Sync" (set at <IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/Sync"> line 26): IIS logs the anonymous user on through the iissuba.dll sub-authenticator, a network logon, whatever LogonMethod says',
        ],
        [
          'orphan-location',
          'warning',
          29,
          FILE,
          '<IIsWebVirtualDir Location="/LM/W3SVC/3/ROOT/Orphan"> belongs to no web site: there is no IIsWebServer at "/LM/W3SVC/3"',
        ],
        [
          'unknown-application-pool',
          'warning',
          26,
          FILE,
          'AppPoolId "Ghost" (used by "Default Web Site" "/Sync") names no IIsApplicationPool in this metabase',
        ],
      ],
    );
  });

  it('reads DWORDs in decimal and hexadecimal up to 32 bits', () => {
    const flags = (value: string): boolean => parse(withRoot(`AuthFlags="${value}"`)).scopes[0]!.anonymous.enabled;
    assert.equal(flags('1'), true);
    assert.equal(flags(' 0x1 '), true);
    assert.equal(flags('0XFFFFFFFF'), true);
    assert.equal(flags('4294967295'), true);
    assert.equal(flags('4'), false);
    for (const bad of ['4294967296', '0x100000000', '12345678901', '0x', '1 2', 'x1', '0x1g']) {
      const error = errorFrom(withRoot(`AuthFlags="${bad}"`));
      assert.equal(
        error.expected,
        'AuthFlags as names joined by "|" (AuthAnonymous, AuthBasic, AuthNTLM, AuthMD5, AuthPassport) or a number',
        bad,
      );
      assert.deepEqual(error.location, { line: 3, element: '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT">' });
    }
  });

  it('reads metabase booleans as TRUE/FALSE or 1/0, any case and padding', () => {
    const isolated = (value: string): boolean =>
      parse(withRoot(`AppPoolId="P" IIs5IsolationModeEnabled="${value}"`)).scopes[0]!.applicationPool === null;
    assert.deepEqual(['TRUE', ' true ', '1', 'FALSE', 'false', ' 0 '].map(isolated), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const error = errorFrom(withRoot('AnonymousPasswordSync="yes"'));
    assert.equal(
      error.message,
      'MetaBase.xml (line 3, element <IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT">): expected TRUE or FALSE, found "yes"',
    );
  });

  it('reads LogonMethod and AppPoolIdentityType by number or name, and rejects the rest with exact messages', () => {
    assert.equal(parse(withRoot('LogonMethod=" MD_LOGON_NETWORK "')).scopes[0]!.anonymous.logonMethod, 'Network');
    assert.equal(
      errorFrom(withRoot('LogonMethod="4"')).expected,
      'LogonMethod 0 (interactive), 1 (batch), 2 (network) or 3 (network cleartext), or an MD_LOGON_* name',
    );
    const pool = (value: string): string =>
      `<configuration><MBProperty>\n<IIsApplicationPool Location="/LM/W3SVC/AppPools/P" AppPoolIdentityType="${value}"></IIsApplicationPool>\n</MBProperty></configuration>`;
    assert.equal(parse(pool(' localservice ')).applicationPools.get('p')?.identityType, 'LocalService');
    assert.equal(parse(pool('0')).applicationPools.get('p')?.identityType, 'LocalSystem');
    const error = errorFrom(pool('4'));
    assert.equal(
      error.message,
      'MetaBase.xml (line 2, element <IIsApplicationPool Location="/LM/W3SVC/AppPools/P">): expected AppPoolIdentityType 0 (LocalSystem), 1 (LocalService), 2 (NetworkService) or 3 (SpecificUser), found "4"',
    );
  });

  it('bounds Location at 4096 characters and 256 segments, exactly', () => {
    const key = (location: string): string =>
      `<configuration><MBProperty>\n<IIsConfigObject Location="${location}"></IIsConfigObject>\n</MBProperty></configuration>`;
    assert.doesNotThrow(() => parse(key(`/${'a'.repeat(4095)}`)));
    assert.doesNotThrow(() => parse(key('/a'.repeat(256))));
    const long = errorFrom(key(`/${'a'.repeat(4096)}`));
    assert.equal(long.expected, 'a Location of at most 4096 characters and 256 segments');
    assert.match(long.found, /^4097 characters: "\/a{59}\.\.\."$/);
    assert.deepEqual(long.location, { line: 2, element: '<IIsConfigObject>' });
    assert.match(errorFrom(key('/a'.repeat(257))).found, /^257 segments: /);
  });

  it('rejects a root other than <configuration>, and a configuration without <MBProperty>', () => {
    assert.equal(
      errorFrom('\n<metabase/>').message,
      'MetaBase.xml (line 2, element <metabase>): expected <configuration> as the root element of MetaBase.xml, found <metabase>',
    );
    assert.equal(
      errorFrom('<configuration>\n<Other/></configuration>').message,
      'MetaBase.xml (line 1, element <configuration>): expected <MBProperty> inside <configuration> (the metabase keys), found none',
    );
  });

  it('ignores keys outside /LM/W3SVC and keys whose Location is not a path', () => {
    const config = parse(`<configuration><MBProperty>
<IIsWebServer Location="LM/W3SVC/1"></IIsWebServer>
<IIsWebServer Location="/LM/W3SVC/1"></IIsWebServer>
<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AnonymousUserName="u"></IIsWebVirtualDir>
<IIsWebVirtualDir Location="/LM/OTHER/1/ROOT/x" AnonymousUserName="v" LogonMethod="bogus"></IIsWebVirtualDir>
<IIsApplicationPool Location="/LM/OTHER/AppPools/Q"></IIsApplicationPool>
<IIsApplicationPool Location="/" ></IIsApplicationPool>
</MBProperty></configuration>`);
    assert.deepEqual(
      config.scopes.map((scope) => [scope.site, scope.path, scope.anonymous.userName]),
      [['1', '/', 'u']],
    );
    assert.deepEqual([...config.applicationPools.keys()], []);
  });
});
