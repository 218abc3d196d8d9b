import { parseArgs } from '@pkgjs/parseargs';
import { InputError, UsageError } from './core/errors';
import { EXIT_CODES, type ExitCode } from './core/exit-codes';
import type { Evaluation } from './core/evaluate';
import type { GroupPolicyResult, Snapshot } from './core/model';
import { judgeSnapshot } from './core/judge';
import { RULE_SETS, type RuleSetName } from './core/rules';
import { buildPlan, type PlanDocument } from './core/plan';
import { acceptTemporaryFixes } from './core/temporary-fix';
import { snapshotAfterPlan } from './core/plan-effect';
import { buildPlanDocument, readPlanDocument } from './io/plan-document';
import { loadFactsDocument, loadFactsValue, loadSnapshotFolder, readLimited, type FileAccess } from './io/facts';
import { ALL_SITES, desiredStateFrom, dscInstanceFrom, restrictToSite } from './core/dsc-instance';
import { validateAgainstSchema } from './parse/schema-validation';
import { parseJsonText } from './parse/accounts-json';
import { decodeText } from './parse/decode';
import { loadBaselineGpo } from './io/with-gpo';
import { renderExplanation } from './render/explain';
import type { TableStyle } from './render/paint';
import { buildResultDocument } from './render/result-document';
import type { SnapshotOutcome } from './core/fleet';
import { renderJunit } from './render/junit';
import { renderSarif } from './render/sarif';
import { escapeText, stringifyJson } from './render/text-escape';
import { VERSION } from './version';

// The command line of iis-logon-rights, in plain JavaScript: the Node CLI (cli.ts) and the
// in-process engine inside PowerShell (engine.ts) both run it, so every answer is decided once.
// What needs Node (tables through cli-table3, the report command's folders and threads) comes
// in through CommandIo.node; the engine has none and says so as a usage error.

const COMMANDS = ['test', 'get', 'explain', 'plan', 'check-plan', 'report', 'dsc'] as const;
const DSC_OPERATIONS = ['get', 'test', 'set', 'whatif'] as const;
type DscOperation = (typeof DSC_OPERATIONS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
type Command = (typeof COMMANDS)[number];
const FORMATS = ['table', 'json', 'junit', 'sarif'] as const;
/** plan and check-plan print a plan, which has no JUnit or SARIF form. */
const PLAN_FORMATS: readonly Format[] = ['table', 'json'];
type Format = (typeof FORMATS)[number];

const HELP = `iis-logon-rights ${VERSION}
Checks that every identity IIS uses for anonymous requests holds the Windows logon right its
logon type needs, is not caught by a deny right, and keeps it after the next Group Policy refresh.

Usage:
  iis-logon-rights <command> --snapshot <folder|facts.json|-> [options]
  iis-logon-rights report <folder>... [options]

Commands:
  test      Judge the snapshot; exit 0 when in the desired state, 1 when not.
  get       Print the current state (the same findings; always exit 0 on valid input).
  explain   Tell the story of every finding that is not in the desired state, with the fix.
  plan      Print the remediation plan: identity-scoped grant/revoke actions, their undo
            actions, what was refused and why, and the GPO edits that would fix the rest.
  check-plan  Validate a saved plan (--plan <file|->) before it is applied or undone; prints
            it back normalised.
  report    Judge many snapshots in one run: each <folder> is a snapshot folder (it holds
            secedit.inf) or a folder of snapshot folders. Prints a fleet summary (findings by
            status, the worst hosts, the GPOs behind revoked-at-refresh and gpo-blocked). A
            snapshot that cannot be loaded is reported with its error; the others go on.
            Exit 3 if any snapshot failed to load, else 1 if any host is not in the desired
            state, else 0.

Options:
  --snapshot <path>    A snapshot folder (secedit.inf, applicationHost.config or MetaBase.xml,
                       and optionally gpresult.xml, rsop.json, accounts.json, host.json), a facts
                       .json file, or - to read the facts document from stdin.
  --format <format>    table, json, junit or sarif (default: table on a terminal, json
                       otherwise). junit: one test case per site, path and identity. sarif:
                       SARIF 2.1.0, one result per finding not in the desired state. plan and
                       check-plan print table or json only.
  --rules <set>        documented (default) or conservative (also enforces rules whose evidence
                       is unconfirmed, such as the IIS 7+ built-in IUSR needing network logon).
  --with-gpo <file>    Project a baseline (GptTmpl.inf or GPO report XML) as a winning GPO over the
                       snapshot, to see what it would break before it is linked. Repeatable.
  --allow-temporary-fix  plan: also act under rights a GPO owns (marked temporary: the next
                       refresh undoes them). Without it such findings are refused with the GPO fix.
                       test, get, explain: count revoked-at-refresh as in the desired state (the
                       accepted temporary fix), with its reason and a warning naming the GPO.
  --plan <file|->      check-plan: the plan document to validate.
  --site <name>        test, get, explain, plan: judge only this IIS site (* for all, the default).
  --log-format <fmt>   text (default) or json: errors and warnings on stderr as one-key JSON lines
                       ({"error": ...}, {"warn": ...}), for the PowerShell module and DSC v3.
  --no-color           No colour in table output (also when NO_COLOR is set or output is not a TTY).
                       report also shows a progress line on stderr when stderr is a terminal
                       and NO_COLOR is not set.
  -h, --help           Show this help.
  -v, --version        Show the version.

DSC v3:
  iis-logon-rights dsc <get|test|set|whatif>   reads {"desired": {...}, "facts": {...}} on stdin
  (schemas/dsc-request.schema.json) and prints the instance (get, test), the plan (set) or the
  instance as it will be once the plan is applied (whatif) as one JSON line. Being out of
  desired state is data, never a non-zero exit code.

Exit codes:
${Object.values(EXIT_CODES)
  .map((entry) => `  ${entry.code}  ${entry.meaning}`)
  .join('\n')}
`;

export interface CliOptions {
  command: Command;
  /** dsc: the operation. */
  dscOperation: DscOperation | null;
  site: string;
  logFormat: 'text' | 'json';
  /** '' for check-plan and report. */
  snapshot: string;
  /** report: the folders given. */
  folders: string[];
  plan: string;
  allowTemporaryFix: boolean;
  format: Format;
  ruleSet: RuleSetName;
  withGpo: string[];
  color: boolean;
}

export interface CommandIo {
  argv: readonly string[];
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readStdin(): Uint8Array;
  env: Record<string, string | undefined>;
  /** Snapshot folders, --with-gpo baselines and --plan files are read through this. */
  files: FileAccess;
  /** What only the Node CLI has; absent in the in-process engine. */
  node?: NodeOnlyCommands;
}

/** Output and commands that need Node: cli-table3 tables, and report (folders, worker threads). */
export interface NodeOnlyCommands {
  findingsTable(snapshotName: string, evaluation: Evaluation, style: TableStyle): string;
  planTable(document: PlanDocument, style: TableStyle): string;
  report(options: CliOptions, io: CommandIo): ExitCode;
}

export function runCommandLine(io: CommandIo): ExitCode {
  // One-key JSON lines for the PowerShell module and DSC v3 (which reads {"error": ...} from stderr).
  const jsonLog = io.argv[0] === 'dsc' || io.argv.some((arg, index) => arg === '--log-format=json' || (arg === '--log-format' && io.argv[index + 1] === 'json'));
  // Messages name files and quote what was found, so they are escaped: an error stays one line
  // whatever a file name holds. `lines` after the first are the tool's own (usage hint, stack).
  const report = (level: 'error' | 'warn', text: string, ...lines: string[]) => io.stderr.write(jsonLog ? `${stringifyJson({ [level]: [text, ...lines].join(' ') })}\n` : `${[`iis-logon-rights: ${escapeText(text)}`, ...lines.map(escapeText)].join('\n')}\n`);
  try {
    const parsed = parseCommandLine(io);
    if (parsed === 'help') {
      io.stdout.write(HELP);
      return EXIT_CODES.success.code;
    }
    if (parsed === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_CODES.success.code;
    }
    return runCommand(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      if (jsonLog) report('error', `usage: ${error.message}`);
      else report('error', error.message, 'Run iis-logon-rights --help for usage.');
      return EXIT_CODES.usage.code;
    }
    if (error instanceof InputError) {
      report('error', `invalid input: ${error.message}`);
      return EXIT_CODES.invalidInput.code;
    }
    const detail = error instanceof Error ? (io.env.IIS_LOGON_RIGHTS_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    const [first = '', ...stack] = detail.split('\n');
    const defect = '(this is a defect; please report it with the input that caused it; set IIS_LOGON_RIGHTS_DEBUG=1 for details)';
    if (io.env.IIS_LOGON_RIGHTS_DEBUG && !jsonLog) report('error', `internal error: ${first} ${defect}`, ...stack);
    else report('error', `internal error: ${[first, ...stack].join(' ')} ${defect}`);
    return EXIT_CODES.internal.code;
  }
}

function parseCommandLine(io: CommandIo): CliOptions | 'help' | 'version' {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        snapshot: { type: 'string' },
        format: { type: 'string' },
        rules: { type: 'string' },
        'with-gpo': { type: 'string', multiple: true },
        'no-color': { type: 'boolean' },
        'allow-temporary-fix': { type: 'boolean' },
        plan: { type: 'string' },
        site: { type: 'string' },
        'log-format': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error));
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError(`a command is required (${COMMANDS.join(', ')})`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (expected ${COMMANDS.join(', ')})`);
  let dscOperation: DscOperation | null = null;
  if (command === 'dsc') {
    const [operation, ...rest] = extra;
    if (operation === undefined || !(DSC_OPERATIONS as readonly string[]).includes(operation)) throw new UsageError(`dsc needs an operation: ${DSC_OPERATIONS.join(', ')}`);
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    dscOperation = operation as DscOperation;
  } else if (extra.length > 0 && command !== 'report') throw new UsageError(`unexpected argument "${extra[0]}"`);
  const site = typeof values.site === 'string' ? values.site : ALL_SITES;
  if (site === '') throw new UsageError('--site needs a site name, or * for all sites');
  const logFormat = values['log-format'] ?? 'text';
  if (typeof logFormat !== 'string' || !(LOG_FORMATS as readonly string[]).includes(logFormat)) throw new UsageError(`--log-format must be one of ${LOG_FORMATS.join(', ')}, not "${String(logFormat)}"`);
  const snapshot = typeof values.snapshot === 'string' ? values.snapshot : '';
  const plan = typeof values.plan === 'string' ? values.plan : '';
  if (command === 'dsc') {
    if (snapshot !== '' || plan !== '' || typeof values.site === 'string') throw new UsageError('dsc reads everything from stdin: drop --snapshot, --plan and --site');
  } else if (command === 'report') {
    if (extra.length === 0) throw new UsageError('report needs at least one snapshot folder or folder of snapshot folders');
    if (snapshot !== '') throw new UsageError('report takes folders as arguments, not --snapshot');
    if (plan !== '') throw new UsageError('--plan is only for check-plan');
  } else if (command === 'check-plan') {
    if (plan === '') throw new UsageError('check-plan needs --plan <file|->');
    if (snapshot !== '') throw new UsageError('check-plan reads a plan, not a snapshot: drop --snapshot');
  } else {
    if (snapshot === '') throw new UsageError('--snapshot <folder|facts.json|-> is required');
    if (plan !== '') throw new UsageError('--plan is only for check-plan');
  }
  if (values['allow-temporary-fix'] && !['plan', 'test', 'get', 'explain'].includes(command)) throw new UsageError('--allow-temporary-fix is only for plan, test, get and explain');
  const format = values.format ?? (io.stdout.isTTY ? 'table' : 'json');
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${String(format)}"`);
  if ((command === 'plan' || command === 'check-plan') && !PLAN_FORMATS.includes(format as Format)) throw new UsageError(`--format for ${command} must be one of ${PLAN_FORMATS.join(', ')}, not "${format}"`);
  const ruleSet = values.rules ?? 'documented';
  if (typeof ruleSet !== 'string' || !(RULE_SETS as readonly string[]).includes(ruleSet)) throw new UsageError(`--rules must be one of ${RULE_SETS.join(', ')}, not "${String(ruleSet)}"`);
  const color = !values['no-color'] && io.env.NO_COLOR === undefined && io.stdout.isTTY === true;
  if (typeof values.site === 'string' && !['test', 'get', 'explain', 'plan'].includes(command)) throw new UsageError('--site is only for test, get, explain and plan');
  return { command: command as Command, dscOperation, site, logFormat: logFormat as 'text' | 'json', snapshot, folders: command === 'report' ? extra : [], plan, allowTemporaryFix: values['allow-temporary-fix'] === true, format: format as Format, ruleSet: ruleSet as RuleSetName, withGpo: (values['with-gpo'] as string[] | undefined) ?? [], color };
}

function loadSnapshot(options: CliOptions, io: CommandIo): Snapshot {
  if (options.snapshot === '-') return loadFactsDocument(io.readStdin(), 'stdin');
  return loadSnapshotFolder(io.files, options.snapshot);
}

function runCommand(options: CliOptions, io: CommandIo): ExitCode {
  if (options.command === 'check-plan') {
    const bytes = options.plan === '-' ? io.readStdin() : readLimited(io.files, options.plan, 'plan.json');
    const document = readPlanDocument(bytes, options.plan === '-' ? 'stdin' : options.plan);
    io.stdout.write(`${stringifyJson(document, 2)}\n`);
    return EXIT_CODES.success.code;
  }
  if (options.command === 'report') return nodeOnly(io, 'report').report(options, io);
  if (options.command === 'dsc') return runDsc(options.dscOperation!, io);
  // Everything is loaded and validated before anything is printed, so bad input never yields a
  // partial result.
  const snapshot = restrictToSite(loadSnapshot(options, io), options.site, options.snapshot === '-' ? 'stdin' : options.snapshot);
  const baselines: GroupPolicyResult[] = options.withGpo.map((path) => loadBaselineGpo(path, io.files));
  const judged = judgeSnapshot(snapshot, { ruleSet: options.ruleSet, withGpo: baselines });
  const policy = judged.policy;
  // The plan needs every finding as it is; only the verdict accepts opted-in temporary fixes.
  const evaluation = options.allowTemporaryFix && options.command !== 'plan' ? acceptTemporaryFixes(judged.evaluation) : judged.evaluation;
  if (options.logFormat === 'json') for (const diagnostic of evaluation.diagnostics) io.stderr.write(`${stringifyJson({ [diagnostic.severity === 'warning' ? 'warn' : 'info']: diagnostic.message })}\n`);
  const style = { color: options.color };
  let output: string;
  if (options.command === 'plan') {
    const document = buildPlanDocument(snapshot.name, options.ruleSet, options.withGpo, buildPlan(evaluation, policy, { allowTemporaryFix: options.allowTemporaryFix }));
    io.stdout.write(options.format === 'json' ? `${stringifyJson(document, 2)}\n` : nodeOnly(io, '--format table').planTable(document, style));
    return EXIT_CODES.success.code;
  }
  if (options.format === 'json') {
    output = `${stringifyJson(buildResultDocument(snapshot.name, evaluation, options.withGpo), 2)}\n`;
  } else if (options.format === 'junit' || options.format === 'sarif') {
    output = renderForPipelines([{ kind: 'judged', name: snapshot.name, host: snapshot.host, evaluation, policy }], options.format);
  } else if (options.command === 'explain') {
    output = renderExplanation(snapshot.name, evaluation, policy, style);
  } else {
    output = nodeOnly(io, '--format table').findingsTable(snapshot.name, evaluation, style);
  }
  io.stdout.write(output);
  if (options.command === 'test' && !evaluation.inDesiredState) return EXIT_CODES.notInDesiredState.code;
  return EXIT_CODES.success.code;
}

/**
 * DSC v3 protocol: the PowerShell entry collects the facts and sends them with the desired
 * instance; get and test print the actual instance, set prints the plan the entry applies
 * (then it collects again and runs test). Out of desired state is data: exit 0.
 */
function runDsc(operation: DscOperation, io: CommandIo): ExitCode {
  const request = parseJsonText(decodeText(io.readStdin(), 'stdin').text, 'stdin');
  validateAgainstSchema('dsc-request', request, 'stdin');
  const { desired: rawDesired, facts } = request as { desired: { scope: string; ruleSet?: RuleSetName; allowTemporaryFix?: boolean }; facts: unknown };
  const desired = desiredStateFrom(rawDesired);
  const snapshot = restrictToSite(loadFactsValue(facts, 'stdin:/facts'), desired.scope, 'stdin');
  const judged = judgeSnapshot(snapshot, { ruleSet: desired.ruleSet, withGpo: [] });
  const policy = judged.policy;
  const verdict = (judgement: Evaluation) => (desired.allowTemporaryFix ? acceptTemporaryFixes(judgement) : judgement);
  const evaluation = operation === 'set' ? judged.evaluation : verdict(judged.evaluation);
  for (const diagnostic of evaluation.diagnostics) io.stderr.write(`${stringifyJson({ [diagnostic.severity === 'warning' ? 'warn' : 'info']: diagnostic.message })}\n`);
  let output: unknown;
  if (operation === 'set') {
    output = buildPlanDocument(snapshot.name, desired.ruleSet, [], buildPlan(evaluation, policy, { allowTemporaryFix: desired.allowTemporaryFix }));
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

export function renderForPipelines(outcomes: readonly SnapshotOutcome[], format: 'junit' | 'sarif'): string {
  return format === 'junit' ? renderJunit(outcomes) : `${stringifyJson(renderSarif(outcomes), 2)}\n`;
}

/** The Node-only part, or a usage error naming what the in-process engine cannot do. */
function nodeOnly(io: CommandIo, what: string): NodeOnlyCommands {
  if (io.node === undefined) throw new UsageError(`${what} needs the Node CLI (iis-logon-rights.cjs); the in-process engine prints json, junit, sarif and explain text`);
  return io.node;
}
