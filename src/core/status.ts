/**
 * The one table of finding statuses. Reasons codes, SARIF rules, JUnit outcomes, docs and the
 * PowerShell mapping are derived from it.
 */
export const FINDING_STATUSES = {
  ok: {
    reasonSuffix: 'Ok',
    inDesiredState: true,
    summary: 'Holds the required logon right now and after the next Group Policy refresh, and no deny right matches.',
  },
  missing: {
    reasonSuffix: 'Missing',
    inDesiredState: false,
    summary: 'Lacks the required logon right and no GPO owns it: a local grant to the identity fixes it.',
  },
  denied: {
    reasonSuffix: 'Denied',
    inDesiredState: false,
    summary: "A deny right matches one of the identity's token SIDs; deny wins over allow.",
  },
  'revoked-at-refresh': {
    reasonSuffix: 'RevokedAtRefresh',
    inDesiredState: false,
    summary:
      'Holds the right now, but the GPO that owns the right does not grant it (or its deny list catches the identity): the next refresh takes it away.',
  },
  'gpo-blocked': {
    reasonSuffix: 'GpoBlocked',
    inDesiredState: false,
    summary:
      'Lacks the right or is denied, and a GPO owns that right: a local fix would be undone at the next refresh; the fix belongs in the GPO.',
  },
  unresolved: {
    reasonSuffix: 'Unresolved',
    inDesiredState: false,
    summary:
      "The identity's SID is unknown (not in accounts.json and not computable), or its domain groups could not be read while a deny right names a holder an unlisted group could match, so its rights cannot be judged.",
  },
  'not-required': {
    reasonSuffix: 'NotRequired',
    inDesiredState: true,
    summary:
      'No logon right is required under the active rule set (anonymous access off, built-in service accounts, or the IIS 7+ built-in IUSR under the documented rules).',
  },
} as const;

export type FindingStatus = keyof typeof FINDING_STATUSES;

export const ALL_STATUSES = Object.keys(FINDING_STATUSES) as FindingStatus[];

export const REASON_CODE_PREFIX = 'IisAnonymousLogonRight:IisAnonymousLogonRight:';

export function reasonCode(status: FindingStatus): string {
  return `${REASON_CODE_PREFIX}${FINDING_STATUSES[status].reasonSuffix}`;
}
