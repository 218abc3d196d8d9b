import type { Finding } from '../core/evaluate-identities';
import { FINDING_STATUSES } from '../core/status';
import { capitalize } from '../core/sentence';

/**
 * What the administrator sees, in words: the role and symptom every finding carries (from
 * core/roles.ts, the one table of them), with when it starts. Shown only for findings not in
 * the desired state: an identity that can log on has no symptom.
 */

/**
 * Now; only once the next Group Policy refresh has applied (revoked-at-refresh); or only if a
 * baseline given with --with-gpo is linked (revoked-at-refresh under a projected baseline).
 */
export type SymptomTiming = 'now' | 'after-refresh' | 'if-linked';

type SymptomSubject = Pick<Finding, 'status' | 'symptom'> &
  Partial<Pick<Finding, 'allowRightOwner' | 'denyRightOwner'>>;

/** When the symptom shows; null when the finding is in the desired state or its identity unknown. */
export function symptomTiming(finding: SymptomSubject): SymptomTiming | null {
  if (FINDING_STATUSES[finding.status].inDesiredState || finding.status === 'unresolved') return null;
  if (finding.status !== 'revoked-at-refresh') return 'now';
  return ownedByBaseline(finding) ? 'if-linked' : 'after-refresh';
}

/** A baseline given with --with-gpo owns the right: it is not linked, so it acts only if it is. */
export function ownedByBaseline(finding: Partial<Pick<Finding, 'allowRightOwner' | 'denyRightOwner'>>): boolean {
  return (finding.allowRightOwner?.baseline ?? finding.denyRightOwner?.baseline) !== undefined;
}

const SHORT_WHEN: Record<SymptomTiming, string> = {
  now: '',
  'after-refresh': ' after the next refresh',
  'if-linked': ' if the baseline is linked',
};
const LONG_WHEN: Record<SymptomTiming, string> = {
  now: '',
  'after-refresh': 'after the next Group Policy refresh, ',
  'if-linked': 'if the baseline is linked, then after the next refresh, ',
};

/** `HTTP 401.1`, or `HTTP 503 after the next refresh`: for a table cell or a test case; null when none. */
export function shortSymptom(finding: SymptomSubject): string | null {
  const when = symptomTiming(finding);
  return when === null ? null : `HTTP ${finding.symptom.httpStatus}${SHORT_WHEN[when]}`;
}

/** The symptom as a sentence: `After the next Group Policy refresh, anonymous requests fail ...`; null when none. */
export function describeSymptom(finding: SymptomSubject): string | null {
  const when = symptomTiming(finding);
  if (when === null) return null;
  const text = `${LONG_WHEN[when]}${finding.symptom.description}`;
  return `${capitalize(text)}.`;
}
