import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { hostileShapesDocument, manySitesDocument } from '../helpers/applicationhost-shapes';
import { FIXTURES, anonymousAt, doc, location, scope, throwsInputError } from './applicationhost-helpers';

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
