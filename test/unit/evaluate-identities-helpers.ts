import { evaluateIdentities } from '../../src/core/evaluate-identities';
import { projectPolicy } from '../../src/core/policy';
import type { GpoRightAssignment, SecurityTemplate } from '../../src/core/model';
import type { RuleSetName } from '../../src/core/rules';
import { accounts, DOMAIN_ANON, iis, LOCAL_ANON, WEB01 } from '../helpers/builders';

/** Judges scopes against a local policy, GPO assignments and accounts, with the test defaults. */
export function judge(options: {
  localPolicy: SecurityTemplate;
  scopes: Parameters<typeof iis>[0];
  pools?: Parameters<typeof iis>[1];
  gpo?: GpoRightAssignment[];
  directory?: ReturnType<typeof accounts>;
  ruleSet?: RuleSetName;
  format?: Parameters<typeof iis>[2];
  osVersion?: string;
}) {
  const winners = new Map((options.gpo ?? []).map((assignment) => [assignment.right, assignment]));
  return evaluateIdentities({
    iis: iis(options.scopes, options.pools, options.format),
    policy: projectPolicy(options.localPolicy, winners, (options.gpo ?? []).length > 0),
    accounts: options.directory ?? accounts(LOCAL_ANON, DOMAIN_ANON),
    host: options.osVersion ? { ...WEB01, osVersion: options.osVersion } : WEB01,
    ruleSet: options.ruleSet ?? 'documented',
  });
}

export const DEFAULT_NETWORK = ['*S-1-1-0', '*S-1-5-32-544', '*S-1-5-32-545', '*S-1-5-32-551'];
