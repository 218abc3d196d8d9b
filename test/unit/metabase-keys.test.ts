import assert from 'node:assert/strict';
import type { IisConfiguration } from '../../src/core/model';
import { parseMetabase } from '../../src/parse/metabase';
import { inputErrorFrom } from '../helpers/errors';

/**
 * Which MetaBase.xml keys the IIS 6 reader takes web settings from (`/`, `/LM` and everything
 * under `/LM/W3SVC`; a Location that is not a path is skipped), which keys are sites and site
 * content, in which order sites come, and where each message and refusal points.
 */

const FILE = 'MetaBase.xml';
const parse = (text: string): IisConfiguration => parseMetabase(text, FILE);
const metabase = (...keys: string[]) =>
  `<configuration><MBProperty>\n${keys.join('\n')}\n</MBProperty></configuration>`;
const SITE = '<IIsWebServer Location="/LM/W3SVC/1" ServerComment="S"></IIsWebServer>';
const root = (attributes = '') => `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" ${attributes}></IIsWebVirtualDir>`;
const rootScope = (config: IisConfiguration) => config.scopes.find((scope) => scope.path === '/')!;
const codes = (config: IisConfiguration) => config.diagnostics.map((diagnostic) => diagnostic.code);

describe('MetaBase.xml keys: which are read, and where messages point', () => {
  const INHERITED: [string, string][] = [
    ['/', 'fromKey'],
    ['/LM', 'fromKey'],
    ['/LM/W3SVC/', 'fromKey'],
    // Not a path: IIS_Global-style keys are skipped.
    ['LM/W3SVC', ''],
  ];
  for (const [location, user] of INHERITED)
    it(`AnonymousUserName on a key at Location ${JSON.stringify(location)} ${user ? 'is inherited' : 'is not read'}`, () => {
      const config = parse(
        metabase(
          `<IIsConfigObject Location="${location}" AnonymousUserName="fromKey"></IIsConfigObject>`,
          SITE,
          root(),
        ),
      );
      assert.equal(rootScope(config).anonymous.userName, user);
      assert.equal(codes(config).includes('anonymous-user-missing'), user === '');
    });

  it('keys outside the web service tree are not read: a value there cannot be refused', () => {
    for (const location of ['/LM/MSFTPSVC/1', '/Schema', 'LM/W3SVC/1/ROOT'])
      assert.doesNotThrow(
        () =>
          parse(
            metabase(`<IIsConfigObject Location="${location}" LogonMethod="bogus"></IIsConfigObject>`, SITE, root()),
          ),
        location,
      );
    for (const location of ['/', '/LM', '/LM/W3SVC/9'])
      assert.match(
        inputErrorFrom(() =>
          parse(
            metabase(`<IIsConfigObject Location="${location}" LogonMethod="bogus"></IIsConfigObject>`, SITE, root()),
          ),
        ).message,
        /LogonMethod/,
        location,
      );
  });

  it('a padded Location that appears again: warned with its trimmed spelling, the first key used', () => {
    const config = parse(
      metabase(
        SITE,
        root('AnonymousUserName="first"'),
        '<IIsWebVirtualDir Location=" /LM/W3SVC/1/ROOT/ " AnonymousUserName="second" />',
      ),
    );
    assert.deepEqual(
      config.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message, diagnostic.line]),
      [
        [
          'duplicate-location',
          'Location "/LM/W3SVC/1/ROOT/" appears again (<IIsWebVirtualDir>); the first key, <IIsWebVirtualDir> at line 3, is used',
          4,
        ],
      ],
    );
    assert.equal(rootScope(config).anonymous.userName, 'first');
  });

  it('a Location over its size limit is refused at the line of the attribute', () => {
    const location = `/LM/W3SVC/1/ROOT/${'a'.repeat(4100)}`;
    const error = inputErrorFrom(() => parse(metabase(SITE, `<IIsWebVirtualDir\n  Location="${location}" />`)));
    assert.deepEqual(error.location, { line: 4, element: '<IIsWebVirtualDir>' });
  });

  it('a bad boolean, and undefined AuthFlags bits, point at the line of their attribute', () => {
    for (const name of ['IIs5IsolationModeEnabled', 'AnonymousPasswordSync']) {
      const error = inputErrorFrom(() =>
        parse(metabase(SITE, `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT"\n  ${name}="maybe" />`)),
      );
      assert.equal(
        error.message,
        'MetaBase.xml (line 4, element <IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT">): expected TRUE or FALSE, found "maybe"',
        name,
      );
    }
    const config = parse(metabase(SITE, `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT"\n  AuthFlags="1025" />`));
    const unknown = config.diagnostics.find((diagnostic) => diagnostic.code === 'unknown-auth-flags')!;
    assert.equal(unknown.line, 4);
  });

  it('a <Custom> property named by Name alone or by ID alone is reported', () => {
    const config = parse(
      metabase(
        SITE,
        `${root().replace('></', '>\n<Custom Name="AnonymousUserName" Value="x"/>\n<Custom ID="6013" Value="1"/>\n</')}`,
      ),
    );
    const custom = config.diagnostics.filter((diagnostic) => diagnostic.code === 'custom-property-ignored');
    assert.deepEqual(
      custom.map((diagnostic) => diagnostic.line),
      [4, 5],
    );
  });

  it('AnonymousPasswordSync set above ROOT still applies at ROOT, which does not write it', () => {
    const config = parse(
      metabase(
        '<IIsWebService Location="/LM/W3SVC" AnonymousPasswordSync="TRUE" />',
        SITE,
        root('AnonymousUserName="u"'),
      ),
    );
    assert.deepEqual(codes(config), ['anonymous-password-sync']);
  });

  it('UNC connect-as: padded values trimmed, a blank password is none, a missing one is none', () => {
    const unc = (attributes: string) =>
      rootScope(parse(metabase(SITE, root(`AnonymousUserName="u" Path="  \\\\fs\\share  " ${attributes}`)))).connectAs;
    const expected = { userName: 'DOM\\u', logonMethod: 'ClearText', physicalPath: '\\\\fs\\share' };
    assert.deepEqual(unc('UNCUserName="  DOM\\u  " UNCPassword="   "'), {
      ...expected,
      passwordSet: false,
      definedAt: unc('UNCUserName="DOM\\u"')!.definedAt,
    });
    assert.equal(unc('UNCUserName="DOM\\u" UNCPassword=" x "')!.passwordSet, true);
    assert.equal(unc('UNCUserName="DOM\\u"')!.passwordSet, false);
    assert.equal(unc('UNCUserName=""'), undefined);
    const local = rootScope(parse(metabase(SITE, root('AnonymousUserName="u" Path="D:\\web" UNCUserName="DOM\\u"'))));
    assert.equal(local.connectAs, undefined);
  });
});

describe('MetaBase.xml: which keys are sites and site content, in which order', () => {
  it('only IIsWebServer keys directly under /LM/W3SVC are sites; only keys below their ROOT are content', () => {
    const config = parse(
      metabase(
        SITE,
        root('AnonymousUserName="u"'),
        '<IIsWebServer Location="/XX/W3SVC/2" />',
        '<IIsWebServer Location="/LM/XXSVC/3" />',
        '<IIsWebVirtualDir Location="/XX/W3SVC/1/ROOT/a" AnonymousUserName="x" />',
        '<IIsWebVirtualDir Location="/LM/XXSVC/1/ROOT/b" AnonymousUserName="x" />',
        '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT/c" />',
      ),
    );
    assert.deepEqual(
      config.scopes.map((scope) => [scope.site, scope.path]),
      [
        ['S', '/'],
        ['S', '/c'],
      ],
    );
  });

  it('sites in numeric order of their ids, the others after them by id', () => {
    const ids = ['10', 'b2', '9', 'A1', '1x', '2', 'x1'];
    const config = parse(
      metabase(
        ...ids.map(
          (id) =>
            `<IIsWebServer Location="/LM/W3SVC/${id}"></IIsWebServer>\n<IIsWebVirtualDir Location="/LM/W3SVC/${id}/ROOT" AnonymousUserName="u" />`,
        ),
      ),
    );
    assert.deepEqual(
      config.scopes.map((scope) => scope.site),
      ['2', '9', '10', '1x', 'A1', 'b2', 'x1'],
    );
  });

  it('AppPoolId names a pool without regard to case; each unknown pool is reported once', () => {
    const vdir = (path: string, pool: string) =>
      `<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT${path}" AnonymousUserName="u" AppPoolId="${pool}" />`;
    const config = parse(
      metabase(
        '<IIsApplicationPool Location="/LM/W3SVC/AppPools/MyPool" />',
        SITE,
        vdir('', 'MYPOOL'),
        vdir('/a', 'Gone'),
        vdir('/b', 'GONE'),
      ),
    );
    const unknown = config.diagnostics.filter((diagnostic) =>
      diagnostic.message.includes('names no IIsApplicationPool'),
    );
    assert.deepEqual(
      unknown.map((diagnostic) => [diagnostic.line, diagnostic.message.slice(0, 30)]),
      [[5, 'AppPoolId "Gone" (used by "S" ']],
    );
  });
});
