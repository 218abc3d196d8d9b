import assert from 'node:assert/strict';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import { inputErrorFrom } from '../helpers/errors';
import { BASELINE, DEFAULT_DOMAIN_POLICY, FILE, entry, parse, without } from './rsop-json-helpers';

describe('RSoP JSON parser (rsop.json)', () => {
  describe('rejected input names the JSON pointer', () => {
    const cases: [string, unknown, string, RegExp][] = [
      ['a top-level object', { right: 'SeNetworkLogonRight' }, '', /array of RSoP user-right entries/],
      ['an entry that is no object', [entry(), 'SeNetworkLogonRight'], '/1', /an object/],
      ['an entry that is an array', [[]], '/0', /an object/],
      ['a missing gpoId', [without('gpoId')], '/0', /"gpoId"/],
      ['a missing accounts', [without('accounts')], '/0', /"accounts"/],
      ['a missing right', [without('right')], '/0', /"right"/],
      ['a missing precedence', [without('precedence')], '/0', /"precedence"/],
      ['an unknown property', [entry({ gpoid: BASELINE })], '/0/gpoid', /only the properties/],
      ['a property name needing escapes', [entry({ 'a/b~c': 1 })], '/0/a~1b~0c', /only the properties/],
      ['a precedence of 0', [entry({ precedence: 0 })], '/0/precedence', /whole number/],
      ['a fractional precedence', [entry({ precedence: 1.5 })], '/0/precedence', /whole number/],
      ['a precedence given as a string', [entry(), entry({ precedence: '2' })], '/1/precedence', /whole number/],
      ['a precedence above 32 bits', [entry({ precedence: 4294967296 })], '/0/precedence', /whole number/],
      ['a blank right', [entry({ right: ' ' })], '/0/right', /right's constant/],
      ['a right that is no string', [entry({ right: 7 })], '/0/right', /right's constant/],
      ['accounts as one string', [entry({ accounts: '*S-1-5-32-544' })], '/0/accounts', /array of account entries/],
      ['a blank account', [entry({ accounts: ['*S-1-5-32-544', ''] })], '/0/accounts/1', /an account/],
      ['an account that is no string', [entry({ accounts: [544] })], '/0/accounts/0', /an account/],
      ['a star without a SID', [entry({ accounts: ['*Administrators'] })], '/0/accounts/0', /SID after "\*"/],
      ['a GPO id that is no GUID', [entry({ gpoId: 'Default Domain Policy' })], '/0/gpoId', /GPO id/],
      [
        'a GPO id with unbalanced braces',
        [entry({ gpoId: '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47' })],
        '/0/gpoId',
        /GPO id/,
      ],
      ['a GPO name that is no string', [entry({ gpoName: 12 })], '/0/gpoName', /display name/],
    ];
    for (const [what, value, pointer, expected] of cases) {
      it(`rejects ${what} at ${pointer === '' ? '(root)' : pointer}`, () => {
        const error = inputErrorFrom(() => parse(value));
        assert.equal(error.file, FILE);
        assert.equal(error.location.pointer, pointer);
        assert.match(error.expected, expected);
      });
    }

    it('rejects a sparse array as if the entry were missing', () => {
      const sparse: unknown[] = [entry()];
      sparse[2] = entry({ right: 'SeBatchLogonRight' });
      assert.equal(inputErrorFrom(() => parse(sparse)).location.pointer, '/1');
    });

    it('rejects two precedence-1 entries for one right from different GPOs, naming both GPOs and the right', () => {
      const error = inputErrorFrom(() =>
        parse([
          entry(),
          entry({ right: 'SeBatchLogonRight' }),
          entry({ gpoId: DEFAULT_DOMAIN_POLICY, gpoName: 'Default Domain Policy', accounts: ['*S-1-1-0'] }),
        ]),
      );
      assert.equal(error.location.pointer, '/2/precedence');
      for (const part of [
        'SeNetworkLogonRight',
        'Contoso Server Baseline',
        'Default Domain Policy',
        BASELINE,
        DEFAULT_DOMAIN_POLICY,
        '/0',
        '/2',
      ]) {
        assert.ok(error.message.includes(part), `${part} missing from: ${error.message}`);
      }
    });

    it('treats two spellings of one right as the same right when checking precedence', () => {
      const error = inputErrorFrom(() =>
        parse([entry(), entry({ right: 'SENETWORKLOGONRIGHT', gpoId: DEFAULT_DOMAIN_POLICY })]),
      );
      assert.match(error.expected, /SeNetworkLogonRight/);
    });
  });

  describe('parseRsopJsonText', () => {
    it('parses text, with or without a BOM', () => {
      const text = JSON.stringify([entry()]);
      assert.deepEqual(parseRsopJsonText(text, FILE), parse([entry()]));
      assert.deepEqual(parseRsopJsonText(`\uFEFF${text}`, FILE), parse([entry()]));
    });

    it('rejects bad JSON with the line and column V8 points at, in its own words', () => {
      const error = inputErrorFrom(() => parseRsopJsonText('[\n  {"right" "SeNetworkLogonRight"}\n]', FILE));
      assert.deepEqual(error.location, { line: 2, column: 12 });
      assert.equal(error.expected, "valid JSON (an array of RSoP user-right entries): ':' after the property name");
      assert.equal(error.found, '"\\""');
    });

    it('rejects empty and truncated text', () => {
      for (const text of ['', '   ', '[', '[{"right": ']) {
        const error = inputErrorFrom(() => parseRsopJsonText(text, FILE));
        assert.equal(error.found, 'the end of the text', JSON.stringify(text));
      }
      const cutAfterComma = inputErrorFrom(() => parseRsopJsonText('[{"right": "SeNetworkLogonRight",', FILE));
      assert.deepEqual(cutAfterComma.location, { line: 1, column: 34 });
    });
  });
});
