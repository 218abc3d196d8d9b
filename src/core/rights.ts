/**
 * The one table of user-rights constants. Logon rights carry their friendly name and their
 * deny counterpart; privileges are listed so that a policy line naming one is recognised as
 * known (only logon rights are ever evaluated or changed). Source: "Account Rights Constants"
 * and "Privilege Constants" on learn.microsoft.com, and the security-policy-settings pages.
 */

export interface LogonRightDefinition {
  constant: string;
  friendlyName: string;
  kind: 'allow' | 'deny';
  /** The right that overrides (for allow) or is overridden by (for deny) this one. */
  counterpart: string;
}

const LOGON_RIGHT_PAIRS = [
  [
    'SeNetworkLogonRight',
    'Access this computer from the network',
    'SeDenyNetworkLogonRight',
    'Deny access to this computer from the network',
  ],
  ['SeInteractiveLogonRight', 'Allow log on locally', 'SeDenyInteractiveLogonRight', 'Deny log on locally'],
  ['SeBatchLogonRight', 'Log on as a batch job', 'SeDenyBatchLogonRight', 'Deny log on as a batch job'],
  ['SeServiceLogonRight', 'Log on as a service', 'SeDenyServiceLogonRight', 'Deny log on as a service'],
  [
    'SeRemoteInteractiveLogonRight',
    'Allow log on through Remote Desktop Services',
    'SeDenyRemoteInteractiveLogonRight',
    'Deny log on through Remote Desktop Services',
  ],
] as const;

export const LOGON_RIGHTS: ReadonlyMap<string, LogonRightDefinition> = new Map(
  LOGON_RIGHT_PAIRS.flatMap(([allow, allowName, deny, denyName]): [string, LogonRightDefinition][] => [
    [allow, { constant: allow, friendlyName: allowName, kind: 'allow', counterpart: deny }],
    [deny, { constant: deny, friendlyName: denyName, kind: 'deny', counterpart: allow }],
  ]),
);

/** Privilege constants (SeXxxPrivilege) with their policy names; recognised, never evaluated. */
export const PRIVILEGES: ReadonlyMap<string, string> = new Map([
  ['SeAssignPrimaryTokenPrivilege', 'Replace a process level token'],
  ['SeAuditPrivilege', 'Generate security audits'],
  ['SeBackupPrivilege', 'Back up files and directories'],
  ['SeChangeNotifyPrivilege', 'Bypass traverse checking'],
  ['SeCreateGlobalPrivilege', 'Create global objects'],
  ['SeCreatePagefilePrivilege', 'Create a pagefile'],
  ['SeCreatePermanentPrivilege', 'Create permanent shared objects'],
  ['SeCreateSymbolicLinkPrivilege', 'Create symbolic links'],
  ['SeCreateTokenPrivilege', 'Create a token object'],
  ['SeDebugPrivilege', 'Debug programs'],
  ['SeDelegateSessionUserImpersonatePrivilege', 'Obtain an impersonation token for another user in the same session'],
  ['SeEnableDelegationPrivilege', 'Enable computer and user accounts to be trusted for delegation'],
  ['SeImpersonatePrivilege', 'Impersonate a client after authentication'],
  ['SeIncreaseBasePriorityPrivilege', 'Increase scheduling priority'],
  ['SeIncreaseQuotaPrivilege', 'Adjust memory quotas for a process'],
  ['SeIncreaseWorkingSetPrivilege', 'Increase a process working set'],
  ['SeLoadDriverPrivilege', 'Load and unload device drivers'],
  ['SeLockMemoryPrivilege', 'Lock pages in memory'],
  ['SeMachineAccountPrivilege', 'Add workstations to domain'],
  ['SeManageVolumePrivilege', 'Perform volume maintenance tasks'],
  ['SeProfileSingleProcessPrivilege', 'Profile single process'],
  ['SeRelabelPrivilege', 'Modify an object label'],
  ['SeRemoteShutdownPrivilege', 'Force shutdown from a remote system'],
  ['SeRestorePrivilege', 'Restore files and directories'],
  ['SeSecurityPrivilege', 'Manage auditing and security log'],
  ['SeShutdownPrivilege', 'Shut down the system'],
  ['SeSyncAgentPrivilege', 'Synchronize directory service data'],
  ['SeSystemEnvironmentPrivilege', 'Modify firmware environment values'],
  ['SeSystemProfilePrivilege', 'Profile system performance'],
  ['SeSystemtimePrivilege', 'Change the system time'],
  ['SeTakeOwnershipPrivilege', 'Take ownership of files or other objects'],
  ['SeTcbPrivilege', 'Act as part of the operating system'],
  ['SeTimeZonePrivilege', 'Change the time zone'],
  ['SeTrustedCredManAccessPrivilege', 'Access Credential Manager as a trusted caller'],
  ['SeUndockPrivilege', 'Remove computer from docking station'],
  ['SeUnsolicitedInputPrivilege', 'Read unsolicited input from a terminal device'],
]);

/**
 * Canonical spelling of a right constant, or undefined when it is not a known one. LSA compares
 * right names case-sensitively, but policy files are written by people; matching is
 * case-insensitive and the canonical spelling is what the engine uses from then on.
 */
export function canonicalRightName(written: string): string | undefined {
  const wanted = written.trim().toLowerCase();
  for (const constant of LOGON_RIGHTS.keys()) if (constant.toLowerCase() === wanted) return constant;
  for (const constant of PRIVILEGES.keys()) if (constant.toLowerCase() === wanted) return constant;
  return undefined;
}

export function isLogonRight(constant: string): boolean {
  return LOGON_RIGHTS.has(constant);
}

/** `Access this computer from the network (SeNetworkLogonRight)`; unknown names as written. */
export function describeRight(constant: string): string {
  const friendly = LOGON_RIGHTS.get(constant)?.friendlyName ?? PRIVILEGES.get(constant);
  return friendly === undefined ? constant : `${friendly} (${constant})`;
}
