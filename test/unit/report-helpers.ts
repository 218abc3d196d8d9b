import type { JudgedSnapshot, SnapshotOutcome } from '../../src/core/fleet-summary';
import { judgeExample } from '../helpers/fleet';

/** What the fleet report tests (report.test.ts, report-output.test.ts) judge and compare. */

export const MEMBER_SERVER_BASELINE = {
  id: '{5A91776E-1ACB-4255-B97E-6FFF265E0FD3}',
  name: 'CONTOSO Member Server Baseline',
};
export const HARDENED_BASELINE = {
  id: '{0AA8C852-AFFA-4A5C-8060-C9F1750C8133}',
  name: 'CONTOSO Hardened Baseline - Computer',
};

/** A snapshot that failed to load, beside the judged ones. */
export const FAILED_OUTCOME: SnapshotOutcome = {
  kind: 'failed',
  name: 'fleet/web99',
  error: 'fleet/web99/secedit.inf: expected secedit.inf, found no such file',
};

export interface FleetExamples {
  revoked: JudgedSnapshot;
  denied: JudgedSnapshot;
  missing: JudgedSnapshot;
  healthy: JudgedSnapshot;
  blocked: JudgedSnapshot;
}

/** Five example snapshots judged, one per way a host can stand. */
export function judgeFleetExamples(): FleetExamples {
  return {
    revoked: judgeExample('iis6-gpo-revoked-at-refresh'),
    denied: judgeExample('iis10-local-account-denied'),
    missing: judgeExample('iis10-specificuser-pool-missing-batch'),
    healthy: judgeExample('iis10-healthy'),
    blocked: judgeExample('iis10-gpo-blocked'),
  };
}
