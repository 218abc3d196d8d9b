import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Snapshot } from '../../src/core/model';
import { buildPlan, type Plan } from '../../src/core/plan';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  groupPolicyResult,
  iis,
  LOCAL_ANON,
  scope,
  template,
  WEB01,
} from '../helpers/builders';

/**
 * Plans for each way an identity can lack its right: what is done locally, what is refused with
 * which administrator's fix, and which GptTmpl.inf line a GPO needs. Exact texts, since the
 * refusals are what a person acts on.
 */

export const ANON = 'S-1-5-21-1000-2000-3000-1005';
export const BASELINE = 'GPO "CONTOSO Server Baseline" {11111111-2222-3333-4444-555555555555}';
export const WHERE = 'Site "Default Web Site" path /';

export function groupPolicy(...assignments: ReturnType<typeof gpoAssignment>[]): Snapshot['groupPolicy'] {
  return [groupPolicyResult(assignments)];
}

export function snapshot(overrides: Partial<Snapshot>): Snapshot {
  return {
    name: 'WEB01',
    localPolicy: template({}),
    iis: iis([scope({ userName: 'WEB01\\anon' })]),
    groupPolicy: [],
    accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
    host: WEB01,
    ...overrides,
  };
}

export function plan(of: Snapshot, allowTemporaryFix = false): Plan {
  const { evaluation, policy } = judgeSnapshot(of, { ruleSet: 'documented', withGpo: [] });
  return buildPlan(evaluation, policy, { allowTemporaryFix });
}

export function refusals(of: Plan): [string, string, string][] {
  return of.refused.map((refused) => [refused.status, refused.reason, refused.fix]);
}
