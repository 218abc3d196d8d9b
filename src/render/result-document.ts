import type { Evaluation, Finding, Reason } from '../core/evaluate-identities';
import type { Diagnostic } from '../core/model';
import type { RuleSetName } from '../core/rules';
import { ALL_STATUSES, type FindingStatus } from '../core/status';
import { VERSION } from '../version';

/** The JSON document `test`, `get` and `explain --format json` print (schemas/result.schema.json). */
export interface ResultDocument {
  tool: { name: 'iis-logon-rights'; version: string };
  snapshot: string;
  ruleSet: RuleSetName;
  withGpo?: string[];
  inDesiredState: boolean;
  summary: Partial<Record<FindingStatus, number>>;
  findings: Finding[];
  reasons: Reason[];
  diagnostics: Diagnostic[];
}

export function buildResultDocument(
  snapshotName: string,
  evaluation: Evaluation,
  withGpo: readonly string[],
): ResultDocument {
  return {
    tool: { name: 'iis-logon-rights', version: VERSION },
    snapshot: snapshotName,
    ruleSet: evaluation.ruleSet,
    ...(withGpo.length > 0 ? { withGpo: [...withGpo] } : {}),
    inDesiredState: evaluation.inDesiredState,
    summary: summarizeStatuses(evaluation.findings),
    findings: evaluation.findings,
    reasons: evaluation.reasons,
    diagnostics: evaluation.diagnostics,
  };
}

export function summarizeStatuses(findings: readonly Finding[]): Partial<Record<FindingStatus, number>> {
  const summary: Partial<Record<FindingStatus, number>> = {};
  for (const status of ALL_STATUSES) {
    const count = findings.filter((finding) => finding.status === status).length;
    if (count > 0) summary[status] = count;
  }
  return summary;
}
