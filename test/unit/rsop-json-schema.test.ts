import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { parseRsopJsonText } from '../../src/parse/rsop-json';
import { normalizeSid } from '../../src/core/sids';
import { inputErrorFrom } from '../helpers/errors';
import { FILE, SCHEMA_PATH, entry, parse, without } from './rsop-json-helpers';

describe('RSoP JSON parser (rsop.json)', () => {
  describe('agreement with schemas/rsop.schema.json', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

    /** Shape errors only: the schema does not check the SID after '*' or precedence clashes. */
    const handAccepts = (value: unknown): boolean => {
      try {
        parse(value);
        return true;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return false;
      }
    };

    it('accepts and rejects the same documents as the parser, at the same pointer', () => {
      const documents: unknown[] = [
        [],
        [entry()],
        [entry({ gpoName: null, accounts: null })],
        [without('gpoName')],
        [entry({ gpoId: 'CN={7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47},CN=Policies,CN=System,DC=contoso,DC=com' })],
        [entry({ gpoId: 'ldap://CN=7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47 ,CN=Policies,CN=System' })],
        [entry({ gpoId: 'localgpo' })],
        [entry({ accounts: ['S-1-5-11', 'CONTOSO\\Web Admins'] })],
        [entry({ right: 'SeMadeUpRight' })],
        ...[
          { right: 'SeNetworkLogonRight' },
          [entry(), 'x'],
          [without('gpoId')],
          [without('accounts')],
          [entry({ extra: true })],
          [entry({ precedence: 0 })],
          [entry({ precedence: 2.5 })],
          [entry({ precedence: 4294967296 })],
          [entry({ precedence: '1' })],
          [entry({ right: '' })],
          [entry({ right: ' \t' })],
          [entry({ accounts: ['\n'] })],
          [entry({ accounts: {} })],
          [entry({ gpoId: '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47' })],
          [entry({ gpoId: 'CN={7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47},CN=Policies' })],
          [entry({ gpoId: 'LocalGPO2' })],
          [entry({ gpoName: false })],
          null,
          'rsop',
        ],
      ];
      for (const document of documents) {
        const bySchema = validate(document);
        assert.equal(handAccepts(document), bySchema, `${JSON.stringify(document)}: schema says ${bySchema}`);
        if (!bySchema) {
          const pointer = inputErrorFrom(() => parse(document)).location.pointer!;
          const schemaPaths = (validate.errors ?? []).map((error) =>
            error.keyword === 'additionalProperties'
              ? `${error.instancePath}/${String(error.params.additionalProperty)}`
              : error.instancePath,
          );
          assert.ok(
            schemaPaths.includes(pointer),
            `${JSON.stringify(document)}: parser points at ${pointer}, schema at ${schemaPaths.join(', ')}`,
          );
        }
      }
    });

    it('agrees on generated entries', () => {
      const sid = fc
        .array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 5 })
        .map((parts) => `S-1-5-${parts.join('-')}`);
      const account = fc.oneof(
        sid,
        sid.map((text) => `*${text}`),
        fc.constantFrom('CONTOSO\\Web Admins', 'IIS_IUSRS', ' Guest '),
      );
      const generatedEntry = fc.record(
        {
          right: fc.oneof(
            fc.constantFrom('SeNetworkLogonRight', 'SeBatchLogonRight', 'sedenynetworklogonright'),
            fc.string(),
          ),
          accounts: fc.oneof(fc.constant(null), fc.array(fc.oneof(account, fc.string()), { maxLength: 4 })),
          precedence: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(4294967295)),
          gpoId: fc.oneof(
            fc.uuid().map((uuid) => `{${uuid}}`),
            fc.uuid(),
            fc.uuid().map((uuid) => `CN={${uuid}},CN=Policies,CN=System,DC=x`),
            fc.string(),
          ),
          gpoName: fc.oneof(fc.string(), fc.constant(null)),
        },
        { requiredKeys: ['right', 'accounts', 'precedence', 'gpoId'] },
      );
      fc.assert(
        fc.property(generatedEntry, (generated) => {
          const document = [generated];
          // Beyond the schema: a '*' must be followed by a SID.
          const starredNonSid = (generated.accounts ?? []).some(
            (text) => text.trim().startsWith('*') && normalizeSid(text.trim().slice(1)) === undefined,
          );
          fc.pre(!starredNonSid);
          assert.equal(handAccepts(document), validate(document), JSON.stringify(document));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('robustness', () => {
    it('returns a result or throws an InputError for any JSON value', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          for (const candidate of [
            value,
            [value],
            [{ ...entry(), accounts: [value] }],
            [{ ...entry(), gpoName: value }],
          ]) {
            try {
              parse(candidate);
            } catch (error) {
              if (!(error instanceof InputError)) throw error;
            }
          }
        }),
        { numRuns: 500 },
      );
    });

    it('returns a result or throws an InputError for any text', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
          try {
            parseRsopJsonText(text, FILE);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
