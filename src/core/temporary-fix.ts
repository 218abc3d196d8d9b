import type { Diagnostic } from './model';
import type { Evaluation, Finding } from './evaluate-identities';
import { FINDING_STATUSES } from './status';

/**
 * With allowTemporaryFix the caller has accepted a local grant under a right a GPO owns, which
 * lasts only until the next Group Policy refresh. Once Set has made that grant, the identity
 * holds the right and the only finding left is `revoked-at-refresh`; judging that as out of the
 * desired state would make Set fail after changing the machine, and the DSC LCM would grant it
 * again (with a new backup) at every consistency run. So an opted-in `revoked-at-refresh`
 * counts as in the desired state. It is never hidden: the finding and its Reason stay, and a
 * warning names the GPO whose edit makes the fix last. Every other status keeps its meaning.
 */
export function acceptTemporaryFixes(evaluation: Evaluation): Evaluation {
  const accepted = evaluation.findings.filter(isAcceptedTemporaryFix);
  if (accepted.length === 0) return evaluation;
  const warnings: Diagnostic[] = accepted.map((finding) => ({
    code: 'temporary-fix-accepted',
    severity: 'warning',
    message: `${finding.message} Counted as in the desired state because allowTemporaryFix is set: the next Group Policy refresh undoes the local grant until the GPO is fixed.`,
  }));
  return {
    ...evaluation,
    inDesiredState: evaluation.findings.every(
      (finding) => FINDING_STATUSES[finding.status].inDesiredState || isAcceptedTemporaryFix(finding),
    ),
    diagnostics: [...evaluation.diagnostics, ...warnings],
  };
}

function isAcceptedTemporaryFix(finding: Finding): boolean {
  return finding.status === 'revoked-at-refresh';
}
