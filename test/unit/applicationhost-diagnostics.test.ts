import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import type { IisConfiguration } from '../../src/core/model';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { inputErrorFrom } from '../helpers/errors';

/**
 * An applicationHost.config that earns every diagnostic, with padded and numeric values,
 * nested section groups, duplicate pools, sites and applications, sites without a root
 * application, server-level and orphan locations; then rejected values with exact messages.
 */

const FILE = 'applicationHost.config';
const text = readFileSync(
  join(__dirname, '..', 'fixtures', 'diagnostics', 'every-diagnostic.applicationHost.config'),
  'utf8',
);

const errorFrom = (document: string): InputError => inputErrorFrom(() => parseApplicationHostConfig(document, FILE));

function withPool(processModel: string): string {
  return `<configuration><system.applicationHost><applicationPools>\n<add name="P">\n<processModel ${processModel} /></add></applicationPools></system.applicationHost></configuration>`;
}

function withServerAnonymous(attributes: string): string {
  return `<configuration>\n<system.webServer><security><authentication>\n<anonymousAuthentication ${attributes} /></authentication></security></system.webServer></configuration>`;
}

describe('applicationHost.config: every diagnostic, padded values and value forms', () => {
  // Parsed in a hook, not while the file loads, so mutation testing credits it to these tests.
  let config: IisConfiguration;
  before(() => {
    config = parseApplicationHostConfig(text, FILE);
  });
  const SERVER = {
    enabled: true,
    userName: 'IUSR',
    logonMethod: 'ClearText',
    passwordSet: true,
    definedAt: 'server level (line 49)',
  };
  const APP = {
    ...SERVER,
    userName: 'CONTOSO\\app-anon',
    definedAt: '<location path="Default Web Site/App"> (line 68)',
  };

  it('reads pools: numeric enums with padding, defaults that follow the pools, the first of two definitions', () => {
    assert.deepEqual(
      [...config.applicationPools.entries()],
      [
        [
          'defaultapppool',
          {
            name: 'DefaultAppPool',
            identityType: 'ApplicationPoolIdentity',
            userName: '',
            logonType: 'LogonBatch',
            line: 18,
          },
        ],
        [
          'batch',
          {
            name: 'Batch',
            identityType: 'SpecificUser',
            userName: 'CONTOSO\\svc-batch',
            logonType: 'LogonService',
            line: 19,
          },
        ],
        [
          'nameless',
          { name: 'Nameless', identityType: 'SpecificUser', userName: '', logonType: 'LogonBatch', line: 21 },
        ],
        [
          'network',
          { name: 'Network', identityType: 'NetworkService', userName: '', logonType: 'LogonBatch', line: 22 },
        ],
      ],
    );
  });

  it('resolves every scope: root, applications, virtual directories, then locations; child applications skip non-inheriting tags', () => {
    assert.deepEqual(
      config.scopes.map((scope) => [
        scope.site,
        scope.path,
        scope.kind,
        scope.applicationPool,
        scope.line,
        scope.anonymous,
      ]),
      [
        ['Default Web Site', '/', 'site', 'DefaultAppPool', 26, SERVER],
        ['Default Web Site', '/App', 'application', 'Batch', 31, APP],
        ['Default Web Site', '/Empty', 'application', null, 36, SERVER],
        ['Default Web Site', '/Images', 'virtual-directory', 'DefaultAppPool', 29, SERVER],
        ['Default Web Site', '/App/docs', 'virtual-directory', 'Batch', 33, APP],
        ['Default Web Site', '/App/docs/deep', 'location', 'Batch', 70, { ...APP, enabled: false }],
        ['NoRoot', '/', 'site', 'Ghost', 39, SERVER],
        ['NoRoot', '/api', 'application', 'Ghost', 41, SERVER],
        ['Bare', '/', 'site', null, 43, SERVER],
        ['Bare', '/x', 'application', null, 44, SERVER],
      ],
    );
  });

  it('reports each oddity with its line and an exact message', () => {
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
          'anonymous-section-unlocked',
          'info',
          11,
          FILE,
          'anonymousAuthentication is declared with overrideModeDefault="Allow": web.config files may set a different anonymous identity for a site or application wherever no <location overrideMode="Deny"> locks it again; each finding notes where the snapshot holds no web.config that could',
        ],
        [
          'duplicate-application-pool',
          'warning',
          20,
          FILE,
          'application pool "defaultapppool" is defined more than once; the first definition is used (IIS refuses to load such a file)',
        ],
        [
          'specific-user-without-name',
          'warning',
          21,
          FILE,
          'application pool "Nameless" has identityType SpecificUser but no userName',
        ],
        [
          'duplicate-application',
          'warning',
          35,
          FILE,
          'site "Default Web Site" defines application "/app" more than once; the first definition is used',
        ],
        [
          'no-application-pool',
          'warning',
          36,
          FILE,
          'application "/Empty" of site "Default Web Site" names no application pool and no applicationDefaults gives one (the IIS schema has no default pool)',
        ],
        [
          'no-root-application',
          'warning',
          38,
          FILE,
          'site "default web site" has no <application path="/">; its root is evaluated with no known application pool',
        ],
        [
          'duplicate-site',
          'warning',
          38,
          FILE,
          'site "default web site" is defined more than once; the first definition is used (IIS refuses to load such a file)',
        ],
        [
          'no-root-application',
          'warning',
          39,
          FILE,
          'site "NoRoot" has no <application path="/">; its root is evaluated with the applicationDefaults pool "Ghost"',
        ],
        [
          'no-application-pool',
          'warning',
          44,
          FILE,
          'application "/x" of site "Bare" names no application pool and no applicationDefaults gives one (the IIS schema has no default pool)',
        ],
        [
          'no-root-application',
          'warning',
          43,
          FILE,
          'site "Bare" has no <application path="/">; its root is evaluated with no known application pool',
        ],
        [
          'location-not-inherited',
          'info',
          51,
          FILE,
          '<location path="." inheritInChildApplications="false"> sets anonymousAuthentication for the server level only; no site inherits it',
        ],
        [
          'orphan-location',
          'warning',
          58,
          FILE,
          '<location path="Missing Site/app"> names no site defined in <sites>; its settings (including anonymousAuthentication enabled="false", userName="who", logonMethod="Batch", an empty password) apply to nothing',
        ],
        [
          'orphan-location',
          'warning',
          61,
          FILE,
          '<location path="Missing Site"> names no site defined in <sites>; its settings apply to nothing',
        ],
        [
          'orphan-location',
          'warning',
          64,
          FILE,
          '<location path="Other Missing"> names no site defined in <sites>; its settings (including anonymousAuthentication with no attributes) apply to nothing',
        ],
        [
          'unknown-application-pool',
          'warning',
          39,
          FILE,
          'application pool "Ghost" is used by application "/" of site "NoRoot" but not defined in <applicationPools>',
        ],
      ],
    );
  });

  it('reads enums by any-case name or schema number, and rejects the rest naming the element', () => {
    const pools = (model: string) =>
      [...parseApplicationHostConfig(withPool(model), FILE).applicationPools.values()][0]!;
    assert.equal(pools('identityType="localservice"').identityType, 'LocalService');
    assert.equal(pools('identityType="0"').identityType, 'LocalSystem');
    assert.equal(pools('identityType="004"').identityType, 'ApplicationPoolIdentity');
    for (const bad of ['5', '999', '1000', 'Nobody', '', '-1', '1.0']) {
      const error = errorFrom(withPool(`identityType="${bad}"`));
      assert.equal(
        error.expected,
        'identityType to be one of LocalSystem, LocalService, NetworkService, SpecificUser, ApplicationPoolIdentity or a number 0-4',
        bad,
      );
      assert.deepEqual(error.location, { line: 3, element: '<processModel>' });
    }
    assert.equal(
      errorFrom(withPool('logonType="2"')).message,
      'applicationHost.config (line 3, element <processModel>): expected logonType to be one of LogonBatch, LogonService or a number 0-1, found "2"',
    );
    assert.equal(
      errorFrom(withServerAnonymous('logonMethod="Basic"')).expected,
      'logonMethod to be one of Interactive, Batch, Network, ClearText or a number 0-3',
    );
  });

  it('reads booleans as true or false in any case and padding, and rejects anything else', () => {
    const enabled = (value: string): boolean => {
      const document = `<configuration><system.applicationHost><sites><site name="S" id="1"><application path="/" applicationPool="P" /></site></sites></system.applicationHost>\n<system.webServer><security><authentication><anonymousAuthentication enabled="${value}" /></authentication></security></system.webServer></configuration>`;
      return parseApplicationHostConfig(document, FILE).scopes[0]!.anonymous.enabled;
    };
    assert.deepEqual(['true', ' TRUE ', 'False', 'false '].map(enabled), [true, true, false, false]);
    const error = errorFrom(withServerAnonymous('enabled="yes"'));
    assert.equal(
      error.message,
      'applicationHost.config (line 3, element <anonymousAuthentication>): expected enabled to be true or false, found "yes"',
    );
    assert.equal(
      errorFrom('<configuration>\n<location path="S" inheritInChildApplications="1" /></configuration>').expected,
      'inheritInChildApplications to be true or false',
    );
  });

  it('requires the names and paths that identify pools, sites, applications and virtual directories', () => {
    const sites = (inner: string): string =>
      `<configuration><system.applicationHost><sites>\n${inner}</sites></system.applicationHost></configuration>`;
    assert.equal(
      errorFrom(withPool('').replace('<add name="P">', '<add>')).message,
      'applicationHost.config (line 2, element <add>): expected a non-empty name attribute, found none',
    );
    assert.equal(
      errorFrom(sites('<site name=" " id="1" />')).message,
      'applicationHost.config (line 2, element <site>): expected a non-empty name attribute, found an empty value',
    );
    assert.equal(
      errorFrom(sites('<site name="S" id="1"><application /></site>')).expected,
      'a non-empty path attribute',
    );
    assert.equal(
      errorFrom(sites('<site name="S" id="1"><application path="/"><virtualDirectory path="" /></application></site>'))
        .found,
      'an empty value',
    );
  });

  it('rejects a root other than <configuration>', () => {
    assert.equal(
      errorFrom('\n<config/>').message,
      'applicationHost.config (line 2): expected the root element <configuration> of an applicationHost.config, found root element "<config>"',
    );
  });
});
