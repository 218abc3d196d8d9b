import type { GpoRightAssignment, GroupPolicyObjectRef, PolicyHolder, SecurityTemplate } from './model';

/**
 * The user-rights policy as two views: what LSA holds now (secedit export) and what it will
 * hold after the next Group Policy refresh. User-rights settings replace, they do not merge
 * (docs/windows-behaviour.md): where a GPO defines a right, its winning list becomes the whole list.
 */
export interface PolicyView {
  holders(right: string): readonly PolicyHolder[];
}

export interface PolicyProjection {
  current: PolicyView;
  afterRefresh: PolicyView;
  /** The GPO that owns a right (precedence 1), or null when local policy owns it. */
  owner(right: string): GroupPolicyObjectRef | null;
  /** Whether any Group Policy data was given; without it afterRefresh equals current. */
  hasGroupPolicyData: boolean;
}

export function projectPolicy(
  localPolicy: SecurityTemplate,
  winningAssignments: ReadonlyMap<string, GpoRightAssignment>,
  hasGroupPolicyData: boolean,
): PolicyProjection {
  const local = localPolicy.privilegeRights;
  const current: PolicyView = { holders: (right) => local?.get(right)?.holders ?? [] };
  const afterRefresh: PolicyView = {
    holders: (right) => winningAssignments.get(right)?.holders ?? current.holders(right),
  };
  return {
    current,
    afterRefresh,
    owner: (right) => winningAssignments.get(right)?.gpo ?? null,
    hasGroupPolicyData,
  };
}

/**
 * Layers GPO results: later sources win over earlier ones for each right (a `--with-gpo`
 * baseline is projected as winning over what the snapshot's gpresult says).
 */
export function layerWinningAssignments(
  layers: readonly ReadonlyMap<string, GpoRightAssignment>[],
): Map<string, GpoRightAssignment> {
  const result = new Map<string, GpoRightAssignment>();
  for (const layer of layers) for (const [right, assignment] of layer) result.set(right, assignment);
  return result;
}
