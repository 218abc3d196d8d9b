import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { winningAssignments } from '../../src/core/group-policy';
import type { GroupPolicyResult, PolicyHolder } from '../../src/core/model';
import { parseGroupPolicyXmlText } from '../../src/parse/gpresult';
import { parseRsopJson, parseRsopJsonText } from '../../src/parse/rsop-json';
import { normalizeSid } from '../../src/core/sids';
import { inputErrorFrom } from '../helpers/errors';

const FIXTURES = join(__dirname, '..', 'fixtures', 'gpresult');
const SCHEMA_PATH = join(__dirname, '..', '..', 'schemas', 'rsop.schema.json');
const FILE = 'rsop.json';

const BASELINE = '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}';
const DEFAULT_DOMAIN_POLICY = '{31B2F340-016D-11D2-945F-00C04FB984F9}';

function parse(value: unknown): GroupPolicyResult {
  return parseRsopJson(value, FILE);
}

function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    right: 'SeNetworkLogonRight',
    accounts: ['*S-1-5-32-544'],
    precedence: 1,
    gpoId: BASELINE,
    gpoName: 'Contoso Server Baseline',
    ...overrides,
  };
}

function without(key: string): Record<string, unknown> {
  const copy = entry();
  delete copy[key];
  return copy;
}

/** What the engine compares: SIDs, and names for holders without one. */
function identities(holders: readonly PolicyHolder[]): string[] {
  return holders.map((holder) => (holder.kind === 'sid' ? holder.sid : `name:${holder.name.toLowerCase()}`));
}

describe('RSoP JSON parser (rsop.json)', () => {
  describe('valid documents', () => {
    it('reads the documented example: starred and bare SIDs become SID holders, other entries names', () => {
      const result = parse([
        {
          right: 'SeNetworkLogonRight',
          accounts: ['*S-1-5-32-544', 'CONTOSO\\Web Admins', 'S-1-5-11'],
          precedence: 1,
          gpoId: '{7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47}',
          gpoName: 'Contoso Server Baseline',
        },
      ]);
      assert.equal(result.kind, 'rsop');
      assert.equal(result.file, FILE);
      assert.deepEqual(result.gpos, [{ id: BASELINE, name: 'Contoso Server Baseline' }]);
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.assignments, [
        {
          right: 'SeNetworkLogonRight',
          holders: [
            { kind: 'sid', sid: 'S-1-5-32-544', written: '*S-1-5-32-544' },
            { kind: 'name', name: 'CONTOSO\\Web Admins', written: 'CONTOSO\\Web Admins' },
            { kind: 'sid', sid: 'S-1-5-11', written: 'S-1-5-11' },
          ],
          gpo: { id: BASELINE, name: 'Contoso Server Baseline' },
          precedence: 1,
          file: FILE,
        },
      ]);
    });

    it('accepts the GPO as {GUID}, bare GUID, RSoP directory path (with or without LDAP://), or LocalGPO', () => {
      const ids = [
        'CN={7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47},CN=Policies,CN=System,DC=contoso,DC=com',
        'LDAP://cn={7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47},cn=policies,cn=system,DC=contoso,DC=com',
        '7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47',
        ' {7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47} ',
      ];
      for (const gpoId of ids) assert.equal(parse([entry({ gpoId })]).assignments[0]!.gpo.id, BASELINE, gpoId);
      assert.deepEqual(parse([entry({ gpoId: 'LocalGPO', gpoName: 'Local Group Policy' })]).gpos, [
        { id: 'LocalGPO', name: 'Local Group Policy' },
      ]);
    });

    it('shares one GPO reference, named by whichever entry names it, the GUID when none does', () => {
      const unnamed = '{0F5A8C3D-1B2E-4D6F-8A9B-C0D1E2F3A4B5}';
      const result = parse([
        entry({ right: 'SeBatchLogonRight', gpoName: undefined }),
        entry({ right: 'SeNetworkLogonRight', gpoName: 'Contoso Server Baseline' }),
        entry({ right: 'SeServiceLogonRight', gpoId: unnamed, gpoName: null }),
        entry({ right: 'SeInteractiveLogonRight', gpoId: unnamed, gpoName: '  ' }),
      ]);
      assert.deepEqual(result.gpos, [
        { id: BASELINE, name: 'Contoso Server Baseline' },
        { id: unnamed, name: unnamed },
      ]);
      assert.equal(result.assignments[0]!.gpo, result.assignments[1]!.gpo);
      assert.equal(result.assignments[0]!.gpo.name, 'Contoso Server Baseline');
    });

    it('treats accounts null or [] as defined with no holders', () => {
      const result = parse([
        entry({ right: 'SeCreateTokenPrivilege', accounts: null }),
        entry({ right: 'SeTcbPrivilege', accounts: [] }),
      ]);
      assert.deepEqual(
        result.assignments.map((assignment) => assignment.holders),
        [[], []],
      );
    });

    it('canonicalizes right names and keeps an unknown right with a warning', () => {
      const result = parse([entry({ right: ' senetworklogonright ' }), entry({ right: 'SeMadeUpRight' })]);
      assert.deepEqual(
        result.assignments.map((assignment) => assignment.right),
        ['SeNetworkLogonRight', 'SeMadeUpRight'],
      );
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity, d.file]),
        [['unknown-right', 'warning', FILE]],
      );
      assert.match(result.diagnostics[0]!.message, /"SeMadeUpRight" at \/1\/right/);
    });

    it('accepts an empty array', () => {
      assert.deepEqual(parse([]), { file: FILE, kind: 'rsop', gpos: [], assignments: [], diagnostics: [] });
    });

    it('warns, without rejecting, about two losing entries of one right at the same precedence', () => {
      const result = parse([
        entry(),
        entry({ precedence: 2, gpoId: DEFAULT_DOMAIN_POLICY, gpoName: 'Default Domain Policy' }),
        entry({ precedence: 2 }),
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['duplicate-precedence'],
      );
      assert.match(result.diagnostics[0]!.message, /\/1\).*\/2\)/);
    });

    it('web01.rsop.json gives the same GPOs and winning holders as the web01 gpresult /x report', () => {
      const rsop = parseRsopJsonText(readFileSync(join(FIXTURES, 'web01.rsop.json'), 'utf8'), 'web01.rsop.json');
      const gpresult = parseGroupPolicyXmlText(
        readFileSync(join(FIXTURES, 'web01.gpresult.xml'), 'utf8'),
        'web01.gpresult.xml',
      );
      assert.deepEqual(rsop.diagnostics, []);
      const fromRsop = winningAssignments(rsop);
      const fromXml = winningAssignments(gpresult);
      assert.deepEqual([...fromRsop.keys()], [...fromXml.keys()]);
      for (const [right, winner] of fromRsop) {
        assert.deepEqual(winner.gpo, fromXml.get(right)!.gpo, right);
        assert.deepEqual(identities(winner.holders), identities(fromXml.get(right)!.holders), right);
      }
      assert.deepEqual(
        rsop.assignments.map((assignment) => [assignment.right, assignment.precedence]),
        gpresult.assignments.map((assignment) => [assignment.right, assignment.precedence]),
      );
    });
  });

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
