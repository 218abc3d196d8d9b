/**
 * The rule table: which logon right each kind of anonymous identity needs, as data with the
 * evidence for every row (docs/rules.md is generated from it). Rows whose evidence is
 * `unconfirmed` are enforced only under the `conservative` rule set, and the output says so.
 */

export type RuleSetName = 'documented' | 'conservative';
export const RULE_SETS: readonly RuleSetName[] = ['documented', 'conservative'];

export type Evidence = 'confirmed' | 'observed' | 'inferred' | 'unconfirmed';

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

/** Where the anonymous identity comes from. */
export type IdentitySource =
  | 'iis-builtin-iusr'
  | 'custom-anonymous-account'
  | 'iis6-anonymous-account'
  | 'app-pool-identity'
  | 'app-pool-specific-user'
  | 'app-pool-builtin-account';

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
    citation: 'logonMethod ClearText is LogonUser NETWORK_CLEARTEXT, which needs "Access this computer from the network" (AuthenticationLogonMethod docs; KB 909887; KB 812614)',
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
    citation: 'logonMethod Interactive is LogonUser INTERACTIVE, which needs "Allow log on locally" (KB Q263140; Account Rights Constants)',
  },
  {
    id: 'iis6-cleartext',
    source: 'iis6-anonymous-account',
    logonType: 'NetworkCleartext',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'IIS 6 LogonMethod 3 (the default) is NETWORK_CLEARTEXT; KB 909887 requires "Access this computer from the network" and no matching deny',
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
    citation: 'IIS 6 LogonMethod 0 is an interactive logon, which needs "Allow log on locally" (metabase LogonMethod reference; KB 812614)',
  },
  {
    id: 'iis-builtin-iusr',
    source: 'iis-builtin-iusr',
    logonType: 'WasSuppliedToken',
    allowRight: 'SeNetworkLogonRight',
    denyRight: 'SeDenyNetworkLogonRight',
    evidence: 'unconfirmed',
    enforcedIn: ['conservative'],
    citation: 'IIS 7+ WAS supplies the IUSR (S-1-5-17) token itself (passAnonymousToken, in a well-known logon session) and setup grants IUSR no rights; no document says whether LSA checks any logon right for it, so only the conservative rules treat it as a ClearText network logon',
  },
  {
    id: 'pool-application-pool-identity',
    source: 'app-pool-identity',
    logonType: 'Service',
    allowRight: 'SeServiceLogonRight',
    denyRight: 'SeDenyServiceLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'WAS grants each ApplicationPoolIdentity SID "Log on as a service" at start and whenever a w3wp starts (KB 981949; Microsoft asiatech blog); the deny right overrides it (log-on-as-a-service.md)',
  },
  {
    id: 'pool-specific-user-batch',
    source: 'app-pool-specific-user',
    logonType: 'Batch',
    allowRight: 'SeBatchLogonRight',
    denyRight: 'SeDenyBatchLogonRight',
    evidence: 'confirmed',
    enforcedIn: BOTH,
    citation: 'processModel logonType LogonBatch (the default) logs the SpecificUser on as a batch job; without the right WAS logs 5021 and disables the pool (processModel.md; KB 981949)',
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
    id: 'pool-builtin-account',
    source: 'app-pool-builtin-account',
    logonType: 'BuiltInServiceAccount',
    allowRight: null,
    denyRight: null,
    evidence: 'confirmed',
    enforcedIn: [],
    citation: 'LocalSystem, LocalService and NetworkService hold "Log on as a service" by definition, not through policy (log-on-as-a-service.md)',
  },
];

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
