/**
 * The shared model: what the parsers produce and what the engine decides on. Parsers in
 * src/parse build these; everything in src/core consumes them without doing I/O.
 */

// ---------------------------------------------------------------------------------------------
// Diagnostics: facts worth telling the user that do not make the input invalid.

export interface Diagnostic {
  /** Stable, kebab-case (for example `unknown-right`, `orphan-location`). */
  code: string;
  severity: 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
}

// ---------------------------------------------------------------------------------------------
// User-rights policy (secedit.inf, GptTmpl.inf, gpresult, rsop).

/** One entry of a right's holder list, as the policy wrote it. */
export type PolicyHolder =
  | {
      kind: 'sid';
      sid: string;
      /** the entry as written, e.g. `*S-1-5-11` */ written: string;
      /** display name when the source gave one (gpresult) */ name?: string;
    }
  | { kind: 'name'; name: string; written: string };

/** A right as one policy source defines it. `holders` empty means "defined, nobody". */
export interface RightAssignment {
  right: string;
  holders: PolicyHolder[];
  line?: number;
}

/** A parsed security template: `secedit /export` output or a GPO's GptTmpl.inf. */
export interface SecurityTemplate {
  file: string;
  /** Section names in file order, as written. */
  sections: string[];
  /** `[Privilege Rights]` by right constant as written; null when the section is absent. */
  privilegeRights: Map<string, RightAssignment> | null;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Group Policy (gpresult.xml, Get-GPOReport XML, rsop.json, GptTmpl.inf given with --with-gpo).

export interface GroupPolicyObjectRef {
  /** GUID in braces, upper case: `{31B2F340-016D-11D2-945F-00C04FB984F9}`. */
  id: string;
  /** Display name; the GUID itself when the source could not name it. */
  name: string;
  /**
   * Set for a baseline projected with --with-gpo: the file it was read from. Such a GPO is not
   * linked, so what it does happens only if it is.
   */
  baseline?: string;
}

export interface GpoRightAssignment {
  right: string;
  holders: PolicyHolder[];
  gpo: GroupPolicyObjectRef;
  /** 1 = the winning GPO for this right (RSoP precedence). */
  precedence: number;
  file: string;
  line?: number;
}

export interface GroupPolicyResult {
  file: string;
  kind: 'gpresult' | 'gpo-report' | 'rsop' | 'security-template';
  gpos: GroupPolicyObjectRef[];
  assignments: GpoRightAssignment[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// IIS configuration (applicationHost.config for IIS 7+, MetaBase.xml for IIS 6).

/** IIS 7+ `logonMethod` names; IIS 6 `LogonMethod` 0..3 map onto the same four. */
export type LogonMethod = 'Interactive' | 'Batch' | 'Network' | 'ClearText';

export type AppPoolIdentityType =
  'LocalSystem' | 'LocalService' | 'NetworkService' | 'SpecificUser' | 'ApplicationPoolIdentity';

export type AppPoolLogonType = 'LogonBatch' | 'LogonService';

export interface ApplicationPool {
  name: string;
  identityType: AppPoolIdentityType;
  /** Account for SpecificUser; '' otherwise. */
  userName: string;
  logonType: AppPoolLogonType;
  /**
   * identityType came from no attribute (neither the pool nor applicationPoolDefaults): its
   * default depends on the IIS version (NetworkService in IIS 7.0, ApplicationPoolIdentity from
   * IIS 7.5), which applicationHost.config never states, so the engine decides it from host.json.
   */
  identityTypeDefaulted?: boolean;
  line?: number;
}

/** Connect-as credentials of a virtual directory (IIS 7+ userName/password, IIS 6 UNCUserName). */
export interface ConnectAsCredentials {
  userName: string;
  logonMethod: LogonMethod;
  passwordSet: boolean;
  /** The directory's physicalPath (IIS 6 Path) as written; '' when not given. */
  physicalPath: string;
  /** Where userName was set, for messages. */
  definedAt: string;
}

/** The effective `anonymousAuthentication` (IIS 7+) or metabase equivalent (IIS 6) at one scope. */
export interface AnonymousAuthentication {
  enabled: boolean;
  /** Account name as configured. '' = the application pool identity (IIS 7+ only). */
  userName: string;
  logonMethod: LogonMethod;
  /** A password is configured (its value is never read). */
  passwordSet: boolean;
  /** Where the effective userName was set, for messages: `server level`, `<location path="Site/app">` line 12. */
  definedAt: string;
}

/** One site, application, virtual directory or location path whose anonymous identity is evaluated. */
export interface AnonymousScope {
  site: string;
  /** Site-relative URL path: `/`, `/app`, `/app/sub`. */
  path: string;
  kind: 'site' | 'application' | 'virtual-directory' | 'location';
  /** Application pool of the application that serves this path; null when unknown. */
  applicationPool: string | null;
  anonymous: AnonymousAuthentication;
  /** Connect-as credentials of the virtual directory this scope stands for, when it names an account. */
  connectAs?: ConnectAsCredentials;
  /**
   * Where anonymousAuthentication is unlocked for this path (overrideModeDefault="Allow", or a
   * `<location overrideMode="Allow">` holding the section at this path or above): web.config
   * files, which the snapshot does not hold, may then set another anonymous identity here.
   */
  anonymousUnlockedAt?: string;
  /**
   * Only when web.config files were collected (webconfigs.json) and the section is unlocked here:
   * the paths from where it is unlocked down to this one whose web.config the snapshot lacks
   * (not collected, or unreadable), each with what is missing. Empty: nothing is missing.
   */
  webConfigGaps?: string[];
  /**
   * web.config files at or above this path that IIS refuses (a lock or the section's declaration
   * forbids what they write), each saying which and why: IIS answers HTTP 500.19 here before any
   * logon. The identity is judged from the configuration IIS accepts.
   */
  refusedWebConfigs?: string[];
  line?: number;
}

export interface IisConfiguration {
  file: string;
  format: 'applicationHost.config' | 'MetaBase.xml';
  /** 6 for the metabase; null when applicationHost.config does not say (it never names a version). */
  iisMajorVersion: number | null;
  /** Keyed by lower-cased pool name (IIS compares pool names case-insensitively). */
  applicationPools: Map<string, ApplicationPool>;
  scopes: AnonymousScope[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Accounts and host (collected on the Windows host).

/** What kind of account a name is; accounts.schema.json and the module's ValidateSet are generated from it. */
export const ACCOUNT_KINDS = ['local', 'domain', 'builtin', 'virtual'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface Account {
  name: string;
  sid: string;
  kind: AccountKind;
  /** Group SIDs (local and domain) the account's logon token carries, as collected. */
  groups: string[];
  /**
   * Whether `groups` was collected on the host (accounts.json gave the field). When it was, no
   * alias such as BUILTIN\\Users is added by inference: hardened hosts remove those memberships.
   */
  groupsCollected?: boolean;
  /**
   * Why the account's domain groups could not be read, when they could not: the token may hold
   * groups `groups` does not list, so a verdict an unlisted group could change is not confirmed.
   */
  groupsIncomplete?: string;
  /** For a local group (alias): the SIDs of its direct members, as collected on the host. */
  members?: string[];
}

export interface UnresolvedAccount {
  name: string;
  reason?: string;
}

export interface AccountDirectory {
  accounts: Account[];
  unresolved: UnresolvedAccount[];
}

export interface HostInfo {
  computerName?: string;
  domain?: string;
  domainJoined?: boolean;
  osVersion?: string;
  iisVersion?: string;
  /**
   * Whether the Local account SIDs S-1-5-113/114 exist on the host (they translate to a name).
   * NT 6.3 and later always have them; NT 6.1 and 6.2 only with KB 2871997. Absent = not collected.
   */
  localAccountSids?: boolean;
}

// ---------------------------------------------------------------------------------------------
// A snapshot: everything the engine needs from one host, parsed.

export interface Snapshot {
  /** Folder path, or the facts document's name. */
  name: string;
  localPolicy: SecurityTemplate;
  iis: IisConfiguration;
  /** gpresult.xml and/or rsop.json, in that order. */
  groupPolicy: GroupPolicyResult[];
  accounts: AccountDirectory | null;
  host: HostInfo | null;
}
