/**
 * P7 of `npm run bench` (issue 15 item 7): the whole `test` process against a naive peer, a
 * Python script of about 50 lines (bench/naive-check.py, xml.etree) that does a small subset
 * of the check on the same 10,000-site snapshot. Both run alternately, so they see the same
 * machine load, and both write their output to a file, as CI does. Without python3 the rows
 * are left out with a printed reason.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Sample {
  median: number;
  p25: number;
  p75: number;
  runs: number;
}

export interface NaiveRow {
  id: string;
  label: string;
  value: Sample;
  unit: 'ms';
  floor?: Sample;
  ratio?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

const SCRIPT = join(__dirname, 'naive-check.py');

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, xml.etree.ElementTree; print(sys.version_info[0])'], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && probe.stdout.trim() === '3') return candidate;
  }
  return undefined;
}

/** Wall time of one process, stdout to a file; exit 0 or 1 (findings out of the desired state). */
function timeToFile(command: string, args: readonly string[], output: string): number {
  const fd = openSync(output, 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ['ignore', fd, 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
    return ms;
  } finally {
    closeSync(fd);
  }
}

function summarize(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    return sorted[lower]! + (sorted[Math.ceil(position)]! - sorted[lower]!) * (position - lower);
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), runs: values.length };
}

export function naiveScriptRows(
  bundle: string,
  folder: string,
  sites: number,
  repetitions: number,
  log: (message: string) => void,
): NaiveRow[] {
  const interpreter = python();
  if (interpreter === undefined) {
    log('P7 skipped: no python3 with xml.etree on PATH to run the naive script against');
    return [];
  }
  const scratch = mkdtempSync(join(tmpdir(), 'iislr-naive-'));
  try {
    const scriptArgs = [SCRIPT, folder];
    const testArgs = [bundle, 'test', '--snapshot', folder, '--format', 'json'];
    timeToFile(interpreter, scriptArgs, join(scratch, 'naive.out'));
    timeToFile(process.execPath, testArgs, join(scratch, 'test.json'));
    const naive: number[] = [];
    const ours: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      naive.push(timeToFile(interpreter, scriptArgs, join(scratch, 'naive.out')));
      ours.push(timeToFile(process.execPath, testArgs, join(scratch, 'test.json')));
    }
    const floor = summarize(naive);
    const value = summarize(ours);
    const size = sites.toLocaleString('en-US');
    return [
      {
        id: 'P7',
        label: `naive Python script, ${size} sites`,
        value: floor,
        unit: 'ms',
        note: 'bench/naive-check.py: xml.etree, anonymous userName per site, root pool identity, two secedit.inf lines',
      },
      {
        id: 'P7',
        label: `\`test --format json\`, ${size} sites, whole process`,
        value,
        unit: 'ms',
        floor,
        ratio: value.median / floor.median,
        target: '< naive script',
        pass: value.median < floor.median,
        note: 'node start-up, every file read and judged, every finding written to a file',
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
