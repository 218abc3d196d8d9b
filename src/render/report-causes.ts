import type { Finding } from '../core/evaluate-identities';
import type { SnapshotOutcome } from '../core/fleet-summary';
import { FINDING_STATUSES, type FindingStatus } from '../core/status';
import { shortSymptom } from './symptom-text';
import { gpoName } from './findings-table';

/**
 * The causes behind the fleet's findings: the same identity (by SID) in the same role, right,
 * status and owning GPO on many hosts and sites is one cause, fixed once (usually in that GPO).
 */
export interface FleetCause {
  identity: string;
  sid: string | null;
  right: string | null;
  status: FindingStatus;
  symptom: string;
  /** `GPO "name"`, or `local policy`. */
  owner: string;
  hosts: number;
  findings: number;
  /** The first hosts (computer name or snapshot) with it, for the table. */
  exampleHosts: string[];
}

const EXAMPLE_HOSTS = 3;

/** The causes of every outcome, the most widespread first, at most `limit`. */
export function fleetCauses(outcomes: readonly SnapshotOutcome[], limit: number): FleetCause[] {
  const tally = new FleetCauseTally();
  for (const outcome of outcomes) tally.add(outcome);
  return tally.top(limit);
}

/** Causes counted one outcome at a time, so `report` can stream the fleet and keep only these. */
export class FleetCauseTally {
  private readonly causes = new Map<string, FleetCause & { hostSet: Set<string> }>();

  add(outcome: SnapshotOutcome): void {
    if (outcome.kind !== 'judged') return;
    const host = outcome.host?.computerName ?? outcome.name;
    for (const finding of outcome.evaluation.findings) {
      if (FINDING_STATUSES[finding.status].inDesiredState) continue;
      const owner = ownerOf(finding);
      const key = JSON.stringify([
        finding.identity.sid ?? finding.identity.name.toLowerCase(),
        finding.role,
        finding.right,
        finding.status,
        owner,
      ]);
      let cause = this.causes.get(key);
      if (!cause) {
        cause = {
          identity: finding.identity.name,
          sid: finding.identity.sid,
          right: finding.right,
          status: finding.status,
          symptom: shortSymptom(finding) ?? '',
          owner,
          hosts: 0,
          findings: 0,
          exampleHosts: [],
          hostSet: new Set(),
        };
        this.causes.set(key, cause);
      }
      cause.findings++;
      if (!cause.hostSet.has(host)) {
        cause.hostSet.add(host);
        cause.hosts++;
        if (cause.exampleHosts.length < EXAMPLE_HOSTS) cause.exampleHosts.push(host);
      }
    }
  }

  top(limit: number): FleetCause[] {
    return [...this.causes.values()]
      .sort(
        (a, b) =>
          b.hosts - a.hosts ||
          b.findings - a.findings ||
          (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0),
      )
      .slice(0, limit)
      .map(({ hostSet: _hostSet, ...cause }) => cause);
  }
}

function ownerOf(finding: Finding): string {
  const gpo =
    finding.status === 'denied' || (finding.matches?.afterRefresh.deniedBy.length ?? 0) > 0
      ? (finding.denyRightOwner ?? finding.allowRightOwner)
      : (finding.allowRightOwner ?? finding.denyRightOwner);
  return gpo ? gpoName(gpo) : 'local policy';
}
