import { describeAccount, describeScope, type Evaluation, type Finding, type SidMatch } from '../core/evaluate';
import { baselineDenyEntry } from '../core/baselines';
import { describeGpo } from '../core/group-policy';
import { describeGptTmplLine, gptTmplLine } from '../core/gpttmpl-line';
import { holderSids, identitySideFix } from '../core/plan';
import type { PolicyProjection } from '../core/policy';
import { describeRight } from '../core/rights';
import { FINDING_STATUSES } from '../core/status';
import { describeLogonType } from '../core/token';
import { paintStatus, type TableStyle } from './paint';
import { escapeText, escapeTextFields } from './text-escape';

/**
 * Tells the story of each finding that is not in the desired state, in plain words: who, where,
 * which right, through which SID, who owns the right, when Group Policy will act, why a restart
 * of IIS seems to help, and the durable fix.
 */
export function renderExplanation(snapshotName: string, rawEvaluation: Evaluation, policy: PolicyProjection, style: TableStyle): string {
  // Every name, path and message in the story is data from the inputs: shown escaped, never obeyed.
  const evaluation = escapeTextFields(rawEvaluation);
  const sidOfName = holderSids(rawEvaluation.findings);
  snapshotName = escapeText(snapshotName);
  const problems = evaluation.findings.filter((finding) => !FINDING_STATUSES[finding.status].inDesiredState);
  const lines: string[] = [];
  const okCount = evaluation.findings.length - problems.length;
  lines.push(`${snapshotName}: ${evaluation.findings.length} finding(s) under the ${evaluation.ruleSet} rules; ${okCount} in the desired state, ${problems.length} not.`);
  if (evaluation.findings.length === 0) lines.push('No site, application or path uses anonymous authentication, so there is nothing to check.');
  for (const [index, finding] of problems.entries()) {
    lines.push('', `${index + 1}. ${describeScope({ site: finding.site ?? '(server)', path: finding.path })}: ${paintStatus(finding.status, style)}`);
    for (const paragraph of explainFinding(finding, policy, sidOfName)) lines.push(indent(paragraph));
  }
  const notChecked = evaluation.findings.filter((finding) => finding.status === 'not-required' && finding.rule && !finding.rule.enforced);
  if (notChecked.length > 0) {
    lines.push('', `Not checked under the ${evaluation.ruleSet} rules (${notChecked.length}): ${[...new Set(notChecked.map((finding) => finding.identity.name))].join(', ')}. The evidence that they need a logon right is unconfirmed; --rules conservative checks them.`);
  }
  for (const diagnostic of evaluation.diagnostics) lines.push(`note: ${diagnostic.message}${diagnostic.file ? ` (${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}

/** `sidOfName` resolves the policy's name entries (holderSids of the findings as judged, before any escaping). */
export function explainFinding(finding: Finding, policy: PolicyProjection, sidOfName: (name: string) => string | undefined): string[] {
  const who = describeAccount(finding.identity.name, finding.identity.sid);
  const paragraphs: string[] = [];
  if (finding.status === 'unresolved' || !finding.right) {
    paragraphs.push(finding.message);
    paragraphs.push('Fix: make sure the account exists on the host and collect the snapshot again (Export-IisLogonRightsSnapshot resolves every account name the configuration mentions).');
    return paragraphs;
  }
  const right = describeRight(finding.right);
  const denyRight = finding.denyRight ? describeRight(finding.denyRight) : 'its deny right';
  const matches = finding.matches!;
  paragraphs.push(
    `${roleSentence(finding, who)} (${finding.identity.kind}, set at ${finding.identity.definedAt}), which logs on as ${describeLogonType(finding.logonType!)} and so needs ${right}. If it cannot: HTTP ${finding.symptom.httpStatus}, ${finding.symptom.description}.`,
  );
  paragraphs.push(describeCurrent(finding, right, denyRight));
  if (finding.allowRightOwner) paragraphs.push(`${describeGpo(finding.allowRightOwner)} owns ${right}: at the next refresh its list replaces the local one (user rights settings replace, they do not merge).`);
  if (finding.denyRightOwner) paragraphs.push(`${describeGpo(finding.denyRightOwner)} owns ${denyRight}.`);
  if (finding.status === 'revoked-at-refresh' || finding.status === 'gpo-blocked') {
    paragraphs.push(
      'When: Group Policy refreshes computer settings every 90 minutes plus a random offset of up to 30 minutes, and the security extension re-applies user rights every 16 hours even when no GPO changed (KB 277543); a restart or gpupdate /force applies them at once.',
    );
    const restart = restartStory(finding);
    if (restart) paragraphs.push(restart);
  }
  paragraphs.push(...durableFix(finding, policy, sidOfName, matches.afterRefresh.deniedBy.length > 0 ? matches.afterRefresh.deniedBy : matches.current.deniedBy));
  if (finding.unresolvedHolders.length > 0) {
    paragraphs.push(`Policy entries that could not be resolved to a SID (they may or may not include this account): ${finding.unresolvedHolders.map((entry) => `"${entry.name}" in ${entry.right}`).join(', ')}.`);
  }
  return paragraphs;
}

function roleSentence(finding: Finding, who: string): string {
  switch (finding.role) {
    case 'anonymous-user':
      return `Anonymous requests run as ${who}`;
    case 'worker-process':
      return `The worker processes of application pool "${finding.applicationPool ?? '(unknown)'}" run as ${who}`;
    case 'connect-as':
      return `IIS reaches the content of this virtual directory as the connect-as account ${who}`;
  }
}

function describeCurrent(finding: Finding, right: string, denyRight: string): string {
  const current = finding.matches!.current;
  const after = finding.matches!.afterRefresh;
  const granted = current.grantedBy.length > 0 ? `holds ${right} now through ${describeMatches(current.grantedBy)}` : `does not hold ${right} now (no SID in its token is listed)`;
  const denied = current.deniedBy.length > 0 ? `, but ${denyRight} catches it through ${describeMatches(current.deniedBy)}` : '';
  let text = `It ${granted}${denied}.`;
  if (finding.afterRefresh) {
    const afterGranted = after.grantedBy.length > 0 ? `it will be granted through ${describeMatches(after.grantedBy)}` : 'no SID in its token will hold it';
    const afterDenied = after.deniedBy.length > 0 ? ` and it will be denied through ${describeMatches(after.deniedBy)}` : '';
    text += ` After the next Group Policy refresh ${afterGranted}${afterDenied}.`;
  }
  return text;
}

function describeMatches(matches: readonly SidMatch[]): string {
  return matches.map((match) => `${describeAccount(match.name, match.sid)} [${match.origin}]`).join('; ');
}


function restartStory(finding: Finding): string | undefined {
  switch (finding.identity.kind) {
    case 'iis6-anonymous-account':
      return 'Why IISRESET seems to fix it: IIS 5 and 6 check the IUSR_/IWAM_ accounts\' rights when they start and write missing ones back into local policy (KB Q275167), so the site works again until the next refresh removes them.';
    case 'app-pool-identity':
      return 'Why a restart seems to fix it: IIS 7+ WAS re-adds each application pool identity to "Log on as a service" when it starts a worker process, until the next refresh removes it again.';
    default:
      return undefined;
  }
}

/** The change that survives Group Policy: the GPO's exact line, or the local grant. */
function durableFix(finding: Finding, policy: PolicyProjection, sidOfName: (name: string) => string | undefined, deniedBy: readonly SidMatch[]): string[] {
  const fixes: string[] = [];
  const sid = finding.identity.sid!;
  const right = finding.right!;
  const after = finding.matches!.afterRefresh;
  if (after.grantedBy.length === 0 || !finding.matches!.current.grantedBy.length) {
    if (finding.allowRightOwner && after.grantedBy.length === 0) {
      const line = escapeText(describeGptTmplLine(gptTmplLine(right, policy.afterRefresh.holders(right), [sid], [], sidOfName)));
      fixes.push(`Durable fix: in ${describeGpo(finding.allowRightOwner)}, add ${finding.identity.name} to "${describeRight(right)}" (Computer Configuration > Policies > Windows Settings > Security Settings > Local Policies > User Rights Assignment). In the GPO's GptTmpl.inf the line becomes:\n  ${line}${finding.identity.accountKind === 'local' ? `\n  (${finding.identity.name} is a local account: its SID means something only on this server. A GPO linked to many servers may instead list a domain group that the account's token carries.)` : ''}`);
    } else if (!finding.allowRightOwner && finding.matches!.current.grantedBy.length === 0) {
      fixes.push(`Fix: grant ${describeRight(right)} to ${finding.identity.name} (*${sid}) in local policy; no GPO owns the right, so the grant lasts. Set-IisAnonymousLogonRight does exactly this and nothing else.`);
    }
  }
  if (deniedBy.length > 0 && finding.denyRight) {
    const owner = finding.denyRightOwner;
    const own = deniedBy.filter((match) => match.sid === sid);
    const throughGroups = deniedBy.filter((match) => match.sid !== sid);
    if (own.length > 0) {
      fixes.push(
        owner
          ? `Durable fix: in ${describeGpo(owner)}, remove ${finding.identity.name} from "${describeRight(finding.denyRight)}". The line becomes:\n  ${escapeText(describeGptTmplLine(gptTmplLine(finding.denyRight, policy.afterRefresh.holders(finding.denyRight), [], [sid], sidOfName)))}`
          : `Fix: remove ${finding.identity.name} (*${sid}) from ${describeRight(finding.denyRight)} in local policy (Set-IisAnonymousLogonRight does this for the identity's own SID only).`,
      );
    }
    for (const match of throughGroups) {
      const computed = match.origin.includes('group membership collected') ? undefined : match;
      const baseline = baselineDenyEntry(finding.denyRight, match.sid);
      if (baseline) {
        // A baseline requires this deny entry: the identity-side fix comes first.
        fixes.push(
          `${identitySideFix(finding, match)} Removing *${match.sid} from "${describeRight(finding.denyRight)}"${owner ? ` in ${describeGpo(owner)}` : ' in local policy'} would also end the deny, but it conflicts with ${baseline.requiredBy}; do it only as a documented exception (it affects every account that carries the SID).`,
        );
      } else if (computed) {
        fixes.push(
          `The deny comes through ${describeAccount(match.name, match.sid)}, which Windows adds to the token itself (${match.origin}); membership cannot be changed. Either ${owner ? `remove *${match.sid} from "${describeRight(finding.denyRight)}" in ${describeGpo(owner)}` : `remove *${match.sid} from "${describeRight(finding.denyRight)}" in local policy`} (this affects every account that carries it, so check with your baseline's owner), or run anonymous requests as an identity that does not carry it (a domain account, or the application pool identity with userName="").`,
        );
      } else {
        fixes.push(`The deny comes through group ${describeAccount(match.name, match.sid)}: remove ${finding.identity.name} from that group, or remove *${match.sid} from "${describeRight(finding.denyRight)}"${owner ? ` in ${describeGpo(owner)}` : ''}. Set never changes group membership or other holders.`);
      }
    }
  }
  if (fixes.length === 0 && finding.status === 'missing') fixes.push('The owning GPO already grants the right; run gpupdate /force or wait for the next refresh.');
  return fixes;
}
