/**
 * Deny entries that recognised security baselines require, so that a fix which would remove
 * one is a conflict with the baseline, not a fix: the identity-side fix (an account that does
 * not carry the SID) comes first. One table, from which the plan, explain and docs/rules.md read.
 * Sources: DISA STIG for Windows Server 2016/2019/2022 member servers (WN22-MS-000080 and the
 * same rule in the 2016/2019 STIGs; WN16-MS-000380; WN19-MS-000110) and the CIS Windows Server
 * benchmarks (2.2.x "Deny ..." settings), as their published checks state them.
 */
export interface BaselineDenyEntry {
  right: string;
  sid: string;
  /** The account's name, for messages. */
  name: string;
  /** Which baselines require it, in words. */
  requiredBy: string;
}

export const BASELINE_DENY_ENTRIES: readonly BaselineDenyEntry[] = [
  {
    right: 'SeDenyNetworkLogonRight',
    sid: 'S-1-5-113',
    name: 'NT AUTHORITY\\Local account',
    requiredBy:
      'the DISA STIG for domain-joined member servers (WN22-MS-000080 and its 2016/2019 equivalents: Local account or Local account and member of Administrators)',
  },
  {
    right: 'SeDenyNetworkLogonRight',
    sid: 'S-1-5-114',
    name: 'NT AUTHORITY\\Local account and member of Administrators group',
    requiredBy:
      'the DISA STIG for domain-joined member servers (WN22-MS-000080) and the CIS benchmark for member servers (Deny access to this computer from the network)',
  },
  {
    right: 'SeDenyNetworkLogonRight',
    sid: 'S-1-5-32-546',
    name: 'BUILTIN\\Guests',
    requiredBy: 'the DISA STIG (WN22-MS-000080: Guests on all systems) and the CIS benchmark',
  },
  {
    right: 'SeDenyBatchLogonRight',
    sid: 'S-1-5-32-546',
    name: 'BUILTIN\\Guests',
    requiredBy: 'the DISA STIG (WN16-MS-000380 and later: Guests on all systems) and the CIS benchmark',
  },
  {
    right: 'SeDenyInteractiveLogonRight',
    sid: 'S-1-5-32-546',
    name: 'BUILTIN\\Guests',
    requiredBy: 'the DISA STIG (WN19-MS-000110 and later: Guests on all systems) and the CIS benchmark',
  },
];

export function baselineDenyEntry(right: string, sid: string): BaselineDenyEntry | undefined {
  return BASELINE_DENY_ENTRIES.find((entry) => entry.right === right && entry.sid === sid);
}

/** A GPO edit's removal of an entry a baseline requires (plan.schema.json gpoEdit.baselineConflicts). */
export interface BaselineConflict {
  sid: string;
  name: string;
  requiredBy: string;
}

/** The removals of `remove` from `right` that conflict with a baseline, in the order given. */
export function baselineConflicts(right: string, remove: readonly string[]): BaselineConflict[] {
  return remove.flatMap((sid) => {
    const entry = baselineDenyEntry(right, sid);
    return entry === undefined ? [] : [{ sid: entry.sid, name: entry.name, requiredBy: entry.requiredBy }];
  });
}
