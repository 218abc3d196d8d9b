import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors';
import { findDuplicateKey } from '../../src/parse/json-duplicate-keys';
import { parseJsonText } from '../../src/parse/accounts-json';
import { parseRsopJsonText } from '../../src/parse/rsop-json';

describe('duplicate JSON keys', () => {
  it('finds a key repeated in one object, at any depth, after unescaping', () => {
    assert.deepEqual(findDuplicateKey('{"actions":[],"undo":[],"actions":[1]}'), { key: 'actions', offset: 24 });
    assert.equal(
      findDuplicateKey('{"a":{"b":1,"c":2},"d":[{"b":1},{"b":2}]}'),
      undefined,
      'the same key in sibling objects is fine',
    );
    assert.equal(findDuplicateKey('{"a":{"b":1,"b":2}}')?.key, 'b');
    assert.equal(findDuplicateKey('[{"x":1},{"y":[{"z":1,"z":1}]}]')?.key, 'z');
    assert.equal(findDuplicateKey('{"a":1,"\\u0061":2}')?.key, 'a');
    assert.equal(findDuplicateKey('{"k\\"":"v\\\\","k\\"":1}')?.key, 'k"');
    assert.equal(
      findDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\"}'),
      undefined,
      'keys inside string values are text',
    );
    assert.equal(findDuplicateKey('{"__proto__":1,"__proto__":2}')?.key, '__proto__');
    assert.equal(findDuplicateKey('"just a string"'), undefined);
  });

  it('agrees with a reference count over generated documents', () => {
    const keyArbitrary = fc.constantFrom('a', 'b', '\u0061', 'a"', 'a\\', '{', ',');
    const valueArbitrary = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 4 }),
        fc.integer(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.array(fc.tuple(keyArbitrary, tie('value')), { maxLength: 4 }).map((pairs) => ({ pairs })),
      ),
    })).value;
    const write = (value: unknown): string => {
      if (value !== null && typeof value === 'object' && 'pairs' in value)
        return `{${(value as { pairs: [string, unknown][] }).pairs.map(([key, item]) => `${JSON.stringify(key)}:${write(item)}`).join(',')}}`;
      if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
      return JSON.stringify(value);
    };
    const hasDuplicate = (value: unknown): boolean => {
      if (value !== null && typeof value === 'object' && 'pairs' in value) {
        const pairs = (value as { pairs: [string, unknown][] }).pairs;
        return new Set(pairs.map(([key]) => key)).size !== pairs.length || pairs.some(([, item]) => hasDuplicate(item));
      }
      return Array.isArray(value) && value.some(hasDuplicate);
    };
    fc.assert(
      fc.property(valueArbitrary, (value) => {
        assert.equal(findDuplicateKey(write(value)) !== undefined, hasDuplicate(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('every JSON reader refuses a repeated key with one line naming the file, the line and the key', () => {
    assert.throws(
      () => parseJsonText('{\n  "accounts": [],\n  "accounts": [{"name":"x"}]\n}', 'accounts.json'),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(
          error.message,
          'accounts.json (line 3): expected each key at most once in an object (JSON.parse would silently keep the last one), found the key "accounts" a second time',
        );
        return true;
      },
    );
    assert.throws(
      () =>
        parseRsopJsonText(
          '[{"right":"SeNetworkLogonRight","accounts":[],"accounts":["*S-1-1-0"],"precedence":1,"gpoId":"{x}","gpoName":"n"}]',
          'rsop.json',
        ),
      /rsop\.json \(line 1\): expected each key at most once/,
    );
  });

  it('refuses a repeated key in parsed text exactly when the scan finds one, colons and escapes included', () => {
    // parseJsonText first compares the colons of the text with those of the value written back.
    const keyArbitrary = fc.constantFrom('a', 'b', 'a:', ':', '"', '\\', 'b\u0061');
    const stringArbitrary = fc.constantFrom('', ':', 'x:y', '"', '\\:', 'a');
    const valueArbitrary = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        stringArbitrary,
        fc.integer(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.array(fc.tuple(keyArbitrary, tie('value')), { maxLength: 4 }).map((pairs) => ({ pairs })),
      ),
    })).value;
    const write = (value: unknown, escape: boolean): string => {
      if (value !== null && typeof value === 'object' && 'pairs' in value) {
        const pairs = (value as { pairs: [string, unknown][] }).pairs;
        return `{${pairs.map(([key, item]) => `${escape ? JSON.stringify(key).replaceAll(':', '\\u003a') : JSON.stringify(key)} : ${write(item, escape)}`).join(',\n')}}`;
      }
      if (Array.isArray(value)) return `[ ${value.map((item) => write(item, escape)).join(', ')} ]`;
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(valueArbitrary, fc.boolean(), (value, escape) => {
        const text = write(value, escape);
        const duplicate = findDuplicateKey(text);
        if (duplicate === undefined) assert.deepEqual(parseJsonText(text, 'accounts.json'), JSON.parse(text));
        else assert.throws(() => parseJsonText(text, 'accounts.json'), /found the key .* a second time/);
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts a line break at the very start of the text', () => {
    assert.throws(
      () => parseJsonText('\n{"accounts": [],\n"accounts": []}', 'accounts.json'),
      (error: unknown) => error instanceof InputError && error.location.line === 3,
    );
  });
});
