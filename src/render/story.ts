import { describeAccount, type Finding, type SidMatch } from '../core/evaluate-identities';
import { baselineDenyEntry } from '../core/baselines';
import { describeGpo } from '../core/group-policy';
import { describeGptTmplLine, gptTmplLine, type GptTmplLine } from '../core/gpttmpl-line';
import { identitySideFix } from '../core/plan';
import type { GroupPolicyObjectRef } from '../core/model';
import type { PolicyProjection } from '../core/policy';
import { describeRight } from '../core/rights';
import { describeLogonType } from '../core/token';
import { describeSymptom, ownedByBaseline } from './symptom-text';
import { escapeText } from './text-escape';
import { capitalize } from '../core/sentence';

/**
 * The story of one finding that is not in the desired state, as fields: what the user sees, the
 * cause, when Group Policy acts, why a restart seems to help, and the fixes. explain prints it as
 * text or Markdown, `explain --format json` carries it as it is, JUnit puts it in the failure.
 * The role and the HTTP status are the finding's own (`role`, `symptom`), not repeated here.
 */
export interface Story {
  /** What the user sees, as a sentence with when it starts; null when the identity is unknown. */
  symptom: string | null;
  /** Who, which right and why it is needed, what grants or denies it now and after the refresh, who owns it. */
  cause: string[];
  when: string | null;
  whyRestartHelps: string | null;
  durableFix: FixStep[];
  temporaryFix: string | null;
  notes: string[];
}

/** A fix in words, with the exact GptTmpl.inf line when the fix is a GPO edit. */
export interface FixStep {
  text: string;
  gptTmplLine?: string;
}

/** Resolves the policy's name entries: holderSids of the findings as judged, before any escaping. */
export type SidOfName = (name: string) => string | undefined;

const REFRESH_TIMING =
  'Group Policy refreshes computer settings every 90 minutes plus a random offset of up to 30 minutes, and the security extension re-applies user rights every 16 hours even when no GPO changed (KB 277543); a restart or gpupdate /force applies them at once.';

const UNRESOLVED_FIX =
  'Make sure the account exists on the host and collect the snapshot again (Export-IisLogonRightsSnapshot resolves every account name the configuration mentions).';

const TEMPORARY_FIX =
  'Until the GPO is changed, `iis-logon-rights plan --allow-temporary-fix` lists the local change that works until the next refresh (Set-IisAnonymousLogonRight -AllowTemporaryFix applies it); it is undone at every refresh, so it only buys time.';

export function tellStory(finding: Finding, policy: PolicyProjection | null, sidOfName: SidOfName): Story {
  const story: Story = {
    symptom: describeSymptom(finding),
    cause: [],
    when: null,
    whyRestartHelps: null,
    durableFix: [],
    temporaryFix: null,
    notes: [],
  };
  if (finding.status === 'unresolved' || !finding.right || !finding.matches) {
    story.cause.push(finding.message);
    story.durableFix.push({ text: UNRESOLVED_FIX });
    return story;
  }
  const who = describeAccount(finding.identity.name, finding.identity.sid);
  const right = describeRight(finding.right);
  const denyRight = finding.denyRight ? describeRight(finding.denyRight) : 'its deny right';
  story.cause.push(
    `${roleSentence(finding, who)} (${finding.identity.kind}, set at ${finding.identity.definedAt}), which logs on as ${describeLogonType(finding.logonType!)} and so needs ${right}.`,
  );
  const projected = ownedByBaseline(finding);
  story.cause.push(describeCurrent(finding, right, denyRight, projected));
  const replaces = (owner: GroupPolicyObjectRef) =>
    owner.baseline !== undefined
      ? 'if it is linked, its list replaces the local one at the next refresh after that'
      : 'at the next refresh its list replaces the local one';
  if (finding.allowRightOwner)
    story.cause.push(
      capitalize(
        `${describeGpo(finding.allowRightOwner)} owns ${right}: ${replaces(finding.allowRightOwner)} (user rights settings replace, they do not merge).`,
      ),
    );
  if (finding.denyRightOwner) story.cause.push(capitalize(`${describeGpo(finding.denyRightOwner)} owns ${denyRight}.`));
  const ownedByGpo = finding.status === 'revoked-at-refresh' || finding.status === 'gpo-blocked';
  if (ownedByGpo && projected) {
    story.when = `Only if the baseline is linked. Then: ${REFRESH_TIMING}`;
  } else if (ownedByGpo) {
    story.when = REFRESH_TIMING;
    story.whyRestartHelps = restartStory(finding);
    story.temporaryFix = TEMPORARY_FIX;
  }
  if (policy) {
    const matches = finding.matches;
    story.durableFix = durableFix(
      finding,
      policy,
      sidOfName,
      matches.afterRefresh.deniedBy.length > 0 ? matches.afterRefresh.deniedBy : matches.current.deniedBy,
    );
  }
  // What the verdict rests on that the snapshot did not establish (a web.config not collected, an unconfirmed SID).
  for (const note of finding.notes) story.notes.push(`Note: ${note}`);
  if (finding.unresolvedHolders.length > 0) {
    story.notes.push(
      `Policy entries that could not be resolved to a SID (they may or may not include this account): ${finding.unresolvedHolders.map((entry) => `"${entry.name}" in ${entry.right}`).join(', ')}.`,
    );
  }
  return story;
}

/** The story as plain paragraphs, each field labelled (JUnit failure bodies). */
export function storyParagraphs(story: Story): string[] {
  const paragraphs: string[] = [];
  if (story.symptom) paragraphs.push(`What the user sees: ${story.symptom}`);
  paragraphs.push(...story.cause);
  if (story.when) paragraphs.push(`When: ${story.when}`);
  if (story.whyRestartHelps) paragraphs.push(story.whyRestartHelps);
  for (const step of story.durableFix)
    paragraphs.push(step.gptTmplLine ? `${step.text}\n  ${step.gptTmplLine}` : step.text);
  if (story.temporaryFix) paragraphs.push(`Temporary fix: ${story.temporaryFix}`);
  paragraphs.push(...story.notes);
  return paragraphs;
}

/** One finding's story as paragraphs. */
export function explainFinding(finding: Finding, policy: PolicyProjection, sidOfName: SidOfName): string[] {
  return storyParagraphs(tellStory(finding, policy, sidOfName));
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

function describeCurrent(finding: Finding, right: string, denyRight: string, projected: boolean): string {
  const current = finding.matches!.current;
  const after = finding.matches!.afterRefresh;
  const granted =
    current.grantedBy.length > 0
      ? `holds ${right} now through ${describeMatches(current.grantedBy)}`
      : `does not hold ${right} now (no SID in its token is listed)`;
  const denied =
    current.deniedBy.length > 0 ? `, but ${denyRight} catches it through ${describeMatches(current.deniedBy)}` : '';
  let text = `It ${granted}${denied}.`;
  if (finding.afterRefresh) {
    const afterGranted =
      after.grantedBy.length > 0
        ? `it will be granted through ${describeMatches(after.grantedBy)}`
        : 'no SID in its token will hold it';
    const afterDenied =
      after.deniedBy.length > 0 ? ` and it will be denied through ${describeMatches(after.deniedBy)}` : '';
    text += ` ${projected ? 'If the baseline is linked, after the next refresh' : 'After the next Group Policy refresh'} ${afterGranted}${afterDenied}.`;
  }
  return text;
}

function describeMatches(matches: readonly SidMatch[]): string {
  return matches.map((match) => `${describeAccount(match.name, match.sid)} [${match.origin}]`).join('; ');
}

function restartStory(finding: Finding): string | null {
  switch (finding.identity.kind) {
    case 'iis6-anonymous-account':
      return "Why IISRESET seems to fix it: IIS 5 and 6 check the IUSR_/IWAM_ accounts' rights when they start and write missing ones back into local policy (KB Q275167), so the site works again until the next refresh removes them.";
    case 'app-pool-identity':
      return 'Why a restart seems to fix it: IIS 7+ WAS re-adds each application pool identity to "Log on as a service" when it starts a worker process, until the next refresh removes it again.';
    default:
      return null;
  }
}

/** The fix sentence and the GptTmpl.inf line it ends with, or why no line is given. */
function withLine(text: string, intro: string, line: GptTmplLine): FixStep {
  if (line.ok) return { text: `${text} ${intro}`, gptTmplLine: line.line };
  // The entry that stops the line is the GPO's, straight from the inputs: shown escaped.
  const why = escapeText(describeGptTmplLine(line));
  return { text: `${text} ${capitalize(why)}.` };
}

/** The change that survives Group Policy: the GPO's exact line, or the local grant. */
function durableFix(
  finding: Finding,
  policy: PolicyProjection,
  sidOfName: SidOfName,
  deniedBy: readonly SidMatch[],
): FixStep[] {
  const fixes: FixStep[] = [];
  const sid = finding.identity.sid!;
  const right = finding.right!;
  const after = finding.matches!.afterRefresh;
  if (after.grantedBy.length === 0 || !finding.matches!.current.grantedBy.length) {
    if (finding.allowRightOwner && after.grantedBy.length === 0) {
      const local =
        finding.identity.accountKind === 'local'
          ? ` (${finding.identity.name} is a local account: its SID means something only on this server. A GPO linked to many servers may instead list a domain group that the account's token carries.)`
          : '';
      const text = `Durable fix: in ${describeGpo(finding.allowRightOwner)}, add ${finding.identity.name} to "${describeRight(right)}" (Computer Configuration > Policies > Windows Settings > Security Settings > Local Policies > User Rights Assignment).${local}`;
      fixes.push(
        withLine(
          text,
          'In its GptTmpl.inf the line becomes:',
          gptTmplLine(right, policy.afterRefresh.holders(right), [sid], [], sidOfName),
        ),
      );
    } else if (!finding.allowRightOwner && finding.matches!.current.grantedBy.length === 0) {
      fixes.push({
        text: `Fix: grant ${describeRight(right)} to ${finding.identity.name} (*${sid}) in local policy; no GPO owns the right, so the grant lasts. Set-IisAnonymousLogonRight does exactly this and nothing else.`,
      });
    }
  }
  if (deniedBy.length > 0 && finding.denyRight) {
    const owner = finding.denyRightOwner;
    const denyRight = describeRight(finding.denyRight);
    if (deniedBy.some((match) => match.sid === sid)) {
      fixes.push(
        owner
          ? withLine(
              `Durable fix: in ${describeGpo(owner)}, remove ${finding.identity.name} from "${denyRight}".`,
              'The line becomes:',
              gptTmplLine(finding.denyRight, policy.afterRefresh.holders(finding.denyRight), [], [sid], sidOfName),
            )
          : {
              text: `Fix: remove ${finding.identity.name} (*${sid}) from ${denyRight} in local policy (Set-IisAnonymousLogonRight does this for the identity's own SID only).`,
            },
      );
    }
    for (const match of deniedBy.filter((entry) => entry.sid !== sid)) {
      const where = owner ? ` in ${describeGpo(owner)}` : ' in local policy';
      const baseline = baselineDenyEntry(finding.denyRight, match.sid);
      if (baseline) {
        // A baseline requires this deny entry: the identity-side fix comes first.
        fixes.push({
          text: `${identitySideFix(finding, match)} Removing *${match.sid} from "${denyRight}"${where} would also end the deny, but it conflicts with ${baseline.requiredBy}; do it only as a documented exception (it affects every account that carries the SID).`,
        });
      } else if (!match.origin.includes('group membership collected')) {
        fixes.push({
          text: `The deny comes through ${describeAccount(match.name, match.sid)}, which Windows adds to the token itself (${match.origin}); membership cannot be changed. Either remove *${match.sid} from "${denyRight}"${where} (this affects every account that carries it, so check with your baseline's owner), or run anonymous requests as an identity that does not carry it (a domain account, or the application pool identity with userName="").`,
        });
      } else {
        fixes.push({
          text: `The deny comes through group ${describeAccount(match.name, match.sid)}: remove ${finding.identity.name} from that group, or remove *${match.sid} from "${denyRight}"${owner ? ` in ${describeGpo(owner)}` : ''}. Set never changes group membership or other holders.`,
        });
      }
    }
  }
  if (fixes.length === 0 && finding.status === 'missing')
    fixes.push({ text: 'The owning GPO already grants the right; run gpupdate /force or wait for the next refresh.' });
  return fixes;
}
