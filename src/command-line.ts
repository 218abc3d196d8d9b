import { parseArgs } from '@pkgjs/parseargs';
import { UsageError } from './core/errors';
import { RULE_SETS, type RuleSetName } from './core/rules';
import { MIN_SNAPSHOT_MEMORY_MIB, SNAPSHOT_LIMIT_DEFAULTS } from './core/limits';
import { ALL_SITES } from './core/dsc-instance';
import { COMMAND_NAMES, type CommandName } from './render/help';
import { DEFAULT_WIDTH } from './render/table-layout';
import { EXPLAIN_FILE_WIDTH } from './render/explain';

// The options of every command: one table, read by the CLI and by the in-process engine alike
// (command.ts runs what is parsed here; render/help.ts describes it).

export const COMMANDS = COMMAND_NAMES;
const DSC_OPERATIONS = ['get', 'test', 'set', 'whatif'] as const;
export type DscOperation = (typeof DSC_OPERATIONS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
export type Command = CommandName;
const FORMATS = ['table', 'text', 'markdown', 'json', 'junit', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
/**
 * The formats each command prints. plan and check-plan print a plan, which has no JUnit or SARIF
 * form; explain tells a story (text, or markdown for a ticket), and takes table as its old name.
 */
const COMMAND_FORMATS: Record<Command, readonly Format[]> = {
  test: ['table', 'json', 'junit', 'sarif'],
  get: ['table', 'json', 'junit', 'sarif'],
  explain: ['text', 'markdown', 'json', 'junit', 'sarif', 'table'],
  plan: ['table', 'json'],
  'check-plan': ['table', 'json'],
  report: ['table', 'json', 'junit', 'sarif'],
  accounts: ['json'],
  dsc: ['json'],
};

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
  /** report: --snapshot-timeout and --snapshot-memory, or their defaults. */
  snapshotLimits: { seconds: number; memoryMiB: number };
  format: Format;
  ruleSet: RuleSetName;
  withGpo: string[];
  color: boolean;
  /** Terminal columns that tables and text fit. */
  width: number;
}

/** What parsing needs of the caller: the arguments, and whether stdout is a terminal and how wide. */
export interface CommandLineIo {
  argv: readonly string[];
  stdout: { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

/** `--help` alone, or `help`: the global help; after a command (`test --help`, `help test`): that command's. */
export function parseCommandLine(io: CommandLineIo): CliOptions | { help: CommandName | null } | 'version' {
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
        'snapshot-timeout': { type: 'string' },
        'snapshot-memory': { type: 'string' },
        undo: { type: 'boolean' },
        'rights-before': { type: 'string' },
        site: { type: 'string' },
        'log-format': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error),
    );
  }
  const isCommand = (word: string | undefined): word is CommandName =>
    word !== undefined && (COMMANDS as readonly string[]).includes(word);
  if (positionals[0] === 'help') {
    if (positionals.length > 2 || (positionals[1] !== undefined && !isCommand(positionals[1])))
      throw new UsageError(`help takes one command (${COMMANDS.join(', ')})`);
    return { help: positionals[1] ?? null };
  }
  if (values.help) return { help: isCommand(positionals[0]) ? positionals[0] : null };
  if (values.version) return 'version';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError(`a command is required (${COMMANDS.join(', ')})`);
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`unknown command "${command}" (expected ${COMMANDS.join(', ')})`);
  let dscOperation: DscOperation | null = null;
  if (command === 'dsc') {
    const [operation, ...rest] = extra;
    if (operation === undefined) throw new UsageError(`dsc needs an operation: ${DSC_OPERATIONS.join(', ')}`);
    if (!(DSC_OPERATIONS as readonly string[]).includes(operation))
      throw new UsageError(`unknown dsc operation "${operation}" (expected ${DSC_OPERATIONS.join(', ')})`);
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    dscOperation = operation as DscOperation;
  } else if (extra.length > 0 && command !== 'report') throw new UsageError(`unexpected argument "${extra[0]}"`);
  const site = typeof values.site === 'string' ? values.site : ALL_SITES;
  if (site === '') throw new UsageError('--site needs a site name, or * for all sites');
  const logFormat = values['log-format'] ?? 'text';
  if (typeof logFormat !== 'string' || !(LOG_FORMATS as readonly string[]).includes(logFormat))
    throw new UsageError(`--log-format must be one of ${LOG_FORMATS.join(', ')}, not "${String(logFormat)}"`);
  const snapshot = typeof values.snapshot === 'string' ? values.snapshot : '';
  const plan = typeof values.plan === 'string' ? values.plan : '';
  if (command === 'dsc') {
    if (snapshot !== '' || plan !== '' || typeof values.site === 'string')
      throw new UsageError('dsc reads everything from stdin: drop --snapshot, --plan and --site');
  } else if (command === 'report') {
    if (extra.length === 0)
      throw new UsageError('report needs at least one snapshot folder or folder of snapshot folders');
    if (snapshot !== '') throw new UsageError('report takes folders as arguments, not --snapshot');
    if (plan !== '') throw new UsageError('--plan is only for check-plan');
  } else if (command === 'check-plan') {
    if (plan === '') throw new UsageError('check-plan needs --plan <file|->');
    if (values.undo) {
      const combined = plan === '-' && snapshot === '-';
      if (snapshot === '') throw new UsageError('check-plan --undo checks against facts: give --snapshot');
      if (combined && values['rights-before'] !== undefined)
        throw new UsageError(
          'with --plan - --snapshot -, rightsBefore comes in the request on stdin: drop --rights-before',
        );
      if (!combined && values['rights-before'] === undefined)
        throw new UsageError('check-plan --undo needs --rights-before <file>');
    }
    if (values.rules !== undefined)
      throw new UsageError("check-plan judges under the plan's own rule set: drop --rules");
  } else {
    if (snapshot === '') throw new UsageError('--snapshot <folder|facts.json|-> is required');
    if (plan !== '') throw new UsageError('--plan is only for check-plan');
  }
  if ((values.undo || values['rights-before'] !== undefined) && command !== 'check-plan')
    throw new UsageError('--undo and --rights-before are only for check-plan');
  if (values['rights-before'] !== undefined && !values.undo) throw new UsageError('--rights-before goes with --undo');
  if (values['allow-temporary-fix'] && !['plan', 'test', 'get', 'explain'].includes(command))
    throw new UsageError('--allow-temporary-fix is only for plan, test, get and explain');
  if (values['allow-no-user-rights'] && (command === 'dsc' || (command === 'check-plan' && snapshot === '')))
    throw new UsageError('--allow-no-user-rights is only for commands that read a snapshot');
  if ((values['snapshot-timeout'] !== undefined || values['snapshot-memory'] !== undefined) && command !== 'report')
    throw new UsageError('--snapshot-timeout and --snapshot-memory are only for report');
  const snapshotLimits = {
    seconds: parseNumberOption(
      '--snapshot-timeout',
      values['snapshot-timeout'],
      SNAPSHOT_LIMIT_DEFAULTS.seconds,
      SECONDS,
    ),
    memoryMiB: parseNumberOption('--snapshot-memory', values['snapshot-memory'], SNAPSHOT_LIMIT_DEFAULTS.memoryMiB, {
      what: `a whole number of MiB from ${MIN_SNAPSHOT_MEMORY_MIB} to 1048576`,
      fractions: false,
      above: MIN_SNAPSHOT_MEMORY_MIB - 1,
      max: 1_048_576,
    }),
  };
  const stdinTimeoutSeconds = parseTimeout(values.timeout, command === 'dsc' || snapshot === '-' || plan === '-');
  // explain is for people wherever its output goes; the other commands print data off a terminal.
  const formats = COMMAND_FORMATS[command as Command];
  const format =
    values.format ??
    (command === 'explain' ? 'text' : formats.length === 1 ? formats[0] : io.stdout.isTTY ? 'table' : 'json');
  if (typeof format !== 'string' || !(formats as readonly string[]).includes(format)) {
    // explain still takes table, its old name for text, but does not offer it.
    const offered = formats.filter((name) => name !== 'table' || command !== 'explain');
    throw new UsageError(
      `--format ${(FORMATS as readonly string[]).includes(String(format)) ? `for ${command} ` : ''}must be one of ${offered.join(', ')}, not "${String(format)}"`,
    );
  }
  if (command === 'accounts' && (values.rules !== undefined || values['with-gpo'] !== undefined))
    throw new UsageError('accounts lists the names the snapshot mentions under any rules: drop --rules and --with-gpo');
  const ruleSet = values.rules ?? 'documented';
  if (typeof ruleSet !== 'string' || !(RULE_SETS as readonly string[]).includes(ruleSet))
    throw new UsageError(`--rules must be one of ${RULE_SETS.join(', ')}, not "${String(ruleSet)}"`);
  const color = !values['no-color'] && !noColorRequested(io.env) && io.stdout.isTTY === true;
  // explain in a file, a pipe or a ticket wraps at a fixed width; tables only where COLUMNS says.
  const width = command === 'explain' && io.stdout.isTTY !== true ? EXPLAIN_FILE_WIDTH : terminalWidth(io);
  if (typeof values.site === 'string' && !['test', 'get', 'explain', 'plan'].includes(command))
    throw new UsageError('--site is only for test, get, explain and plan');
  return {
    command: command as Command,
    dscOperation,
    site,
    logFormat: logFormat as 'text' | 'json',
    snapshot,
    folders: command === 'report' ? extra : [],
    plan,
    undo: values.undo === true,
    rightsBefore: typeof values['rights-before'] === 'string' ? values['rights-before'] : '',
    allowTemporaryFix: values['allow-temporary-fix'] === true,
    allowNoUserRights: values['allow-no-user-rights'] === true,
    stdinTimeoutSeconds,
    snapshotLimits,
    format: format as Format,
    ruleSet: ruleSet as RuleSetName,
    withGpo: (values['with-gpo'] as string[] | undefined) ?? [],
    color,
    width,
  };
}

/** no-color.org: only a NO_COLOR that is present and not empty turns colour off. */
export function noColorRequested(env: CommandLineIo['env']): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

/** The terminal's columns; COLUMNS when stdout is not a terminal but the user set it; else 80. */
function terminalWidth(io: CommandLineIo): number {
  if (io.stdout.isTTY === true && io.stdout.columns !== undefined && io.stdout.columns > 0) return io.stdout.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns >= 20 && columns <= 10_000 ? columns : DEFAULT_WIDTH;
}

const SECONDS = { what: 'a number of seconds above 0 and at most 86400', fractions: true, above: 0, max: 86_400 };

/** A numeric option's value, or its default when it is not given. */
function parseNumberOption(
  flag: string,
  value: unknown,
  fallback: number,
  range: { what: string; fractions: boolean; above: number; max: number },
): number {
  if (value === undefined) return fallback;
  const pattern = range.fractions ? /^\d+(\.\d+)?$/ : /^\d+$/;
  const number = typeof value === 'string' && pattern.test(value) ? Number(value) : Number.NaN;
  if (!(number > range.above && number <= range.max))
    throw new UsageError(`${flag} must be ${range.what}, not "${String(value)}"`);
  return number;
}

/** --timeout: a number of seconds (fractions allowed) up to a day, and only where stdin is read. */
function parseTimeout(value: unknown, readsStdin: boolean): number | null {
  if (value === undefined) return null;
  if (!readsStdin) throw new UsageError('--timeout is only for input read from stdin (--snapshot -, --plan -, dsc)');
  return parseNumberOption('--timeout', value, 0, SECONDS);
}
