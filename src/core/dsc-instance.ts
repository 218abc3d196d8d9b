import { InputError, type InputLocation } from './errors';
import type { Evaluation } from './evaluate-identities';
import type { AnonymousScope, Snapshot } from './model';
import type { RuleSetName } from './rules';
import { normalizeAccountName } from './sids';

/** The DSC resource instance (schemas/dsc-instance.schema.json), as DSC and the class resource see it. */
export interface DscDesiredState {
  scope: string;
  ruleSet: RuleSetName;
  allowTemporaryFix: boolean;
}

export interface DscInstance extends DscDesiredState {
  inDesiredState: boolean;
  reasons: { code: string; phrase: string }[];
  findings: {
    site: string | null;
    path: string;
    account: string;
    sid: string | null;
    right: string | null;
    status: string;
  }[];
  _inDesiredState?: boolean;
}

export const ALL_SITES = '*';

export function desiredStateFrom(value: {
  scope: string;
  ruleSet?: RuleSetName;
  allowTemporaryFix?: boolean;
}): DscDesiredState {
  return {
    scope: value.scope,
    ruleSet: value.ruleSet ?? 'documented',
    allowTemporaryFix: value.allowTemporaryFix ?? false,
  };
}

/**
 * Narrows a snapshot to one site (or keeps all for `*`). A site the configuration does not
 * define is an input error: judging nothing would report a vacuous desired state. `label` and
 * `where` name what the user wrote: `--site` on the command line, `/desired/scope` in a DSC request.
 */
export function restrictToSite(snapshot: Snapshot, scope: string, label: string, where: InputLocation): Snapshot {
  if (scope === ALL_SITES) return snapshot;
  const wanted = normalizeAccountName(scope);
  const scopes: AnonymousScope[] = snapshot.iis.scopes.filter((entry) => normalizeAccountName(entry.site) === wanted);
  if (scopes.length === 0) {
    const sites = [...new Set(snapshot.iis.scopes.map((entry) => entry.site))];
    throw new InputError(
      label,
      where,
      `a site defined in ${snapshot.iis.file} (${sites.length > 0 ? sites.map((site) => `"${site}"`).join(', ') : 'it defines none'}) or *`,
      JSON.stringify(scope),
    );
  }
  return { ...snapshot, iis: { ...snapshot.iis, scopes } };
}

export function dscInstanceFrom(desired: DscDesiredState, evaluation: Evaluation): DscInstance {
  return {
    ...desired,
    inDesiredState: evaluation.inDesiredState,
    reasons: evaluation.reasons.map((reason) => ({ code: reason.code, phrase: reason.phrase })),
    findings: evaluation.findings.map((finding) => ({
      site: finding.site,
      path: finding.path,
      account: finding.identity.name,
      sid: finding.identity.sid,
      right: finding.right,
      status: finding.status,
    })),
  };
}
