/**
 * P5 and P6 of `npm run bench` (issue 15): memory and time at the sizes that used to fail.
 * P5: `report` over a large fleet, whose peak memory must stay flat (every outcome used to be
 * kept until the end: 1,057-1,217 MiB at 5,000 snapshots). P6: one very large server, in every
 * output, without recursion or quadratic work: the table in about the time of the JSON, 150,000
 * sites judged, and 1,000,000 sites (under the 256 MiB size limit) refused up front with exit 3.
 * Peak memory is the child's maximum RSS from /usr/bin/time; without it the column stays empty.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineSidFor, writeSnapshot } from './generate';

export interface LargeRow {
  id: string;
  label: string;
  value: { median: number; p25: number; p75: number; runs: number } | null;
  unit: 'ms';
  peakRssMiB?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface LargeContext {
  bundle: string;
  quick: boolean;
  /** The cached input folder called `name`, made by `generate` the first time. */
  cached(name: string, generate: (folder: string) => void): string;
  /** A cached fleet of `count` generated snapshots. */
  fleet(count: number): string;
  log(message: string): void;
}

const TIME = '/usr/bin/time';

interface Measured {
  ms: number;
  peakRssMiB: number | undefined;
  status: number | null;
}

/** One run of the bundle with stdout thrown away: wall time, peak RSS and exit code. */
function measure(bundle: string, args: readonly string[]): Measured {
  const hasTime = existsSync(TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'iislr-bench-'));
  const rssFile = join(scratch, 'rss');
  try {
    const command = hasTime ? [TIME, '-f', '%M', '-o', rssFile, process.execPath] : [process.execPath];
    const start = process.hrtime.bigint();
    const result = spawnSync(command[0]!, [...command.slice(1), bundle, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    const kib =
      hasTime && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
    return { ms, peakRssMiB: Number.isFinite(kib) ? kib / 1024 : undefined, status: result.status };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function sample(
  bundle: string,
  args: readonly string[],
  runs: number,
  expected: readonly number[],
): { value: LargeRow['value']; peakRssMiB: number | undefined } {
  const results: Measured[] = [];
  for (let run = 0; run < runs; run++) {
    const result = measure(bundle, args);
    if (result.status === null || !expected.includes(result.status))
      throw new Error(`${args.slice(0, 2).join(' ')} exited ${result.status}, expected ${expected.join(' or ')}`);
    results.push(result);
  }
  const sorted = results.map((result) => result.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round((sorted.length - 1) * q)]!;
  const peaks = results.map((result) => result.peakRssMiB).filter((peak): peak is number => peak !== undefined);
  return {
    value: { median: at(0.5), p25: at(0.25), p75: at(0.75), runs },
    peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : undefined,
  };
}

/** A minimal snapshot with `sites` sites of one scope each (the most sites per byte). */
function writeManySites(folder: string, sites: number): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'secedit.inf'),
    '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-1-0,*S-1-5-32-544,*S-1-5-32-545\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n',
  );
  writeFileSync(
    join(folder, 'accounts.json'),
    JSON.stringify({
      accounts: [{ name: 'WEB01\\anon', sid: 'S-1-5-21-1000-2000-3000-1005', kind: 'local', groups: ['S-1-5-32-545'] }],
    }),
  );
  const fd = openSync(join(folder, 'applicationHost.config'), 'w');
  try {
    const head =
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<configuration>\r\n<system.applicationHost>\r\n<applicationPools>\r\n<add name="DefaultAppPool"><processModel identityType="ApplicationPoolIdentity" /></add>\r\n</applicationPools>\r\n<sites>\r\n';
    writeSync(fd, head);
    let chunk = '';
    for (let id = 1; id <= sites; id++) {
      chunk += `<site name="Site ${id}" id="${id}"><application path="/" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="C:\\sites\\${id}" /></application></site>\r\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(
      fd,
      `${chunk}</sites>\r\n</system.applicationHost>\r\n<system.webServer><security><authentication><anonymousAuthentication enabled="true" userName="WEB01\\anon" /></authentication></security></system.webServer>\r\n</configuration>\r\n`,
    );
  } finally {
    closeSync(fd);
  }
}

export function largeInputRows(context: LargeContext, parts: { fleet: boolean; server: boolean }): LargeRow[] {
  const rows: LargeRow[] = [];
  if (parts.fleet) rows.push(...fleetRows(context));
  if (parts.server) rows.push(...serverRows(context));
  return rows;
}

function fleetRows(context: LargeContext): LargeRow[] {
  const { bundle, quick } = context;
  const rows: LargeRow[] = [];
  const runs = quick ? 1 : 3;
  for (const [count, format] of [
    [5000, 'json'],
    [5000, 'junit'],
  ] as const) {
    context.log(`P5: report over ${count} snapshots, ${format}`);
    const folder = context.fleet(count);
    const { value, peakRssMiB } = sample(bundle, ['report', folder, '--format', format], runs, [0, 1, 3]);
    rows.push({
      id: 'P5',
      label: `report, ${count.toLocaleString('en-US')} snapshots, ${format}`,
      value,
      unit: 'ms',
      peakRssMiB,
      target: '< 300 MiB',
      pass: peakRssMiB === undefined ? undefined : peakRssMiB < 300,
      note: 'output streamed; stdout to /dev/null',
    });
  }
  return rows;
}

function serverRows(context: LargeContext): LargeRow[] {
  const { bundle, quick } = context;
  const rows: LargeRow[] = [];
  const runs = quick ? 1 : 3;
  context.log('P6: 40,000 sites, json');
  const wide = context.cached('snapshot-40000', (folder) =>
    writeSnapshot(
      folder,
      { sites: 40_000, profile: 'mixed', host: 'WEB01', machineSid: machineSidFor(40_000) },
      40_000,
    ),
  );
  const json = sample(bundle, ['test', '--snapshot', wide, '--format', 'json'], runs, [0, 1]);
  rows.push({
    id: 'P6',
    label: 'test, 40,000 sites, json',
    value: json.value,
    unit: 'ms',
    peakRssMiB: json.peakRssMiB,
  });
  for (const format of ['table', 'junit', 'sarif']) {
    context.log(`P6: 40,000 sites, ${format}`);
    const result = sample(bundle, ['test', '--snapshot', wide, '--format', format], runs, [0, 1]);
    const ratio = result.value!.median / json.value!.median;
    rows.push({
      id: 'P6',
      label: `test, 40,000 sites, ${format}`,
      value: result.value,
      unit: 'ms',
      peakRssMiB: result.peakRssMiB,
      target: '<= 2x json',
      pass: ratio <= 2,
      note: `${ratio.toFixed(2)}x the json run`,
    });
  }
  const sizes = quick ? [1_000_000] : [150_000, 1_000_000];
  for (const sites of sizes) {
    context.log(`P6: ${sites} sites`);
    const folder = context.cached(`many-sites-${sites}`, (target) => writeManySites(target, sites));
    const refused = sites > 200_000;
    const result = sample(bundle, ['get', '--snapshot', folder, '--format', 'json'], 1, refused ? [3] : [0]);
    rows.push({
      id: 'P6',
      label: `get, ${sites.toLocaleString('en-US')} sites (one scope each), json`,
      value: result.value,
      unit: 'ms',
      peakRssMiB: result.peakRssMiB,
      target: refused ? 'exit 3 up front' : 'exit 0',
      pass: true,
      note: refused ? 'over the 200,000-site limit: refused before parsing' : 'judged; JSON written in pieces',
    });
  }
  return rows;
}
