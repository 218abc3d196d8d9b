import { EXIT_CODES, type ExitCodeName } from '../core/exit-codes';
import { MIN_SNAPSHOT_MEMORY_MIB, SNAPSHOT_LIMIT_DEFAULTS } from '../core/limits';
import { VERSION } from '../version';

/**
 * The command-line help, one entry per command, from which both the global help (one line per
 * command) and `<command> --help` (usage, options, an example and the exit codes) are written.
 */

type OptionName =
  | 'snapshot'
  | 'format'
  | 'rules'
  | 'with-gpo'
  | 'site'
  | 'allow-temporary-fix'
  | 'allow-no-user-rights'
  | 'timeout'
  | 'snapshot-timeout'
  | 'snapshot-memory'
  | 'plan'
  | 'undo'
  | 'rights-before'
  | 'log-format'
  | 'no-color';

const OPTIONS: Record<OptionName, { flag: string; text: string }> = {
  snapshot: {
    flag: '--snapshot <path>',
    text: 'A snapshot folder (secedit.inf, applicationHost.config or MetaBase.xml, and optionally gpresult.xml, rsop.json, accounts.json, host.json), a facts .json file, or - to read the facts document from stdin.',
  },
  format: { flag: '--format <format>', text: '' },
  rules: {
    flag: '--rules <set>',
    text: 'documented (default) or conservative (also enforces rules whose evidence is unconfirmed, such as the IIS 7+ built-in IUSR needing network logon).',
  },
  'with-gpo': {
    flag: '--with-gpo <file>',
    text: 'Project a baseline (GptTmpl.inf or GPO report XML) as a winning GPO over the snapshot, to see what it would break if it were linked. Repeatable.',
  },
  site: { flag: '--site <name>', text: 'Judge only this IIS site (* for all, the default).' },
  'allow-temporary-fix': {
    flag: '--allow-temporary-fix',
    text: 'plan: also act under rights a GPO owns (marked temporary: the next refresh undoes them); without it such findings are refused with the GPO fix. test, get, explain: count revoked-at-refresh as in the desired state (the accepted temporary fix), with its reason and a warning naming the GPO.',
  },
  'allow-no-user-rights': {
    flag: '--allow-no-user-rights',
    text: 'Accept a secedit.inf with no [Privilege Rights] section or no right in it, for a host that really has none. Without it such a file is refused (exit 3): it is what a failed or truncated export looks like.',
  },
  timeout: {
    flag: '--timeout <seconds>',
    text: 'Input read from stdin (--snapshot -, --plan -, dsc) must end within this time, or it is refused (exit 3). Without it a caller that never closes stdin leaves the run waiting.',
  },
  'snapshot-timeout': {
    flag: '--snapshot-timeout <s>',
    text: `Stop judging a snapshot after this many seconds and list it as not loaded (exit 3); the others go on. Default ${SNAPSHOT_LIMIT_DEFAULTS.seconds}.`,
  },
  'snapshot-memory': {
    flag: '--snapshot-memory <n>',
    text: `Stop judging a snapshot whose worker thread needs more than n MiB of heap and list it as not loaded (exit 3); the others go on. Default ${SNAPSHOT_LIMIT_DEFAULTS.memoryMiB}, at least ${MIN_SNAPSHOT_MEMORY_MIB}.`,
  },
  plan: {
    flag: '--plan <file|->',
    text: 'The plan document to validate. --plan - with --snapshot -: one JSON document on stdin, {"plan", "facts"} (and "rightsBefore" with --undo).',
  },
  undo: {
    flag: '--undo',
    text: "Check the plan's undo list for Undo, against the facts now (--snapshot) and the rights recorded before the change (--rights-before).",
  },
  'rights-before': {
    flag: '--rights-before <file>',
    text: 'With --undo: the rights recorded before the plan was applied.',
  },
  'log-format': {
    flag: '--log-format <fmt>',
    text: 'text (default) or json: errors and warnings on stderr as one-key JSON lines ({"error": ...}, {"warn": ...}), for the PowerShell module and DSC v3.',
  },
  'no-color': {
    flag: '--no-color',
    text: 'No colour (also when NO_COLOR is set to a non-empty value, or the output is not a terminal).',
  },
};

interface CommandHelp {
  /** One line for the command list. */
  summary: string;
  usage: string;
  description: string;
  options: OptionName[];
  /** What --format accepts for this command, and the default. */
  formats?: string;
  example: string;
  exitCodes: ExitCodeName[];
}

const SNAPSHOT_USAGE = '--snapshot <folder|facts.json|->';
/** The options of the commands that judge one snapshot. */
const JUDGE_OPTIONS: OptionName[] = [
  'snapshot',
  'format',
  'rules',
  'with-gpo',
  'site',
  'allow-temporary-fix',
  'allow-no-user-rights',
  'timeout',
  'log-format',
  'no-color',
];
const FINDINGS_FORMATS = 'table (default on a terminal), json (default otherwise), junit or sarif.';
const EVERY_EXIT_CODE: ExitCodeName[] = [
  'success',
  'notInDesiredState',
  'usage',
  'invalidInput',
  'internal',
  'outputFailed',
];
const NEVER_NOT_IN_DESIRED_STATE: ExitCodeName[] = ['success', 'usage', 'invalidInput', 'internal', 'outputFailed'];

export const COMMAND_HELP = {
  test: {
    summary: 'Judge a snapshot; exit 0 when in the desired state, 1 when not.',
    usage: `test ${SNAPSHOT_USAGE} [options]`,
    description:
      'Judges every identity IIS logs on with (anonymous user, worker process, connect-as account) and prints one row per site, path and identity. The exit code says whether everything is in the desired state, so CI and scripts can use it as it is.',
    options: JUDGE_OPTIONS,
    formats: FINDINGS_FORMATS,
    example: 'iis-logon-rights test --snapshot C:\\Temp\\snapshot --format junit > rights.xml',
    exitCodes: EVERY_EXIT_CODE,
  },
  get: {
    summary: 'Print the current state: the same findings as test, always exit 0 on valid input.',
    usage: `get ${SNAPSHOT_USAGE} [options]`,
    description:
      'Prints the findings without judging by exit code: for scripts that read the state and decide themselves.',
    options: JUDGE_OPTIONS,
    formats: FINDINGS_FORMATS,
    example: 'iis-logon-rights get --snapshot C:\\Temp\\snapshot --format json',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
  explain: {
    summary: 'Tell the story of every finding not in the desired state: what the user sees, why, when, and the fix.',
    usage: `explain ${SNAPSHOT_USAGE} [options]`,
    description:
      'One story per cause (the same identity, right, status and owning GPO) with every site and path it affects: what the user sees (HTTP 401.1, 503, 500.19), who and which right, through which SID, who owns the right, when Group Policy will act, why a restart seems to help, and the durable fix with the exact GptTmpl.inf line, then the temporary one.',
    options: JUDGE_OPTIONS,
    formats:
      'text (the default, also in a file or a pipe: plain text wrapped to 100 columns), markdown (for a ticket or a pull request), json (the findings, each with its explanation as fields), junit or sarif.',
    example: 'iis-logon-rights explain --snapshot C:\\Temp\\snapshot > ticket.txt',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
  plan: {
    summary: 'Print what Set would change: identity-scoped actions, their undo, what was refused and the GPO edits.',
    usage: `plan ${SNAPSHOT_USAGE} [options]`,
    description:
      "A plan holds only identity-scoped actions (grant the identity its right, or take its own SID out of a deny right) and their undo actions. Everything else is refused with the administrator's fix, and each GPO that needs changing gets its exact GptTmpl.inf line. Save the plan before applying it.",
    options: JUDGE_OPTIONS,
    formats: 'table (default on a terminal) or json (default otherwise).',
    example: 'iis-logon-rights plan --snapshot C:\\Temp\\snapshot --format json > plan.json',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
  'check-plan': {
    summary: 'Validate a saved plan against the facts before it is applied or undone, and print it back normalised.',
    usage: 'check-plan --plan <file|-> [--snapshot <path>] [options]',
    description:
      "Checks the plan against its schema, every SID and every right name. With --snapshot every action must be one the engine plans for that snapshot now (under the plan's own rule set and opt-ins, and the same --with-gpo baselines), and undo exactly the actions' inverses in reverse order; else exit 3 naming the first offending one. Without --snapshot only the structure is checked, and stderr says so. The plan is printed back only when it passes.",
    options: [
      'plan',
      'snapshot',
      'with-gpo',
      'undo',
      'rights-before',
      'allow-no-user-rights',
      'timeout',
      'format',
      'log-format',
      'no-color',
    ],
    formats: 'table (default on a terminal) or json (default otherwise).',
    example: 'iis-logon-rights check-plan --plan plan.json --snapshot C:\\Temp\\snapshot',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
  report: {
    summary: 'Judge many snapshots in one run and print a fleet summary.',
    usage: 'report <folder>... [options]',
    description:
      'Each <folder> is a snapshot folder (it holds secedit.inf) or a folder of snapshot folders. Prints the hosts in and out of the desired state, findings by status, the worst hosts, the causes behind the most findings (one identity, right and owner across hosts, with its symptom) and the GPOs behind revoked-at-refresh and gpo-blocked. A snapshot that cannot be loaded, or is stopped by a per-snapshot limit, is listed with its error and the others go on.',
    options: [
      'format',
      'rules',
      'with-gpo',
      'allow-no-user-rights',
      'snapshot-timeout',
      'snapshot-memory',
      'log-format',
      'no-color',
    ],
    formats: FINDINGS_FORMATS,
    example: 'iis-logon-rights report \\\\fileserver\\snapshots --format sarif > fleet.sarif',
    exitCodes: EVERY_EXIT_CODE,
  },
  accounts: {
    summary: 'List the account names a snapshot mentions: what the collector resolves into accounts.json.',
    usage: `accounts ${SNAPSHOT_USAGE} [options]`,
    description:
      'Reads the snapshot as test does (accounts.json may be absent) and prints {"names": [...]}: every account name the engine will look up in accounts.json when it judges the snapshot, once each, in the order found: anonymous accounts, application pool accounts (IIS APPPOOL\\<pool> for ApplicationPoolIdentity), connect-as accounts, then holders of logon rights written by name in secedit.inf, gpresult.xml and rsop.json. Every site counts. The PowerShell collector runs it before it resolves the names on the host.',
    options: ['snapshot', 'allow-no-user-rights', 'timeout', 'log-format'],
    example: 'iis-logon-rights accounts --snapshot C:\\Temp\\snapshot',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
  dsc: {
    summary: 'Speak the DSC v3 protocol: get, test, set or whatif with the request on stdin.',
    usage: 'dsc <get|test|set|whatif>',
    description:
      'Reads {"desired": {...}, "facts": {...}} on stdin (schemas/dsc-request.schema.json) and prints the instance (get, test), the plan (set) or the instance as it will be once the plan is applied (whatif) as one JSON line. The engine never changes the machine: set prints the plan that the PowerShell entry applies. Being out of the desired state is data, never a non-zero exit code. Errors are one-key JSON lines on stderr.',
    options: ['timeout'],
    example: 'Get-Content request.json | iis-logon-rights dsc test',
    exitCodes: NEVER_NOT_IN_DESIRED_STATE,
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

export const COMMAND_NAMES = Object.keys(COMMAND_HELP) as CommandName[];

const WIDTH = 80;

/** The global help: what the tool does, one line per command, and where to read more. */
export function renderGlobalHelp(): string {
  const nameWidth = Math.max(...COMMAND_NAMES.map((name) => name.length)) + 2;
  const lines = [
    `iis-logon-rights ${VERSION}`,
    ...wrapText(
      'Checks that every identity IIS logs on with (anonymous user, worker process, connect-as account) holds the Windows logon right its logon type needs, is not caught by a deny right, and keeps it after the next Group Policy refresh.',
      WIDTH,
    ),
    '',
    'Usage:',
    `  iis-logon-rights <command> ${SNAPSHOT_USAGE} [options]`,
    '  iis-logon-rights report <folder>... [options]',
    "  iis-logon-rights <command> --help   (that command's options and an example)",
    '',
    'Commands:',
    ...COMMAND_NAMES.flatMap((name) =>
      hanging(`  ${name.padEnd(nameWidth)}`, (COMMAND_HELP[name] as CommandHelp).summary),
    ),
    '',
    'Options for every command:',
    ...hanging('  -h, --help           ', "Show help (after a command: that command's help)."),
    ...hanging('  -v, --version        ', 'Show the version.'),
    '',
    'Exit codes:',
    ...exitCodeLines(Object.keys(EXIT_CODES) as ExitCodeName[]),
    '',
  ];
  return lines.join('\n');
}

/** `<command> --help`: usage, what it does, its options, one example and its exit codes. */
export function renderCommandHelp(name: CommandName): string {
  const help: CommandHelp = COMMAND_HELP[name];
  const lines = [`Usage: iis-logon-rights ${help.usage}`, '', ...wrapText(help.description, WIDTH)];
  if (help.options.length > 0) {
    lines.push('', 'Options:');
    for (const option of help.options) {
      const text = option === 'format' ? (help.formats ?? '') : OPTIONS[option].text;
      lines.push(...hanging(`  ${OPTIONS[option].flag.padEnd(22)} `, text));
    }
    lines.push(...hanging(`  ${'-h, --help'.padEnd(22)} `, 'Show this help.'));
  }
  lines.push('', 'Example:', `  ${help.example}`, '', 'Exit codes:', ...exitCodeLines(help.exitCodes), '');
  return lines.join('\n');
}

function exitCodeLines(names: readonly ExitCodeName[]): string[] {
  return names.flatMap((name) => hanging(`  ${EXIT_CODES[name].code}  `, EXIT_CODES[name].meaning));
}

/** `prefix` then the text wrapped, continuation lines indented to the prefix's width. */
function hanging(prefix: string, text: string): string[] {
  const [first, ...rest] = wrapText(text, WIDTH - prefix.length);
  return [`${prefix}${first ?? ''}`.trimEnd(), ...rest.map((line) => `${' '.repeat(prefix.length)}${line}`)];
}

/** Greedy word wrap of plain ASCII help text. */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
