import type CliTable3 from 'cli-table3';

/**
 * cli-table3 with the colour and string-width packages it pulls in takes several milliseconds to
 * initialise, which a cold `test --format json` (every DSC consistency check) would pay for
 * nothing; it is loaded on the first table.
 */
export function newCliTable(options: CliTable3.TableConstructorOptions): CliTable3.Table {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Table = require('cli-table3') as typeof CliTable3;
  return new Table(options);
}
