/**
 * The rule table: which logon right each kind of anonymous identity needs, as data with the
 * evidence for every row (docs/rules.md is generated from it). Rows whose evidence is
 * `unconfirmed` are enforced only under the `conservative` rule set, and the output says so.
 */

export type RuleSetName = 'documented' | 'conservative';

// Which configuration applies where (locks, web.config merging), with the same evidence levels.
export { CONFIGURATION_RULES, type ConfigurationRule } from './rules-configuration';
export const RULE_SETS: readonly RuleSetName[] = ['documented', 'conservative'];

/** How sure the project is of a rule's fact, strongest first (docs/rules.md says what each means). */
export const EVIDENCE_LEVELS = ['confirmed', 'observed', 'inferred', 'unconfirmed'] as const;
export type Evidence = (typeof EVIDENCE_LEVELS)[number];

/** How the identity's token comes to exist, which decides the right LSA checks. */
export type LogonType =
  | 'Interactive'
  | 'Batch'
  | 'Network'
  | 'NetworkCleartext'
  | 'Service'
  /** IIS 7+ built-in IUSR: WAS builds the token itself (passAnonymousToken); no LogonUser call. */
  | 'WasSuppliedToken'
  /** LocalSystem, LocalService, NetworkService: hold their logon by definition. */
  | 'BuiltInServiceAccount';

/** Where the identity comes from in the IIS configuration. */
export const IDENTITY_SOURCES = [
  'iis-builtin-iusr',
  'custom-anonymous-account',
  'iis6-anonymous-account',
  'app-pool-identity',
  'app-pool-specific-user',
  'app-pool-builtin-account',
  'iis6-pool-specific-user',
  'connect-as-account',
  'iis6-connect-as-account',
] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

export interface RuleRow {
  id: string;
  source: IdentitySource;
  logonType: LogonType;
  /** Required allow right, or null when none is required. */
  allowRight: string | null;
  denyRight: string | null;
  evidence: Evidence;
  /** Rule sets that enforce this row. */
  enforcedIn: readonly RuleSetName[];
  citation: string;
  /**
   * IIS itself grants the allow right to the identity's own SID before the logon that needs it,
   * so a policy list without it does not stop the logon (a deny right still does). Credited
   * under the rule sets that trust its evidence level (see selfGrantCounts).
   */
  selfGranted?: { evidence: Evidence; citation: string };
}

const BOTH: readonly RuleSetName[] = ['documented', 'conservative'];

export const RULE_TABLE: readonly RuleRow[] = [
  {
    id: 'custom-cleartext',
    source: 'custom-anonymous-account',
    logonType: 'NetworkCleartext',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'logonMethod ClearText is LogonUser NETWORK_CLEARTEXT, which needs "Access this computer from the network" (AuthenticationLogonMethod docs; KB 909887; KB 812614)',
  },
  {
    id: 'custom-network',
    source: 'custom-anonymous-account',
    logonType: 'Network',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'logonMethod Network is LogonUser NETWORK (AuthenticationLogonMethod docs; Account Rights Constants)',
  },
  {
    id: 'custom-batch',
    source: 'custom-anonymous-account',
    logonType: 'Batch',
    allowRight: 'SeBatchLogonRight',
    denyRight: 'SeDenyBatchLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'logonMethod Batch needs "Log on as a batch job" (AuthenticationLogonMethod docs)',
  },
  {
    id: 'custom-interactive',
    source: 'custom-anonymous-account',
    logonType: 'Interactive',
    allowRight: 'SeInteractiveLogonRight',
    denyRight: 'SeDenyInteractiveLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'logonMethod Interactive is LogonUser INTERACTIVE, which needs "Allow log on locally" (KB Q263140; Account Rights Constants)',
  },
  {
    id: 'iis6-cleartext',
    source: 'iis6-anonymous-account',
    logonType: 'NetworkCleartext',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'IIS 6 LogonMethod 3 (the default) is NETWORK_CLEARTEXT; KB 909887 requires "Access this computer from the network" and no matching deny',
  },
  {
    id: 'iis6-network',
    source: 'iis6-anonymous-account',
    logonType: 'Network',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'IIS 6 LogonMethod 2 is a network logon (metabase LogonMethod reference)',
  },
  {
    id: 'iis6-batch',
    source: 'iis6-anonymous-account',
    logonType: 'Batch',
    allowRight: 'SeBatchLogonRight',
    denyRight: 'SeDenyBatchLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'IIS 6 LogonMethod 1 is a batch logon (metabase LogonMethod reference)',
  },
  {
    id: 'iis6-interactive',
    source: 'iis6-anonymous-account',
    logonType: 'Interactive',
    allowRight: 'SeInteractiveLogonRight',
    denyRight: 'SeDenyInteractiveLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'IIS 6 LogonMethod 0 is an interactive logon, which needs "Allow log on locally" (metabase LogonMethod reference; KB 812614)',
  },
  {
    id: 'iis-builtin-iusr',
    source: 'iis-builtin-iusr',
    logonType: 'WasSuppliedToken',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'unconfirmed',
    enforcedIn: ['conservative'],
    citation:
      'IIS 7+ WAS supplies the IUSR (S-1-5-17) token itself (passAnonymousToken, in a well-known logon session) and setup grants IUSR no rights; no document says whether LSA checks any logon right for it, so only the conservative rules treat it as a ClearText network logon',
  },
  {
    id: 'pool-application-pool-identity',
    source: 'app-pool-identity',
    logonType: 'Service',
    allowRight: 'SeServiceLogonRight',
    denyRight: 'SeDenyServiceLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'An ApplicationPoolIdentity worker process logs on as a service; IIS setup grants each pool SID "Log on as a service" (KB 981949), and "Deny log on as a service" overrides it (log-on-as-a-service.md)',
    selfGranted: {
      evidence: 'observed',
      citation:
        'WAS adds each pool identity to "Log on as a service" when IIS starts and again whenever it launches a w3wp whose identity is missing from the right, one identity at a time (Microsoft support blog, asiatech, "How IIS interferes in Group policy \'Log on as a service\'"); so a GPO that defines the right without the pool SID does not stop the pool. Not a product document, so the conservative rules do not credit it',
    },
  },
  {
    id: 'pool-specific-user-batch',
    source: 'app-pool-specific-user',
    logonType: 'Batch',
    allowRight: 'SeBatchLogonRight',
    denyRight: 'SeDenyBatchLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation:
      'processModel logonType LogonBatch (the default) logs the SpecificUser on as a batch job; without the right WAS logs 5021 and disables the pool (processModel.md; KB 981949)',
  },
  {
    id: 'pool-specific-user-service',
    source: 'app-pool-specific-user',
    logonType: 'Service',
    allowRight: 'SeServiceLogonRight',
    denyRight: 'SeDenyServiceLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'processModel logonType LogonService logs the SpecificUser on as a service (processModel.md)',
  },
  {
    id: 'iis6-pool-specific-user-batch',
    source: 'iis6-pool-specific-user',
    logonType: 'Batch',
    allowRight: 'SeBatchLogonRight',
    denyRight: 'SeDenyBatchLogonRight',
    evidence: 'observed',
    enforcedIn: BOTH,
    citation:
      'An IIS 6 pool with AppPoolIdentityType 3 logs WAMUserName on as a batch job: Microsoft\'s IIS 6 walkthrough puts the account in IIS_WPG, which holds "Log on as a batch job", and a missing right shows as W3SVC event 1021 with 0x80070569 (logon type not granted) (Microsoft support blog "Steps for setting up a custom identity of an IIS 6 application pool")',
  },
  ...connectAsRows(),
  {
    id: 'iis6-connect-as-cleartext',
    source: 'iis6-connect-as-account',
    logonType: 'NetworkCleartext',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'inferred',
    enforcedIn: BOTH,
    citation:
      'IIS 6 logs UNCUserName on with the password from UNCPassword to reach a UNC virtual root (UNCUserName reference); the metabase gives no logon type for it, so the clear-text network logon IIS 6 uses for stored passwords (LogonMethod default 3) is assumed',
  },
  {
    id: 'pool-builtin-account',
    source: 'app-pool-builtin-account',
    logonType: 'BuiltInServiceAccount',
    allowRight: null,
    denyRight: null,
    evidence: 'confirmed',
    enforcedIn: [],
    citation:
      'LocalSystem, LocalService and NetworkService hold "Log on as a service" by definition, not through policy (log-on-as-a-service.md)',
  },
];

/**
 * Connect-as credentials of an IIS 7+ virtual directory: `logonMethod` (default ClearText) picks
 * the LogonUser type exactly as it does for anonymous authentication.
 */
function connectAsRows(): RuleRow[] {
  const rows: [string, LogonType, string, string][] = [
    ['connect-as-cleartext', 'NetworkCleartext', 'SeNetworkLogonRight', 'SeDenyNetworkLogonRight'],
    ['connect-as-network', 'Network', 'SeNetworkLogonRight', 'SeDenyNetworkLogonRight'],
    ['connect-as-batch', 'Batch', 'SeBatchLogonRight', 'SeDenyBatchLogonRight'],
    ['connect-as-interactive', 'Interactive', 'SeInteractiveLogonRight', 'SeDenyInteractiveLogonRight'],
  ];
  return rows.map(([id, logonType, allowRight, denyRight]) => ({
    id,
    source: 'connect-as-account',
    logonType,
    allowRight,
    denyRight,
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: `A virtual directory's userName/password (or virtualDirectoryDefaults') is the account IIS logs on to reach its content; its logonMethod (default ClearText) maps to the LogonUser type, here ${logonType} (IIS configuration reference, virtualDirectory; AuthenticationLogonMethod docs)`,
  }));
}

export function findRule(source: IdentitySource, logonType: LogonType): RuleRow | undefined {
  return RULE_TABLE.find((row) => row.source === source && row.logonType === logonType);
}

export function isEnforced(rule: RuleRow, ruleSet: RuleSetName): boolean {
  return rule.allowRight !== null && rule.enforcedIn.includes(ruleSet);
}

/**
 * Whether a token SID with this evidence level counts. Under `documented`, everything but
 * unconfirmed facts counts both ways. Under `conservative`, uncertain SIDs may still deny but
 * may not grant: the assumption that is worse for the identity wins.
 */
export function tokenSidCounts(evidence: Evidence, purpose: 'allow' | 'deny', ruleSet: RuleSetName): boolean {
  if (ruleSet === 'documented') return evidence !== 'unconfirmed';
  if (purpose === 'deny') return true;
  return evidence === 'confirmed' || evidence === 'inferred';
}

/** Whether IIS's own grant of the allow right counts: the same trust as a token SID that allows. */
export function selfGrantCounts(rule: RuleRow, ruleSet: RuleSetName): boolean {
  return rule.selfGranted !== undefined && tokenSidCounts(rule.selfGranted.evidence, 'allow', ruleSet);
}
