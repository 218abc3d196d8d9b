import assert from 'node:assert/strict';
import { MAX_INF_LINE_LENGTH } from '../../src/core/limits';
import { parseSecurityTemplate } from '../../src/parse/secedit-inf';
import { inputErrorFrom } from '../helpers/errors';
import { FILE, assignment, namesOf, parse, template } from './secedit-inf-helpers';

describe('security template parser (secedit /export, GptTmpl.inf)', () => {
  describe('rejected input', () => {
    it('reports an invalid SID with the file, the line and the entry', () => {
      const error = inputErrorFrom(() =>
        parse(template('SeNetworkLogonRight = *S-1-5-11', 'SeDenyNetworkLogonRight = Guest, *S-1-5-xyz')),
      );
      assert.equal(error.file, FILE);
      assert.equal(error.location.line, 5);
      assert.match(error.message, /^secedit\.inf \(line 5\): /);
      assert.match(error.message, /\*S-1-5-xyz/);
      assert.match(error.message, /SeDenyNetworkLogonRight/);
    });

    it('rejects a bare "*" as a SID', () => {
      const error = inputErrorFrom(() => parse(template('SeNetworkLogonRight = *')));
      assert.equal(error.location.line, 4);
    });

    it('rejects a [Privilege Rights] line without "=", naming the line and its text', () => {
      const error = inputErrorFrom(() => parse(template('SeNetworkLogonRight = *S-1-5-11', '*S-1-5-32-545')));
      assert.equal(error.location.line, 5);
      assert.match(error.message, /\(line 5\)/);
      assert.match(error.message, /"\*S-1-5-32-545"/);
    });

    it('rejects a line with an empty right name', () => {
      assert.equal(inputErrorFrom(() => parse(template(' = *S-1-5-11'))).location.line, 4);
    });

    it('rejects stray or unbalanced quotes in [Privilege Rights]', () => {
      for (const line of [
        'SeNetworkLogonRight = "Domain Admins',
        'SeNetworkLogonRight = Domain "Admins"',
        'SeNetworkLogonRight = "a"b"',
      ]) {
        assert.equal(inputErrorFrom(() => parse(template(line))).location.line, 4, line);
      }
    });

    it('rejects binary garbage', () => {
      const png = Uint8Array.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]);
      inputErrorFrom(() => parseSecurityTemplate(png, 'image.png'));
      const controlCharacters = inputErrorFrom(() =>
        parseSecurityTemplate(Buffer.from('[Privilege Rights]\nSeNetworkLogonRight = \u0001\u0002\u001b\n'), FILE),
      );
      assert.equal(controlCharacters.location.line, 2);
      assert.match(controlCharacters.message, /U\+0001/);
      // Deterministic pseudo-random bytes: fixed seed, so a failure reproduces.
      let state = 0x2545f491;
      const noise = new Uint8Array(4096).map(() => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return state & 0xff;
      });
      inputErrorFrom(() => parseSecurityTemplate(noise, 'noise.bin'));
    });

    it('rejects text with no section header', () => {
      const prose = inputErrorFrom(() => parse('This is not a security template.\nJust some text.\n'));
      assert.equal(prose.location.line, 1);
      inputErrorFrom(() => parse('; only a comment\r\n; and another\r\n'));
    });

    it('rejects a setting before the first section but allows comments and blank lines there', () => {
      const error = inputErrorFrom(() =>
        parse('; header comment\r\n\r\nSeNetworkLogonRight = *S-1-5-11\r\n[Privilege Rights]\r\n'),
      );
      assert.equal(error.location.line, 3);
    });

    it('rejects a malformed section header', () => {
      for (const header of ['[Privilege Rights', '[Privilege Rights] trailing', '[]', '[   ]']) {
        assert.equal(
          inputErrorFrom(() => parse(`[Version]\nRevision=1\n${header}\nSeNetworkLogonRight = *S-1-5-11\n`)).location
            .line,
          3,
          header,
        );
      }
    });

    it('rejects a line longer than MAX_INF_LINE_LENGTH, in any section', () => {
      const longName = 'a'.repeat(MAX_INF_LINE_LENGTH);
      const error = inputErrorFrom(() =>
        parse(`[Registry Values]\nx=1\n[Privilege Rights]\nSeNetworkLogonRight = ${longName}\n`),
      );
      assert.equal(error.location.line, 4);
      const justOver = `x=${'c'.repeat(MAX_INF_LINE_LENGTH - 1)}`;
      assert.equal(justOver.length, MAX_INF_LINE_LENGTH + 1);
      assert.equal(inputErrorFrom(() => parse(`[Registry Values]\r\n${justOver}\r\n`)).location.line, 2);
      const atLimit = parse(
        `[Privilege Rights]\nSeNetworkLogonRight=${'b'.repeat(MAX_INF_LINE_LENGTH - 'SeNetworkLogonRight='.length)}`,
      );
      assert.equal(
        namesOf(assignment(atLimit, 'SeNetworkLogonRight').holders)[0]?.length,
        MAX_INF_LINE_LENGTH - 'SeNetworkLogonRight='.length,
      );
    });
  });
});
