import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { decodeText } from '../../src/parse/decode';
import { inputErrorFrom } from '../helpers/errors';

/**
 * decodeText: which encoding a byte order mark (or its absence) selects, the UTF-16 sniffing of
 * files without one, and where an invalid sequence or a NUL is reported.
 */

const errorFrom = (bytes: Uint8Array): InputError => inputErrorFrom(() => decodeText(bytes, 'f.inf'));

const bytes = (...values: number[]): Buffer => Buffer.from(values);
const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
const NON_ASCII = 'Привет, 漢字 é\r\n[Privilege Rights]';

describe('decodeText', () => {
  describe('byte order marks', () => {
    it('UTF-16LE: FF FE, whatever the text', () => {
      assert.deepEqual(decodeText(Buffer.concat([bytes(0xff, 0xfe), utf16le(NON_ASCII)]), 'f'), {
        text: NON_ASCII,
        encoding: 'utf-16le',
        hadByteOrderMark: true,
      });
      assert.deepEqual(decodeText(bytes(0xff, 0xfe), 'f'), { text: '', encoding: 'utf-16le', hadByteOrderMark: true });
    });

    it('UTF-16BE: FE FF, whatever the text', () => {
      assert.deepEqual(decodeText(Buffer.concat([bytes(0xfe, 0xff), utf16be(NON_ASCII)]), 'f'), {
        text: NON_ASCII,
        encoding: 'utf-16be',
        hadByteOrderMark: true,
      });
      assert.deepEqual(decodeText(bytes(0xfe, 0xff), 'f'), { text: '', encoding: 'utf-16be', hadByteOrderMark: true });
    });

    it('UTF-8: EF BB BF, removed from the text', () => {
      assert.deepEqual(decodeText(Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(NON_ASCII)]), 'f'), {
        text: NON_ASCII,
        encoding: 'utf-8',
        hadByteOrderMark: true,
      });
      assert.deepEqual(decodeText(bytes(0xef, 0xbb, 0xbf), 'f'), {
        text: '',
        encoding: 'utf-8',
        hadByteOrderMark: true,
      });
    });

    it('no mark: UTF-8', () => {
      assert.deepEqual(decodeText(Buffer.from(NON_ASCII), 'f'), {
        text: NON_ASCII,
        encoding: 'utf-8',
        hadByteOrderMark: false,
      });
      assert.deepEqual(decodeText(Buffer.from('abc'), 'f'), {
        text: 'abc',
        encoding: 'utf-8',
        hadByteOrderMark: false,
      });
      assert.deepEqual(decodeText(new Uint8Array(), 'f'), { text: '', encoding: 'utf-8', hadByteOrderMark: false });
    });

    it('half a mark is not one: FF or FE alone, FF without FE, EF BB without BF are invalid UTF-8', () => {
      for (const start of [
        bytes(0xff),
        bytes(0xfe),
        bytes(0xff, 0x41, 0x42, 0x43),
        bytes(0xfe, 0x41, 0x42, 0x43),
        bytes(0x41, 0xfe, 0xff),
        bytes(0xef, 0xbb),
        bytes(0xef, 0xbb, 0x41),
        bytes(0xef, 0x41, 0xbf),
        bytes(0x41, 0xbb, 0xbf),
        bytes(0x41, 0x42, 0xbf),
      ]) {
        const error = errorFrom(start);
        assert.equal(error.expected, 'text in UTF-8', start.toString('hex'));
        assert.equal(
          error.found,
          'bytes that are not valid in that encoding (a binary, truncated or wrongly encoded file)',
        );
      }
    });

    it('says the mark chose the encoding when the bytes then fail it', () => {
      assert.equal(errorFrom(bytes(0xff, 0xfe, 0x41)).expected, 'text in UTF-16LE (as its byte order mark says)');
      assert.equal(errorFrom(bytes(0xfe, 0xff, 0x41)).expected, 'text in UTF-16BE (as its byte order mark says)');
      assert.equal(errorFrom(bytes(0xef, 0xbb, 0xbf, 0xff)).expected, 'text in UTF-8 (as its byte order mark says)');
      assert.equal(
        errorFrom(bytes(0xef, 0xbb, 0xbf, 0xff)).message,
        'f.inf (line 1): expected text in UTF-8 (as its byte order mark says), found bytes that are not valid in that encoding (a binary, truncated or wrongly encoded file)',
      );
    });
  });

  describe('UTF-16 without a byte order mark', () => {
    it('is recognised by a NUL in every other byte of ASCII text, in either byte order', () => {
      assert.deepEqual(decodeText(utf16le('[Unicode]\r\nUnicode=yes'), 'f'), {
        text: '[Unicode]\r\nUnicode=yes',
        encoding: 'utf-16le',
        hadByteOrderMark: false,
      });
      assert.deepEqual(decodeText(utf16be('[Unicode]\r\nUnicode=yes'), 'f'), {
        text: '[Unicode]\r\nUnicode=yes',
        encoding: 'utf-16be',
        hadByteOrderMark: false,
      });
      assert.deepEqual(decodeText(utf16le('AB'), 'f'), { text: 'AB', encoding: 'utf-16le', hadByteOrderMark: false });
      assert.deepEqual(decodeText(utf16be('AB'), 'f'), { text: 'AB', encoding: 'utf-16be', hadByteOrderMark: false });
    });

    it('needs at least four bytes: two are a NUL in UTF-8, three are UTF-8', () => {
      assert.equal(
        errorFrom(utf16le('A')).found,
        'a NUL character (a binary file, or UTF-16 text without its byte order mark)',
      );
      assert.deepEqual(decodeText(Buffer.from('abc'), 'f'), {
        text: 'abc',
        encoding: 'utf-8',
        hadByteOrderMark: false,
      });
    });

    it('needs more than 90% of the pairs to have the NUL, and none on the other side', () => {
      // Ten pairs: ten NULs is UTF-16, nine is not (9 > 9 is false); one NUL on the other side spoils it.
      const pairs = (nuls: number, otherSide = false): Buffer => {
        const buffer = Buffer.from(utf16le('abcdefghij'));
        for (let pair = nuls; pair < 10; pair++) buffer[pair * 2 + 1] = 0x41;
        if (otherSide) buffer[0] = 0;
        return buffer;
      };
      assert.equal(decodeText(pairs(10), 'f').encoding, 'utf-16le');
      assert.equal(errorFrom(pairs(9)).expected, 'text');
      assert.equal(errorFrom(pairs(10, true)).expected, 'text');
      const bigEndian = Buffer.from(utf16be('abcdefghij'));
      bigEndian[19] = 0;
      assert.equal(errorFrom(bigEndian).expected, 'text');
      // Nine of ten pairs in big-endian order is not enough either.
      const nineBig = Buffer.from(utf16be('abcdefghij'));
      nineBig[18] = 0x41;
      assert.equal(errorFrom(nineBig).expected, 'text');
    });

    it('a NUL on the other side, in a pair that is not all NUL, spoils the guess in either byte order', () => {
      // Twenty pairs: nineteen look like ASCII, one holds U+4100 (00 41 in little-endian order).
      const little = utf16le(`${'a'.repeat(19)}\u4100`);
      assert.equal(errorFrom(little).expected, 'text');
      const big = utf16be(`\u4100${'a'.repeat(19)}`);
      assert.equal(big[1], 0x00, 'U+4100 first, in big-endian order 41 00: a NUL on the odd side');
      assert.equal(errorFrom(big).expected, 'text');
    });

    it('looks at the first 512 bytes only', () => {
      const text = `${'x'.repeat(256)}${'\u4100'}yz`;
      const buffer = utf16le(text);
      // Byte 512 is the low byte of U+4100, a NUL on the even side, just past the sample.
      assert.equal(buffer[512], 0x00);
      assert.deepEqual(decodeText(buffer, 'f'), { text, encoding: 'utf-16le', hadByteOrderMark: false });
    });

    it('is not recognised in text without NULs, which is then read as UTF-8', () => {
      // U+8080 U+8081 are the bytes 80 80 81 80: continuation bytes with no lead byte.
      assert.equal(errorFrom(utf16le('\u8080\u8081')).expected, 'text in UTF-8');
    });
  });

  describe('where the problem is', () => {
    it('names the line of a NUL, counting line feeds', () => {
      assert.deepEqual(errorFrom(Buffer.from('a\nb\u0000\nc\nd')).location, { line: 2 });
      const error = errorFrom(Buffer.from('a\nb\r\nc\u0000d'));
      assert.deepEqual(error.location, { line: 3 });
      assert.equal(
        error.message,
        'f.inf (line 3): expected text, found a NUL character (a binary file, or UTF-16 text without its byte order mark)',
      );
    });

    it('names the line of the first invalid sequence, after any byte order mark', () => {
      assert.deepEqual(
        errorFrom(Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('a\nb\n'), bytes(0xff)])).location,
        { line: 3 },
      );
      assert.deepEqual(errorFrom(Buffer.concat([Buffer.from('a'), bytes(0xff), Buffer.from('\nb\nc')])).location, {
        line: 1,
      });
      assert.deepEqual(
        errorFrom(Buffer.concat([Buffer.from('a\n'), bytes(0xef, 0xbf), Buffer.from('\nb\nc')])).location,
        { line: 2 },
      );
      assert.deepEqual(errorFrom(Buffer.concat([bytes(0xff, 0xfe), utf16le('a\r\nb\r'), bytes(0x00, 0xd8)])).location, {
        line: 3,
      });
    });

    it('passes over a U+FFFD the file itself contains, in UTF-8 and in UTF-16', () => {
      assert.deepEqual(errorFrom(Buffer.concat([Buffer.from('\uFFFD\n\uFFFD\n'), bytes(0xc3)])).location, { line: 3 });
      // 'a', U+FFFD, line feed, then a lone high surrogate: the written U+FFFD is two bytes in.
      assert.deepEqual(
        errorFrom(Buffer.concat([bytes(0xff, 0xfe), utf16le('a\uFFFD\n'), bytes(0x00, 0xd8)])).location,
        { line: 2 },
      );
      assert.deepEqual(
        errorFrom(Buffer.concat([bytes(0xfe, 0xff), utf16be('a\uFFFD\n'), bytes(0xd8, 0x00)])).location,
        { line: 2 },
      );
    });

    it('names the last line when only the end is cut (an odd byte count in UTF-16)', () => {
      assert.deepEqual(errorFrom(Buffer.concat([bytes(0xff, 0xfe), utf16le('a\nb\nc'), bytes(0x41)])).location, {
        line: 3,
      });
    });
  });
});
