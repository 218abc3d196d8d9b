import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeGptTmplLine, gptTmplLine, isPlainAccountName } from '../../src/core/gpttmpl-line';
import type { PolicyHolder } from '../../src/core/model';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { holders } from '../helpers/builders';

/**
 * Names are data, never structure: whatever the GPO's list holds, a line the plan gives is one
 * line, and secedit reads back from it exactly the holders meant (the kept SIDs and plain names,
 * resolved names as their SIDs, the added SIDs) and nothing else.
 */

const HOSTILE_UNITS = [
  'a',
  'B',
  ' ',
  '\\',
  ',',
  '=',
  '"',
  '%',
  ';',
  '*',
  '\r',
  '\n',
  '\t',
  '\u001b',
  '\u0007',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u2028',
  'S-1-1-0',
  'Se',
  '[',
];

const nameArbitrary = fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS), minLength: 1, maxLength: 12 });
const sidArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 500, max: 2000 }))
  .map(([a, b]) => `S-1-5-21-${a}-${b}`);
const holderArbitrary: fc.Arbitrary<PolicyHolder> = fc.oneof(
  sidArbitrary.map((sid): PolicyHolder => ({ kind: 'sid', sid, written: `*${sid}` })),
  nameArbitrary.map((name): PolicyHolder => ({ kind: 'name', name, written: name })),
);

describe('GptTmpl.inf lines from hostile holder names', () => {
  it('are one line whose holders secedit reads back exactly as meant, or no line at all', () => {
    let withheld = 0;
    let given = 0;
    fc.assert(
      fc.property(
        fc.array(holderArbitrary, { maxLength: 6 }),
        fc.array(sidArbitrary, { maxLength: 2 }),
        fc.array(sidArbitrary, { maxLength: 2 }),
        fc.dictionary(nameArbitrary, sidArbitrary, { maxKeys: 3 }),
        (holders, add, remove, resolved) => {
          const sidOf = (name: string) =>
            Object.prototype.hasOwnProperty.call(resolved, name) ? resolved[name] : undefined;
          const result = gptTmplLine('SeNetworkLogonRight', holders, add, remove, sidOf);
          const unresolvable = holders.some(
            (holder) => holder.kind === 'name' && !isPlainAccountName(holder.name) && sidOf(holder.name) === undefined,
          );
          assert.equal(result.ok, !unresolvable);
          if (!result.ok) {
            withheld++;
            return;
          }
          given++;
          assert.ok(!/[\r\n\u2028\u2029]/.test(result.line), JSON.stringify(result.line));
          const expected: string[] = [];
          for (const holder of holders) {
            const sid = holder.kind === 'sid' ? holder.sid : sidOf(holder.name);
            if (sid !== undefined && remove.includes(sid)) continue;
            expected.push(holder.kind === 'name' && isPlainAccountName(holder.name) ? holder.name : `*${sid}`);
          }
          for (const sid of add) if (!expected.includes(`*${sid}`)) expected.push(`*${sid}`);
          const template = parseSecurityTemplateText(
            `[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n${result.line}\r\n`,
            'GptTmpl.inf',
          );
          const read = template.privilegeRights!.get('SeNetworkLogonRight')!.holders.map((holder) => holder.written);
          assert.deepEqual(read, expected);
          assert.equal(template.privilegeRights!.size, 1, 'one right, no smuggled second line');
        },
      ),
      { numRuns: 3_000 },
    );
    assert.ok(withheld > 100 && given > 100, `both outcomes exercised: ${given} given, ${withheld} withheld`);
  });
});

describe('gptTmplLine', () => {
  it('keeps names as written, removes only the listed SIDs, and adds each SID once', () => {
    const written = holders('*S-1-5-32-544', 'Web Admins', '*S-1-5-21-1-2-3-500');
    assert.deepEqual(
      gptTmplLine(
        'SeNetworkLogonRight',
        written,
        ['S-1-5-11', 'S-1-5-32-544', 'S-1-5-11'],
        ['S-1-5-21-1-2-3-500', 'S-1-5-99'],
      ),
      { ok: true, line: 'SeNetworkLogonRight = *S-1-5-32-544,Web Admins,*S-1-5-11' },
    );
    assert.deepEqual(gptTmplLine('SeDenyBatchLogonRight', holders('Guests'), [], ['Guests']), {
      ok: true,
      line: 'SeDenyBatchLogonRight = Guests',
    });
    assert.deepEqual(gptTmplLine('SeBatchLogonRight', [], [], []), { ok: true, line: 'SeBatchLogonRight = ' });
  });

  it('drops a name that resolves to a removed SID, and keeps one that resolves to another', () => {
    const sidOf = (name: string) =>
      ({ 'contoso\\svc-web': 'S-1-5-21-1-2-3-1105', guests: 'S-1-5-32-546' })[name.toLowerCase()];
    assert.deepEqual(
      gptTmplLine('SeDenyNetworkLogonRight', holders('CONTOSO\\svc-web', 'Guests'), [], ['S-1-5-21-1-2-3-1105'], sidOf),
      { ok: true, line: 'SeDenyNetworkLogonRight = Guests' },
    );
  });

  it('writes a name only when it is a plain account name: otherwise its SID, or no line at all', () => {
    const hostile = 'Backup Ops,*S-1-1-0\r\nSeDenyNetworkLogonRight = *S-1-5-32-544';
    const sidOf = (name: string) => (name === hostile ? 'S-1-5-21-1-2-3-1200' : undefined);
    assert.deepEqual(gptTmplLine('SeNetworkLogonRight', holders('*S-1-5-32-544', hostile), ['S-1-5-11'], [], sidOf), {
      ok: true,
      line: 'SeNetworkLogonRight = *S-1-5-32-544,*S-1-5-21-1-2-3-1200,*S-1-5-11',
    });
    const withheld = gptTmplLine('SeNetworkLogonRight', holders('*S-1-5-32-544', hostile), ['S-1-5-11'], []);
    assert.equal(withheld.ok, false);
    assert.equal(!withheld.ok && withheld.holder, hostile);
    assert.match(
      describeGptTmplLine(withheld),
      /^no GptTmpl\.inf line is given, because the GPO's list for SeNetworkLogonRight holds an entry that is neither a SID nor a plain account name/,
    );
  });

  it('calls plain exactly the names that read back as one holder', () => {
    for (const name of [
      'Web Admins',
      'CONTOSO\\svc-web',
      'NT AUTHORITY\\NETWORK SERVICE',
      'Administrateurs',
      'Benutzer',
      'IUSR_WEB01',
      'svc.web$',
      "O'Brien",
      'J\u00fcrgen',
      '\u30e6\u30fc\u30b6\u30fc',
    ]) {
      assert.equal(isPlainAccountName(name), true, name);
    }
    for (const name of [
      '',
      ' lead',
      'trail ',
      '*S-1-1-0',
      'a,b',
      'a=b',
      'a"b',
      'a%b%',
      'a;b',
      'a\rb',
      'a\nb',
      'a\tb',
      'a\u001bb',
      'a\u0085b',
      'a\u202eb',
      'a\u2066b',
      'a\u2028b',
    ]) {
      assert.equal(isPlainAccountName(name), false, JSON.stringify(name));
    }
  });
});
