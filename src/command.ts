import { InputError, UsageError } from './core/errors';
import { EXIT_CODES, type ExitCode } from './core/exit-codes';
import type { Evaluation } from './core/evaluate-identities';
import type { GroupPolicyResult } from './core/model';
import { judgeSnapshot } from './core/judge-snapshot';
import type { RuleSetName } from './core/rules';
import { buildPlan } from './core/plan';
import { acceptTemporaryFixes } from './core/temporary-fix';
import { accountsToResolve } from './core/accounts-to-resolve';
import { snapshotAfterPlan } from './core/plan-effect';
import { buildPlanDocument } from './io/plan-document';
import { loadFactsValue, type FileAccess } from './io/facts';
import { loadSnapshotOption, writeDiagnosticLines, writeLog } from './command-io';
import { runCheckPlan } from './command-check-plan';
import { desiredStateFrom, dscInstanceFrom, restrictToSite } from './core/dsc-instance';
import { validateAgainstSchema } from './parse/schema-validation';
import { parseJsonText } from './parse/accounts-json';
import { decodeText } from './parse/decode';
import { loadBaselineGpo } from './io/baseline-gpo';
import { renderExplanation } from './render/explain';
import { buildExplainDocument, renderExplanationMarkdown } from './render/explain-documents';
import { renderPlan } from './render/plan';
import { renderFindingsTable } from './render/findings-table';
import { buildResultDocument } from './render/result-document';
import type { SnapshotOutcome } from './core/fleet-summary';
import { renderJunit } from './render/junit';
import { renderSarif } from './render/sarif';
import { stringifyJson } from './render/text-escape';
import { writeJson } from './render/json-stream';
import { OutputClosedError, OutputError } from './io/output-errors';
import { VERSION } from './version';
import { COMMANDS, parseCommandLine, type CliOptions, type DscOperation } from './command-line';
import { renderCommandHelp, renderGlobalHelp } from './render/help';

// The command line of iis-logon-rights, in plain JavaScript: the Node CLI (cli.ts) and the
// in-process engine inside PowerShell (engine.ts) both run it, so every answer is decided once.
// Only the report command needs Node (folders of snapshots, worker threads); it comes in through
// CommandIo.node, and the engine, which has none, says so as a usage error.

export interface CommandIo {
  argv: readonly string[];
  /** writeJsonText, where given: JSON text to write escaped as escapeJsonText escapes it (output.ts). */
  stdout: {
    write(text: string): unknown;
    writeJsonText?(text: string): unknown;
    flush?(): unknown;
    /** Where given: UTF-8 bytes to write as they are, after anything held (report's spool). */
    writeBytes?(bytes: Uint8Array): unknown;
    isTTY?: boolean;
    columns?: number;
  };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** All of stdin; with a timeout, an InputError if it has not ended within that many seconds. */
  readStdin(timeoutSeconds?: number): Uint8Array;
  env: Record<string, string | undefined>;
  /** Snapshot folders, --with-gpo baselines and --plan files are read through this. */
  files: FileAccess;
  /** What only the Node CLI has; absent in the in-process engine. */
  node?: NodeOnlyCommands;
}

/**
 * The command that needs Node: report (folders of snapshots, worker threads). On worker threads
 * it ends when the last of them has answered, so its exit code may come later.
 */
export interface NodeOnlyCommands {
  report(options: CliOptions, io: CommandIo): ExitCode | Promise<ExitCode>;
}

/** Without Node's commands (the in-process engine) the exit code is always there at once. */
export function runCommandLine(io: CommandIo & { node?: undefined }): ExitCode;
export function runCommandLine(io: CommandIo): ExitCode | Promise<ExitCode>;
export function runCommandLine(io: CommandIo): ExitCode | Promise<ExitCode> {
  // One-key JSON lines for the PowerShell module and DSC v3 (which reads {"error": ...} from stderr).
  const jsonLog =
    io.argv[0] === 'dsc' ||
    io.argv.some(
      (arg, index) => arg === '--log-format=json' || (arg === '--log-format' && io.argv[index + 1] === 'json'),
    );
  const report = (level: 'error' | 'warn', text: string, ...lines: string[]) =>
    writeLog(io.stderr, jsonLog, level, text, ...lines);
  try {
    const parsed = parseCommandLine(io);
    if (typeof parsed === 'object' && 'help' in parsed) {
      io.stdout.write(parsed.help === null ? renderGlobalHelp() : renderCommandHelp(parsed.help));
      return EXIT_CODES.success.code;
    }
    if (parsed === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_CODES.success.code;
    }
    // --timeout applies to every read of stdin, whichever command makes it.
    const timeout = parsed.stdinTimeoutSeconds;
    const code = runCommand(parsed, timeout === null ? io : { ...io, readStdin: () => io.readStdin(timeout) });
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (error) {
    return failed(error);
  }

  function failed(error: unknown): ExitCode {
    if (error instanceof UsageError) {
      const command = COMMANDS.find((name) => name === io.argv.find((arg) => !arg.startsWith('-')));
      if (jsonLog) report('error', `usage: ${error.message}`);
      else report('error', error.message, `Run iis-logon-rights ${command ? `${command} ` : ''}--help for usage.`);
      return EXIT_CODES.usage.code;
    }
    if (error instanceof InputError) {
      report('error', `invalid input: ${error.message}`);
      return EXIT_CODES.invalidInput.code;
    }
    // A reader that has seen enough (head) is not an error worth a word; a full disk is.
    if (error instanceof OutputClosedError) return EXIT_CODES.outputFailed.code;
    if (error instanceof OutputError) {
      report('error', `output failed: ${error.message}`);
      return EXIT_CODES.outputFailed.code;
    }
    const detail =
      error instanceof Error
        ? io.env.IIS_LOGON_RIGHTS_DEBUG
          ? (error.stack ?? error.message)
          : error.message
        : String(error);
    const [first = '', ...stack] = detail.split('\n');
    const defect =
      '(this is a defect; please report it with the input that caused it; set IIS_LOGON_RIGHTS_DEBUG=1 for details)';
    if (io.env.IIS_LOGON_RIGHTS_DEBUG && !jsonLog) report('error', `internal error: ${first} ${defect}`, ...stack);
    else report('error', `internal error: ${[first, ...stack].join(' ')} ${defect}`);
    return EXIT_CODES.internal.code;
  }
}

function runCommand(options: CliOptions, io: CommandIo): ExitCode | Promise<ExitCode> {
  // JSON goes out in pieces (writeJson): one string for a very large result exceeds V8's limit.
  const write = (text: string) => void io.stdout.write(text);
  const writeJsonDocument = (document: unknown) => {
    const { stdout } = io;
    if (stdout.writeJsonText === undefined) writeJson(document, write);
    else {
      // writeJsonText holds its bytes for larger writes; an error on the way still lets out what
      // was written before it, as when every piece was written at once.
      try {
        writeJson(document, (text) => void stdout.writeJsonText!(text), true);
      } finally {
        stdout.flush?.();
      }
    }
  };
  if (options.command === 'check-plan') return runCheckPlan(options, io);
  if (options.command === 'report') return nodeOnly(io, 'report').report(options, io);
  if (options.command === 'dsc') return runDsc(options.dscOperation!, io);
  if (options.command === 'accounts') {
    const snapshot = loadSnapshotOption(options.snapshot, io, { allowNoUserRights: options.allowNoUserRights });
    writeJsonDocument(accountsToResolve(snapshot));
    return EXIT_CODES.success.code;
  }
  // Everything is loaded and validated before anything is printed, so bad input never yields a
  // partial result.
  const snapshot = restrictToSite(
    loadSnapshotOption(options.snapshot, io, { allowNoUserRights: options.allowNoUserRights }),
    options.site,
    '--site',
    {},
  );
  const baselines: GroupPolicyResult[] = options.withGpo.map((path) => loadBaselineGpo(path, io.files));
  const judged = judgeSnapshot(snapshot, { ruleSet: options.ruleSet, withGpo: baselines });
  const policy = judged.policy;
  // The plan needs every finding as it is; only the verdict accepts opted-in temporary fixes.
  const evaluation =
    options.allowTemporaryFix && options.command !== 'plan'
      ? acceptTemporaryFixes(judged.evaluation)
      : judged.evaluation;
  if (options.logFormat === 'json') writeDiagnosticLines(io.stderr, evaluation.diagnostics);
  const style = { color: options.color, width: options.width };
  if (options.command === 'plan') {
    const document = buildPlanDocument(
      snapshot.name,
      options.ruleSet,
      options.withGpo,
      buildPlan(evaluation, policy, { allowTemporaryFix: options.allowTemporaryFix }),
    );
    if (options.format === 'json') writeJsonDocument(document);
    else write(renderPlan(document, style));
    return EXIT_CODES.success.code;
  }
  if (options.format === 'json') {
    writeJsonDocument(
      options.command === 'explain'
        ? buildExplainDocument(snapshot.name, evaluation, policy, options.withGpo)
        : buildResultDocument(snapshot.name, evaluation, options.withGpo),
    );
  } else if (options.format === 'junit' || options.format === 'sarif') {
    writeForPipelines(
      [{ kind: 'judged', name: snapshot.name, host: snapshot.host, evaluation, policy }],
      options.format,
      write,
    );
  } else if (options.command === 'explain') {
    write(
      options.format === 'markdown'
        ? renderExplanationMarkdown(snapshot.name, evaluation, policy)
        : renderExplanation(snapshot.name, evaluation, policy, style),
    );
  } else {
    write(renderFindingsTable(snapshot.name, evaluation, style));
  }
  if (options.command === 'test' && !evaluation.inDesiredState) return EXIT_CODES.notInDesiredState.code;
  return EXIT_CODES.success.code;
}

/**
 * DSC v3 protocol: the PowerShell entry collects the facts and sends them with the desired
 * instance; get and test print the actual instance, set prints the plan the entry applies
 * (then it collects again and runs test). Out of desired state is data: exit 0.
 */
function runDsc(operation: DscOperation, io: CommandIo): ExitCode {
  const request = parseJsonText(decodeText(io.readStdin(), 'stdin').text, 'stdin', 'facts.json');
  validateAgainstSchema('dsc-request', request, 'stdin');
  const { desired: rawDesired, facts } = request as {
    desired: { scope: string; ruleSet?: RuleSetName; allowTemporaryFix?: boolean };
    facts: unknown;
  };
  const desired = desiredStateFrom(rawDesired);
  const snapshot = restrictToSite(loadFactsValue(facts, 'stdin:/facts'), desired.scope, 'stdin', {
    pointer: '/desired/scope',
  });
  const judged = judgeSnapshot(snapshot, { ruleSet: desired.ruleSet, withGpo: [] });
  const policy = judged.policy;
  const verdict = (judgement: Evaluation) => (desired.allowTemporaryFix ? acceptTemporaryFixes(judgement) : judgement);
  const evaluation = operation === 'set' ? judged.evaluation : verdict(judged.evaluation);
  writeDiagnosticLines(io.stderr, evaluation.diagnostics);
  let output: unknown;
  if (operation === 'set') {
    output = buildPlanDocument(
      snapshot.name,
      desired.ruleSet,
      [],
      buildPlan(evaluation, policy, { allowTemporaryFix: desired.allowTemporaryFix }),
    );
  } else if (operation === 'whatif') {
    // DSC compares what-if's instance with get's to report the properties set would change.
    const plan = buildPlan(judged.evaluation, policy, { allowTemporaryFix: desired.allowTemporaryFix });
    const after = judgeSnapshot(snapshotAfterPlan(snapshot, plan.actions), { ruleSet: desired.ruleSet, withGpo: [] });
    output = dscInstanceFrom(desired, verdict(after.evaluation));
  } else {
    const instance = dscInstanceFrom(desired, evaluation);
    output = operation === 'test' ? { ...instance, _inDesiredState: instance.inDesiredState } : instance;
  }
  io.stdout.write(`${stringifyJson(output)}\n`);
  return EXIT_CODES.success.code;
}

function writeForPipelines(
  outcomes: readonly SnapshotOutcome[],
  format: 'junit' | 'sarif',
  write: (text: string) => void,
): void {
  if (format === 'junit') write(renderJunit(outcomes));
  else writeJson(renderSarif(outcomes), write);
}

/** The Node-only part, or a usage error naming what the in-process engine cannot do. */
function nodeOnly(io: CommandIo, what: string): NodeOnlyCommands {
  if (io.node === undefined)
    throw new UsageError(
      `${what} needs the Node CLI (iis-logon-rights.cjs); the in-process engine runs every other command`,
    );
  return io.node;
}
