import { parseArgs } from '@pkgjs/parseargs';
import { UsageError } from './core/errors';
import { EXIT_CODES } from './core/exit-codes';
import { RULE_SETS, type RuleSetName } from './core/rules';
import { ALL_SITES } from './core/dsc-instance';
import { VERSION } from './version';

// The options of every command, and the help that describes them: one table, read by the CLI and
// by the in-process engine alike (command.ts runs what is parsed here).

export const COMMANDS = ['test', 'get', 'explain', 'plan', 'check-plan', 'report', 'dsc'] as const;
const DSC_OPERATIONS = ['get', 'test', 'set', 'whatif'] as const;
export type DscOperation = (typeof DSC_OPERATIONS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
export type Command = (typeof COMMANDS)[number];
const FORMATS = ['table', 'json', 'junit', 'sarif'] as const;
/** plan and check-plan print a plan, which has no JUnit or SARIF form. */
const PLAN_FORMATS: readonly Format[] = ['table', 'json'];
export type Format = (typeof FORMATS)[number];

export const HELP = `iis-logon-rights ${VERSION}
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
            it back normalised. With --snapshot every action must be one the engine plans for
            that snapshot now (under the plan's own rule set and opt-ins), and undo exactly the
            actions' inverses in reverse order; else exit 3 naming the first offending one.
            Without --snapshot only the structure is checked (stderr says so). --undo
            --rights-before <file>: check the undo list against the facts now and the rights
            recorded before the change. --plan - --snapshot -: one JSON document on stdin,
            {"plan", "facts"} (and "rightsBefore" with --undo).
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
  --allow-no-user-rights  Accept a secedit.inf with no [Privilege Rights] section or no right in
                       it, for a host that really has none. Without it such a file is refused
                       (exit 3): it is what a failed or truncated export looks like.
  --plan <file|->      check-plan: the plan document to validate.
  --timeout <seconds>  Input read from stdin (--snapshot -, --plan -, dsc) must end within this
                       time, or it is refused (exit 3). Without it a caller that never closes
                       stdin leaves the run waiting, as any reader of stdin would.
  --undo, --rights-before <file>  check-plan: check the plan for Undo (see above).
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
  /** check-plan: check the plan's undo list for Undo, against rights-before. */
  undo: boolean;
  rightsBefore: string;
  allowTemporaryFix: boolean;
  /** secedit.inf may hold no user rights (refused by default as a failed export). */
  allowNoUserRights: boolean;
  /** --timeout: seconds within which stdin must end; null for no limit. */
  stdinTimeoutSeconds: number | null;
  format: Format;
  ruleSet: RuleSetName;
  withGpo: string[];
  color: boolean;
}

/** What parsing needs of the caller: the arguments, and whether stdout is a terminal. */
export interface CommandLineIo {
  argv: readonly string[];
  stdout: { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export function parseCommandLine(io: CommandLineIo): CliOptions | 'help' | 'version' {
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
        'allow-no-user-rights': { type: 'boolean' },
        plan: { type: 'string' },
        timeout: { type: 'string' },
        undo: { type: 'boolean' },
        'rights-before': { type: 'string' },
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
    if (values.undo) {
      const combined = plan === '-' && snapshot === '-';
      if (snapshot === '') throw new UsageError('check-plan --undo checks against facts: give --snapshot');
      if (combined && values['rights-before'] !== undefined) throw new UsageError('with --plan - --snapshot -, rightsBefore comes in the request on stdin: drop --rights-before');
      if (!combined && values['rights-before'] === undefined) throw new UsageError('check-plan --undo needs --rights-before <file>');
    }
    if (values.rules !== undefined) throw new UsageError("check-plan judges under the plan's own rule set: drop --rules");
  } else {
    if (snapshot === '') throw new UsageError('--snapshot <folder|facts.json|-> is required');
    if (plan !== '') throw new UsageError('--plan is only for check-plan');
  }
  if ((values.undo || values['rights-before'] !== undefined) && command !== 'check-plan') throw new UsageError('--undo and --rights-before are only for check-plan');
  if (values['rights-before'] !== undefined && !values.undo) throw new UsageError('--rights-before goes with --undo');
  if (values['allow-temporary-fix'] && !['plan', 'test', 'get', 'explain'].includes(command)) throw new UsageError('--allow-temporary-fix is only for plan, test, get and explain');
  if (values['allow-no-user-rights'] && (command === 'dsc' || (command === 'check-plan' && snapshot === ''))) throw new UsageError('--allow-no-user-rights is only for commands that read a snapshot');
  const stdinTimeoutSeconds = parseTimeout(values.timeout, command === 'dsc' || snapshot === '-' || plan === '-');
  const format = values.format ?? (io.stdout.isTTY ? 'table' : 'json');
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${String(format)}"`);
  if ((command === 'plan' || command === 'check-plan') && !PLAN_FORMATS.includes(format as Format)) throw new UsageError(`--format for ${command} must be one of ${PLAN_FORMATS.join(', ')}, not "${format}"`);
  const ruleSet = values.rules ?? 'documented';
  if (typeof ruleSet !== 'string' || !(RULE_SETS as readonly string[]).includes(ruleSet)) throw new UsageError(`--rules must be one of ${RULE_SETS.join(', ')}, not "${String(ruleSet)}"`);
  const color = !values['no-color'] && io.env.NO_COLOR === undefined && io.stdout.isTTY === true;
  if (typeof values.site === 'string' && !['test', 'get', 'explain', 'plan'].includes(command)) throw new UsageError('--site is only for test, get, explain and plan');
  return { command: command as Command, dscOperation, site, logFormat: logFormat as 'text' | 'json', snapshot, folders: command === 'report' ? extra : [], plan, undo: values.undo === true, rightsBefore: typeof values['rights-before'] === 'string' ? values['rights-before'] : '', allowTemporaryFix: values['allow-temporary-fix'] === true, allowNoUserRights: values['allow-no-user-rights'] === true, stdinTimeoutSeconds, format: format as Format, ruleSet: ruleSet as RuleSetName, withGpo: (values['with-gpo'] as string[] | undefined) ?? [], color };
}

/** --timeout: a number of seconds (fractions allowed) up to a day, and only where stdin is read. */
function parseTimeout(value: unknown, readsStdin: boolean): number | null {
  if (value === undefined) return null;
  if (!readsStdin) throw new UsageError('--timeout is only for input read from stdin (--snapshot -, --plan -, dsc)');
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= 86_400)) throw new UsageError(`--timeout must be a number of seconds above 0 and at most 86400, not "${String(value)}"`);
  return seconds;
}
