import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { parseMetabase } from '../../src/parse/metabase';
import { inputErrorFrom } from '../helpers/errors';
import { FILE, fixtureText, key, lineOf, oneSite } from './metabase-helpers';

describe('IIS 6 MetaBase.xml parser', () => {
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
