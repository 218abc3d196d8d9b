/** accounts.json and host.json of a generated snapshot: who the engine can resolve. */
import {
  DOMAIN,
  DOMAIN_USERS,
  POOL_ACCOUNTS_GROUP,
  type SnapshotSpec,
  poolAccountCount,
  anonymousAccountCount,
  poolAccountName,
  poolAccountSid,
  anonymousAccountName,
  anonymousAccountSid,
  siteAccountName,
  siteAccountSid,
  locationKind,
} from './spec';

interface GeneratedAccount {
  name: string;
  sid: string;
  kind: 'local' | 'domain';
  groups: string[];
}

function accounts(spec: SnapshotSpec): GeneratedAccount[] {
  const list: GeneratedAccount[] = [];
  for (let account = 0; account < poolAccountCount(spec); account++) {
    // Even accounts are in the pool accounts group the GPO grants batch logon to.
    const groups = [DOMAIN_USERS, 'S-1-5-32-545', ...(account % 2 === 0 ? [POOL_ACCOUNTS_GROUP] : [])];
    list.push({ name: poolAccountName(account), sid: poolAccountSid(account), kind: 'domain', groups });
  }
  for (let account = 0; account < anonymousAccountCount(spec); account++) {
    list.push({
      name: anonymousAccountName(account),
      sid: anonymousAccountSid(account),
      kind: 'domain',
      groups: [DOMAIN_USERS, 'S-1-5-32-545'],
    });
  }
  for (let site = 0; site < spec.sites; site++) {
    if (locationKind(site) === 'site-account')
      list.push({
        name: siteAccountName(spec, site),
        sid: siteAccountSid(spec, site),
        kind: 'local',
        groups: ['S-1-5-32-545'],
      });
  }
  return list;
}

export function accountsJson(spec: SnapshotSpec): string {
  let list = accounts(spec);
  const unresolved: { name: string; reason: string }[] = [];
  if (spec.profile === 'unresolved' || spec.profile === 'mixed') {
    // The collector could not look some accounts up: on an `unresolved` host every domain
    // anonymous account (a trust was down), on a `mixed` one every tenth account.
    const lost = (account: GeneratedAccount, index: number) =>
      spec.profile === 'unresolved' ? account.name.startsWith(`${DOMAIN}\\svc-anon-`) : index % 10 === 9;
    const kept: GeneratedAccount[] = [];
    list.forEach((account, index) => {
      if (lost(account, index))
        unresolved.push({
          name: account.name,
          reason: 'LookupAccountName: 1332 (no mapping between account names and security IDs)',
        });
      else kept.push(account);
    });
    list = kept;
  }
  return `${JSON.stringify({ accounts: list, unresolved }, null, 2)}\n`;
}

export function hostJson(spec: SnapshotSpec): string {
  return `${JSON.stringify({ computerName: spec.host, domain: DOMAIN, domainJoined: true, osVersion: '10.0.20348', iisVersion: '10.0', collectedAt: '2025-01-15T08:00:00Z' }, null, 2)}\n`;
}
