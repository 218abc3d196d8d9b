import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { parseMetabase } from '../../src/parse/metabase';

/** Connect-as credentials: which virtual directory names which account, and how it logs on. */

function appHost(sites: string, sitesDefaults = ''): string {
  return `<configuration><system.applicationHost><applicationPools><add name="P" /></applicationPools><sites>${sites}${sitesDefaults}</sites></system.applicationHost></configuration>`;
}

function connectAs(text: string): Record<string, string> {
  const config = parseApplicationHostConfig(text, 'applicationHost.config');
  return Object.fromEntries(
    config.scopes
      .filter((scope) => scope.connectAs)
      .map((scope) => [
        `${scope.site}${scope.path}`,
        `${scope.connectAs!.userName} ${scope.connectAs!.logonMethod} ${scope.connectAs!.passwordSet} ${scope.connectAs!.physicalPath}`,
      ]),
  );
}

describe('connect-as credentials in applicationHost.config', () => {
  it("a directory's own attributes win, each attribute falling back to the application, site and server defaults", () => {
    const text = appHost(
      `<site name="S" id="1">
         <application path="/" applicationPool="P">
           <virtualDirectory path="/" physicalPath="\\\\fs\\root" />
           <virtualDirectory path="/own" physicalPath="\\\\fs\\own" userName="C\\own" password="x" logonMethod="Batch" />
           <virtualDirectoryDefaults logonMethod="Network" />
         </application>
         <application path="/app" applicationPool="P">
           <virtualDirectory path="/" physicalPath="\\\\fs\\app" />
         </application>
         <virtualDirectoryDefaults userName="C\\site" password="y" />
       </site>
       <site name="T" id="2"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="d:\\t" /></application></site>`,
      '<virtualDirectoryDefaults userName="C\\server" logonMethod="Interactive" />',
    );
    assert.deepEqual(connectAs(text), {
      'S/': 'C\\site Network true \\\\fs\\root',
      'S/app': 'C\\site Interactive true \\\\fs\\app',
      'S/own': 'C\\own Batch true \\\\fs\\own',
      'T/': 'C\\server Interactive false d:\\t',
    });
  });

  it('no userName anywhere means no connect-as account; an empty one too', () => {
    assert.deepEqual(
      connectAs(
        appHost(
          '<site name="S" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="\\\\fs\\x" userName="" /></application></site>',
        ),
      ),
      {},
    );
  });

  it('an unknown logonMethod is invalid input naming the element', () => {
    const text = appHost(
      '<site name="S" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/v" physicalPath="\\\\fs\\x" userName="C\\u" logonMethod="Kerberos" /></application></site>',
    );
    assert.throws(
      () => parseApplicationHostConfig(text, 'applicationHost.config'),
      (error: unknown) =>
        error instanceof InputError && /logonMethod/.test(error.message) && /Kerberos/.test(error.message),
    );
  });

  it('says where the account was set', () => {
    const config = parseApplicationHostConfig(
      appHost(
        '<site name="S" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/v" physicalPath="\\\\fs\\x" userName="C\\u" /></application></site>',
      ),
      'applicationHost.config',
    );
    assert.equal(
      config.scopes.find((scope) => scope.path === '/v')!.connectAs!.definedAt,
      '<virtualDirectory path="/v"> (line 1)',
    );
  });
});

describe('UNCUserName in MetaBase.xml', () => {
  const metabase = (rootPath: string, sharePath: string) => `<configuration><MBProperty>
<IIsWebService Location="/LM/W3SVC" AnonymousUserName="W\\IUSR_W" />
<IIsWebServer Location="/LM/W3SVC/1" ServerComment="Site" />
<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" Path="${rootPath}" UNCUserName="C\\unc" UNCPassword="00aa" />
<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/share" Path="${sharePath}" />
</MBProperty></configuration>`;

  it('is logged on only for a virtual directory whose own Path is a UNC share, inherited from above', () => {
    const config = parseMetabase(metabase('d:\\www', '\\\\fs\\share'), 'MetaBase.xml');
    assert.deepEqual(
      config.scopes.map((scope) => [
        scope.path,
        scope.connectAs?.userName ?? null,
        scope.connectAs?.physicalPath ?? null,
      ]),
      [
        ['/', null, null],
        ['/share', 'C\\unc', '\\\\fs\\share'],
      ],
    );
    assert.equal(config.scopes[1]!.connectAs!.logonMethod, 'ClearText');
    assert.equal(config.scopes[1]!.connectAs!.passwordSet, true);
    assert.match(config.scopes[1]!.connectAs!.definedAt, /ROOT.*line 4/);
  });

  it('a UNC root uses it too, a local share path does not', () => {
    const config = parseMetabase(metabase('\\\\fs\\www', 'e:\\share'), 'MetaBase.xml');
    assert.deepEqual(
      config.scopes.map((scope) => [scope.path, scope.connectAs?.userName ?? null]),
      [
        ['/', 'C\\unc'],
        ['/share', null],
      ],
    );
  });
});

describe('anonymousAuthentication unlocked for web.config files', () => {
  const config = (declaration: string, locations: string) => `<configuration>
<configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="${declaration}" /></sectionGroup></sectionGroup></sectionGroup></configSections>
<system.applicationHost><applicationPools><add name="P" /></applicationPools><sites>
<site name="Blog" id="1"><application path="/" applicationPool="P" /><application path="/app" applicationPool="P" /></site>
<site name="Shop" id="2"><application path="/" applicationPool="P" /></site>
</sites></system.applicationHost>${locations}</configuration>`;
  const unlock = (path: string, mode = 'Allow', body = '<anonymousAuthentication />') =>
    `<location path="${path}" overrideMode="${mode}"><system.webServer><security><authentication>${body}</authentication></security></system.webServer></location>`;
  const unlocked = (text: string) =>
    Object.fromEntries(
      parseApplicationHostConfig(text, 'applicationHost.config').scopes.map((scope) => [
        `${scope.site}${scope.path}`,
        scope.anonymousUnlockedAt ?? null,
      ]),
    );

  it('a <location overrideMode="Allow"> holding the section unlocks its path and every path below it, nothing else', () => {
    assert.deepEqual(unlocked(config('Deny', unlock('Blog'))), {
      'Blog/': '<location path="Blog" overrideMode="Allow"> (line 6)',
      'Blog/app': '<location path="Blog" overrideMode="Allow"> (line 6)',
      'Shop/': null,
    });
  });

  it('overrideMode="Deny", or a location without the section, unlocks nothing; overrideModeDefault="Allow" and a server-level unlock reach every path', () => {
    assert.deepEqual(Object.values(unlocked(config('Deny', unlock('Blog', 'Deny') + unlock('Shop', 'Allow', '')))), [
      null,
      null,
      null,
    ]);
    assert.deepEqual(
      new Set(Object.values(unlocked(config('Allow', '')))),
      new Set(['overrideModeDefault="Allow" (line 2)']),
    );
    assert.deepEqual(
      new Set(Object.values(unlocked(config('Deny', unlock(''))))),
      new Set(['<location path="" overrideMode="Allow"> (line 6)']),
    );
  });
});
