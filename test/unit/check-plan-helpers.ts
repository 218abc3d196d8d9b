import assert from 'node:assert/strict';
import { checkPlanAgainstFacts } from '../../src/core/check-plan';
import { InputError } from '../../src/core/errors';
import { buildPlan, type PlanDocument } from '../../src/core/plan';
import { buildPlanDocument, readPlanDocument } from '../../src/io/plan-document';
import { evaluate, type GeneratedCase } from '../helpers/plan-cases';
import { IDENTITY_ROLES, type IdentityRole } from '../../src/core/roles';

/** What check-plan-properties.test.ts asks of each generated case and plan. */

export function planFor(testCase: GeneratedCase): {
  document: PlanDocument;
  derived: () => ReturnType<typeof buildPlan>;
  roles: Set<IdentityRole>;
} {
  const { evaluation, policy } = evaluate(testCase, testCase.local);
  const judged = () => buildPlan(evaluation, policy, { allowTemporaryFix: testCase.allowTemporaryFix });
  const document = buildPlanDocument('generated', testCase.ruleSet, [], judged());
  // The roles of the identities the plan acts for (anonymous user, worker process, connect-as).
  const roles = new Set<IdentityRole>();
  for (const action of document.actions) {
    for (const finding of evaluation.findings) {
      if (
        finding.identity.sid === action.sid &&
        action.fixes.some(
          (fix) => fix.site === finding.site && fix.path === finding.path && fix.status === finding.status,
        )
      )
        roles.add(finding.role);
    }
  }
  return { document, derived: judged, roles };
}

/** Counts per role, and asserts every role's identities were among the plans exercised. */
export function countRoles(counts: Map<IdentityRole, number>, roles: ReadonlySet<IdentityRole>): void {
  for (const role of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
}

export function assertEveryRole(counts: ReadonlyMap<IdentityRole, number>, what: string): void {
  for (const role of Object.keys(IDENTITY_ROLES) as IdentityRole[])
    assert.ok((counts.get(role) ?? 0) > 0, `no ${what} acted for a ${IDENTITY_ROLES[role].label}`);
}

/** check-plan --snapshot's decision for a saved plan text: the error message, or undefined when it passes. */
export function verdict(text: string, derived: () => ReturnType<typeof buildPlan>): string | undefined {
  let document: PlanDocument;
  try {
    document = readPlanDocument(Buffer.from(text, 'utf8'), 'plan.json');
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  const problem = checkPlanAgainstFacts(document, derived());
  return problem === undefined ? undefined : `${problem.pointer}: expected ${problem.expected}, found ${problem.found}`;
}
