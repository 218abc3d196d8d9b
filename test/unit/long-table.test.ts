import assert from 'node:assert/strict';
import { newCliTable, renderLongTable } from '../../src/render/cli-table';
import { paintStatus } from '../../src/render/paint';

/**
 * Long tables are drawn in pieces with the widths of the whole (issue 15: 40,000 sites took
 * 197 s in cli-table3, and 150,000 overflowed the stack). The pieces must be the table
 * cli-table3 draws in one go, byte for byte.
 */

function whole(options: Parameters<typeof newCliTable>[0], rows: string[][]): string {
  const table = newCliTable(options);
  for (const row of rows) table.push(row);
  return table.toString();
}

describe('renderLongTable', () => {
  // Wide characters, colours, line breaks and one very wide cell late in the table.
  const rows = Array.from({ length: 1_203 }, (_, index) => [
    `site ${index}`,
    index % 97 === 0 ? '/日本語/パス' : `/app${index % 7}`,
    index === 1_100 ? 'DOMAIN\\a-very-long-account-name-that-widens-its-column' : `WEB01\\anon${index % 13}`,
    paintStatus(index % 3 === 0 ? 'missing' : 'ok', { color: index % 2 === 0 }),
    index % 5 === 0 ? 'first line\nsecond line' : '',
  ]);

  // A fresh options object each time: cli-table3 writes the widths it computed into colWidths.
  const cases: [string, () => Parameters<typeof newCliTable>[0]][] = [
    ['auto widths, a head', () => ({ head: ['Site', 'Path', 'Account', 'Status', 'Through'], style: { head: ['bold'], border: [] } })],
    ['a fixed, wrapped column', () => ({ head: ['Site', 'Path', 'Account', 'Status', 'Through'], style: { head: [], border: [] }, wordWrap: true, colWidths: [null, null, null, null, 12] })],
  ];
  for (const [what, options] of cases) {
    it(`${what}: the same bytes as one cli-table3 table`, () => {
      for (const count of [0, 1, 400, 401, 800, 1_203]) {
        const some = rows.slice(0, count);
        assert.equal(renderLongTable(options(), some), whole(options(), some), `${count} rows`);
      }
    });
  }

  it('draws 150,000 rows without overflowing the stack', () => {
    const many = Array.from({ length: 150_000 }, (_, index) => [`site ${index}`, 'ok']);
    const text = renderLongTable({ head: ['Site', 'Status'], style: { head: [], border: [] } }, many);
    // A head, its rule, a rule between rows, a top and a bottom border.
    assert.equal(text.split('\n').length, 3 + 150_000 * 2);
  });
});
