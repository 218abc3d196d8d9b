import { EXIT_CODES, type ExitCode } from './core/exit-codes';
import type { GroupPolicyResult } from './core/model';
import { withNativeCodec } from './core/text-codec';
import { NODE_CODEC } from './io/node-codec';
import { NODE_FILES } from './io/snapshot';
import { readLimitedStream, readStreamWithin } from './io/read-limited';
import { ARTIFACT_SIZE_LIMITS } from './core/limits';
import { fdWriter } from './io/output';
import { loadBaselineGpo } from './io/baseline-gpo';
import { fleetExitCodeName, type FailedSnapshot, type SnapshotOutcome } from './core/fleet-summary';
import { discoverSnapshots, judgeFleetEach } from './io/judge-fleet';
import { fleetWorkerCount, fleetWorkerData, judgeFleetOnThreads, runFleetWorker } from './io/fleet-workers';
import { FileSpool } from './io/spool';
import { fleetOutput, MemorySpool, renderPiece, type FleetFormat, type RenderedPiece } from './render/report-stream';
import { CLEAR_LINE, progressLine, progressThrottle } from './render/report-progress';
import { writeLog } from './command-io';
import { runCommandLine, type CommandIo } from './command';
import { noColorRequested, parseCommandLine, type CliOptions, type CommandLineIo } from './command-line';
import { tuneV8ForTheEngine } from './io/v8-tuning';

// The Node host: process argv, stdin, stdout and exit code, node:fs for files, and the report
// command with its worker threads. Everything else is command.ts, which the in-process engine
// (engine.ts) runs too.

/** What the Node process gives the command line (tests pass their own). */
export type CliIo = Omit<CommandIo, 'files' | 'node'>;

/** Runs one command line on this thread: report judges its snapshots in order (tests, tools). */
export function runCli(io: CliIo): ExitCode {
  const code = withNativeCodec(NODE_CODEC, () =>
    runCommandLine({
      ...io,
      files: NODE_FILES,
      node: { report: (options, all) => runReport(options, all, false) },
    }),
  );
  // In order, report answers at once, like every other command.
  return code as ExitCode;
}

/** The process's command line: report judges on worker threads, under the per-snapshot limits. */
function runProcess(io: CliIo): ExitCode | Promise<ExitCode> {
  // Worker threads re-launch this file, which only the bundle can do without a TypeScript loader.
  const onThreads = __filename.endsWith('.cjs');
  return withNativeCodec(NODE_CODEC, () =>
    runCommandLine({
      ...io,
      files: NODE_FILES,
      node: { report: (options, all) => runReport(options, all, onThreads) },
    }),
  );
}

/**
 * report: every snapshot is judged, whatever happens to the others; a snapshot with invalid
 * files becomes a line in the report (and on stderr), and the exit code says so. Baselines given
 * with --with-gpo are loaded first: a bad baseline would make every host's answer wrong. Each
 * outcome goes into the output as soon as it is judged (report-stream.ts), so memory stays flat
 * as the fleet grows; the pieces wait in a temporary file until the head is known. The process
 * judges on worker threads, which re-launch this file (the bundle), under the per-snapshot limits
 * (fleet-workers.ts); runCli judges in order on this thread, without them.
 */
function runReport(options: CliOptions, io: CommandIo, onThreads: boolean): ExitCode | Promise<ExitCode> {
  const baselines: GroupPolicyResult[] = options.withGpo.map((path) => loadBaselineGpo(path, io.files));
  const entries = discoverSnapshots(options.folders);
  // A machine reading --log-format json lines gets no progress line to parse around.
  const showProgress = io.stderr.isTTY === true && !noColorRequested(io.env) && options.logFormat === 'text';
  const shouldDraw = progressThrottle(100, () => Date.now());
  let drawn = false;
  const onProgress = (done: number, total: number, name: string) => {
    if (!showProgress || !shouldDraw(done, total)) return;
    io.stderr.write(progressLine(done, total, name, io.stderr.columns ?? 80));
    drawn = true;
  };
  const keepPolicy = options.format === 'junit';
  const judgeOptions = {
    ruleSet: options.ruleSet,
    withGpo: baselines,
    keepPolicy,
    allowNoUserRights: options.allowNoUserRights,
  };
  const spool = options.format === 'table' ? new MemorySpool() : new FileSpool();
  const closeSpool = () => {
    if (spool instanceof FileSpool) spool.close();
  };
  const output = fleetOutput(
    {
      format: options.format as FleetFormat,
      ruleSet: options.ruleSet,
      withGpo: options.withGpo,
      style: { color: options.color, width: options.width },
    },
    spool,
  );
  const failures: FailedSnapshot[] = [];
  const onOutcome = (outcome: SnapshotOutcome, piece?: unknown) => {
    if (outcome.kind === 'failed') failures.push(outcome);
    output.add(outcome, piece as RenderedPiece | undefined);
  };
  const finish = (): ExitCode => {
    if (drawn) io.stderr.write(CLEAR_LINE);
    for (const failure of failures)
      writeLog(io.stderr, options.logFormat === 'json', 'error', `invalid input: ${failure.error}`);
    const { stdout } = io;
    const summary = output.finish(
      (text) => void stdout.write(text),
      stdout.writeBytes && ((bytes) => void stdout.writeBytes!(bytes)),
    );
    return EXIT_CODES[fleetExitCodeName(summary)].code;
  };
  const snapshots = entries.filter((entry) => entry.kind === 'snapshot').length;
  if (snapshots === 0 || !onThreads) {
    try {
      judgeFleetEach(entries, judgeOptions, onOutcome, onProgress);
      return finish();
    } finally {
      closeSpool();
    }
  }
  return judgeFleetOnThreads(
    entries,
    { ...judgeOptions, format: options.format },
    __filename,
    fleetWorkerCount(snapshots),
    options.snapshotLimits,
    onOutcome,
    onProgress,
  )
    .then(finish)
    .finally(closeSpool);
}

const asFleetWorker = fleetWorkerData(process.argv);
if (asFleetWorker !== undefined || require.main === module) tuneV8ForTheEngine();
if (asFleetWorker !== undefined) {
  runFleetWorker(
    asFleetWorker,
    (outcome) => renderPiece(asFleetWorker.format, outcome),
    (work) => withNativeCodec(NODE_CODEC, work),
  );
} else if (require.main === module) {
  const argv = process.argv.slice(2);
  const io = {
    argv,
    // Tables and explain fit the terminal's width when stdout is one.
    stdout: fdWriter(1, 'stdout', { columns: () => process.stdout.columns }),
    // Errors writing to stderr have nowhere to be reported; the exit code still says what happened.
    stderr: fdWriter(2, 'stderr', { quiet: true, columns: () => process.stderr.columns }),
    env: process.env,
  };
  const run = (readStdin: CliIo['readStdin']) => {
    const code = runProcess({ ...io, readStdin });
    if (typeof code === 'number') process.exitCode = code;
    else void code.then((later) => (process.exitCode = later));
  };
  const timeout = stdinTimeout(io);
  if (timeout === null) run(() => readLimitedStream(0, 'stdin', 'facts.json'));
  else
    // With --timeout, stdin is read before the command runs: asynchronously, which is the only way
    // to stop waiting on a pipe on Windows. What it gives (or why it failed) is what readStdin gives.
    void readStreamWithin(process.stdin, 'stdin', ARTIFACT_SIZE_LIMITS['facts.json'], timeout).then(
      (bytes) => run(() => bytes),
      (error: unknown) =>
        run(() => {
          throw error;
        }),
    );
}

/** --timeout from the command line; null without it, or when the command line is wrong (runCli says so). */
function stdinTimeout(io: CommandLineIo): number | null {
  try {
    const parsed = parseCommandLine(io);
    return typeof parsed === 'object' && 'command' in parsed ? parsed.stdinTimeoutSeconds : null;
  } catch {
    return null;
  }
}
