/** secedit.inf of a generated snapshot: local user rights as `secedit /export` writes them. */
import { applicationPoolSid } from '../../src/core/sids';
import {
  DOMAIN,
  type SnapshotSpec,
  MAX_LISTED_POOL_SIDS,
  poolIdentity,
  poolAccountCount,
  anonymousAccountCount,
  poolName,
  poolAccountSid,
  anonymousAccountSid,
  siteAccountSid,
  locationKind,
  utf16WithBom,
} from './spec';

/** SIDs of the pools whose worker process has started (two in three), capped; see MAX_LISTED_POOL_SIDS. */
function startedPoolSids(spec: SnapshotSpec): string[] {
  const sids: string[] = [];
  for (let index = 0; index < spec.sites && sids.length < MAX_LISTED_POOL_SIDS; index++) {
    const identity = poolIdentity(index, spec);
    if (identity.type === 'ApplicationPoolIdentity' && index % 3 !== 2) sids.push(applicationPoolSid(poolName(index)));
  }
  return sids;
}

/** The rights secedit /export writes for a member server with IIS, before profile changes. */
function localRights(spec: SnapshotSpec): Map<string, string[]> {
  const poolSids = startedPoolSids(spec).map((sid) => `*${sid}`);
  // secedit writes every account it can map as *SID; names appear only for a few local
  // accounts (Guest) and for entries whose account no longer resolves.
  const specificUsers = Array.from(
    { length: Math.min(poolAccountCount(spec), 200) },
    (_, account) => `*${poolAccountSid(account)}`,
  );
  const rights = new Map<string, string[]>([
    ['SeNetworkLogonRight', ['*S-1-1-0', '*S-1-5-32-544', '*S-1-5-32-545', '*S-1-5-32-551']],
    ['SeBackupPrivilege', ['*S-1-5-32-544', '*S-1-5-32-551']],
    [
      'SeChangeNotifyPrivilege',
      ['*S-1-1-0', '*S-1-5-19', '*S-1-5-20', '*S-1-5-32-544', '*S-1-5-32-545', '*S-1-5-32-551', '*S-1-5-90-0'],
    ],
    ['SeSystemtimePrivilege', ['*S-1-5-19', '*S-1-5-32-544']],
    ['SeCreatePagefilePrivilege', ['*S-1-5-32-544']],
    ['SeDebugPrivilege', ['*S-1-5-32-544']],
    ['SeRemoteShutdownPrivilege', ['*S-1-5-32-544']],
    ['SeAuditPrivilege', ['*S-1-5-19', '*S-1-5-20', ...poolSids]],
    ['SeIncreaseQuotaPrivilege', ['*S-1-5-19', '*S-1-5-20', '*S-1-5-32-544', ...poolSids]],
    ['SeIncreaseBasePriorityPrivilege', ['*S-1-5-32-544', '*S-1-5-90-0']],
    ['SeLoadDriverPrivilege', ['*S-1-5-32-544']],
    // Specific-user pool accounts are granted batch logon directly, as IIS Manager does.
    ['SeBatchLogonRight', ['*S-1-5-32-544', '*S-1-5-32-551', '*S-1-5-32-559', '*S-1-5-32-568', ...specificUsers]],
    ['SeServiceLogonRight', ['*S-1-5-80-0', ...poolSids, ...specificUsers.filter((_, index) => index % 3 === 0)]],
    ['SeInteractiveLogonRight', ['Guest', '*S-1-5-32-544', '*S-1-5-32-545', '*S-1-5-32-551']],
    ['SeSecurityPrivilege', ['*S-1-5-32-544']],
    ['SeSystemEnvironmentPrivilege', ['*S-1-5-32-544']],
    ['SeProfileSingleProcessPrivilege', ['*S-1-5-32-544']],
    ['SeSystemProfilePrivilege', ['*S-1-5-32-544', '*S-1-5-80-3139157870-2983391045-3678747466-658725712-1809340420']],
    ['SeAssignPrimaryTokenPrivilege', ['*S-1-5-19', '*S-1-5-20', ...poolSids]],
    ['SeRestorePrivilege', ['*S-1-5-32-544', '*S-1-5-32-551']],
    ['SeShutdownPrivilege', ['*S-1-5-32-544', '*S-1-5-32-551']],
    ['SeTakeOwnershipPrivilege', ['*S-1-5-32-544']],
    ['SeDenyNetworkLogonRight', ['Guest', '*S-1-5-32-546']],
    ['SeDenyInteractiveLogonRight', ['Guest', '*S-1-5-32-546']],
    ['SeDenyBatchLogonRight', ['*S-1-5-32-546']],
    ['SeDenyServiceLogonRight', [`${DOMAIN}\\svc-retired`]],
    ['SeUndockPrivilege', ['*S-1-5-32-544']],
    ['SeManageVolumePrivilege', ['*S-1-5-32-544']],
    ['SeRemoteInteractiveLogonRight', ['*S-1-5-32-544', '*S-1-5-32-555']],
    ['SeImpersonatePrivilege', ['*S-1-5-19', '*S-1-5-20', '*S-1-5-32-544', '*S-1-5-32-568', '*S-1-5-6']],
    ['SeCreateGlobalPrivilege', ['*S-1-5-19', '*S-1-5-20', '*S-1-5-32-544', '*S-1-5-6']],
    ['SeIncreaseWorkingSetPrivilege', ['*S-1-5-32-545']],
    ['SeTimeZonePrivilege', ['*S-1-5-19', '*S-1-5-32-544']],
    ['SeCreateSymbolicLinkPrivilege', ['*S-1-5-32-544']],
    ['SeDelegateSessionUserImpersonatePrivilege', ['*S-1-5-32-544']],
  ]);
  const anonymousAccounts = Array.from(
    { length: Math.min(anonymousAccountCount(spec), 200) },
    (_, account) => `*${anonymousAccountSid(account)}`,
  );
  switch (spec.profile) {
    case 'gpo-revoked':
      // IISRESET-era habit: anonymous accounts granted one by one instead of through a group.
      rights.set('SeNetworkLogonRight', [
        '*S-1-5-32-544',
        '*S-1-5-32-551',
        ...anonymousAccounts,
        ...siteAccounts(spec).slice(0, 200),
      ]);
      break;
    case 'gpo-blocked':
      rights.set('SeNetworkLogonRight', ['*S-1-5-32-544']);
      break;
    case 'local-denied':
      rights.set('SeDenyNetworkLogonRight', ['Guest', '*S-1-5-32-546', '*S-1-5-113']);
      break;
    case 'missing-batch':
      rights.set('SeBatchLogonRight', ['*S-1-5-32-544', '*S-1-5-32-551', '*S-1-5-32-559']);
      rights.set('SeServiceLogonRight', ['*S-1-5-80-0', ...poolSids]);
      break;
    case 'mixed':
      // Some per-site accounts were denied network logon locally (a tenant shut off by hand).
      // Batch logon drifts too: local policy names every pool account, the GPO (gpoRights) only
      // a group half of them are in.
      rights.set('SeDenyNetworkLogonRight', [
        'Guest',
        '*S-1-5-32-546',
        ...siteAccounts(spec)
          .filter((_, index) => index % 5 === 0)
          .slice(0, 500),
      ]);
      break;
    default:
      break;
  }
  return rights;
}

/** The per-site local accounts, as secedit writes them (`*SID`). */
function siteAccounts(spec: SnapshotSpec): string[] {
  const sids: string[] = [];
  for (let site = 0; site < spec.sites; site++)
    if (locationKind(site) === 'site-account') sids.push(`*${siteAccountSid(spec, site)}`);
  return sids;
}

/** UTF-16LE with BOM and CRLF, as `secedit /export` writes it. */
export function seceditInf(spec: SnapshotSpec): Buffer {
  const lines = [
    '[Unicode]',
    'Unicode=yes',
    '[System Access]',
    'MinimumPasswordAge = 1',
    'MaximumPasswordAge = 42',
    'MinimumPasswordLength = 14',
    'PasswordComplexity = 1',
    'LockoutBadCount = 0',
    '[Event Audit]',
    'AuditSystemEvents = 0',
    'AuditLogonEvents = 3',
    '[Privilege Rights]',
  ];
  for (const [right, holders] of localRights(spec)) lines.push(`${right} = ${holders.join(',')}`);
  lines.push('[Version]', 'signature="$CHICAGO$"', 'Revision=1', '');
  return utf16WithBom(lines.join('\r\n'));
}
