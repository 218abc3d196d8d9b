import assert from 'node:assert/strict';
import { MAX_TABLE_CELL_LENGTH, MAX_TABLE_CELL_LINES, tableCell, tableCellLines } from '../../src/render/table-cell';

describe('table cells from snapshot text', () => {
  it('escapes control characters, C0, DEL and C1 alike, and keeps other text as it is', () => {
    assert.equal(tableCell('Default Web Site'), 'Default Web Site');
    assert.equal(tableCell('a\r\nb\tc'), 'a\\r\\nb\\tc');
    assert.equal(tableCell('\u001b[31mred\u0000\u007f\u0085'), '\\x1B[31mred\\x00\\x7F\\x85');
    assert.equal(tableCell('Caf\u00e9 \u4e00 \u{1F600}'), 'Caf\u00e9 \u4e00 \u{1F600}');
  });

  it('cuts text past the limit and counts what it left out, never inside a surrogate pair', () => {
    assert.equal(tableCell('x'.repeat(MAX_TABLE_CELL_LENGTH)), 'x'.repeat(MAX_TABLE_CELL_LENGTH));
    assert.equal(
      tableCell('x'.repeat(MAX_TABLE_CELL_LENGTH + 5)),
      `${'x'.repeat(MAX_TABLE_CELL_LENGTH)}... (5 more characters)`,
    );
    const pairAtTheCut = `${'x'.repeat(MAX_TABLE_CELL_LENGTH - 1)}\u{1F600}yz`;
    assert.equal(tableCell(pairAtTheCut), `${'x'.repeat(MAX_TABLE_CELL_LENGTH - 1)}... (4 more characters)`);
    // An escape counts at its escaped length.
    assert.equal(
      tableCell('\r'.repeat(MAX_TABLE_CELL_LENGTH)),
      `${'\\r'.repeat(MAX_TABLE_CELL_LENGTH / 2)}... (${MAX_TABLE_CELL_LENGTH} more characters)`,
    );
  });

  it('shows at most MAX_TABLE_CELL_LINES lines of a list, each made safe', () => {
    assert.equal(tableCellLines(['a', 'b\rc']), 'a\nb\\rc');
    const many = Array.from({ length: MAX_TABLE_CELL_LINES + 3 }, (_, index) => `Site${index}/`);
    const shown = tableCellLines(many).split('\n');
    assert.equal(shown.length, MAX_TABLE_CELL_LINES + 1);
    assert.equal(shown[MAX_TABLE_CELL_LINES - 1], `Site${MAX_TABLE_CELL_LINES - 1}/`);
    assert.equal(shown[MAX_TABLE_CELL_LINES], '... and 3 more');
    assert.equal(tableCellLines([]), '');
  });
});
