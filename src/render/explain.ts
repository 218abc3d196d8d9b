import { describeScope, type Evaluation, type Finding } from '../core/evaluate-identities';
import type { PolicyProjection } from '../core/policy';
import { describeRight } from '../core/rights';
import { FINDING_STATUSES } from '../core/status';
import { holderSids } from '../core/plan';
import { paintStatus, type TableStyle } from './paint';
import { tellStory, type SidOfName, type Story } from './story';
import { wrapParagraph } from './text-layout';
import { escapeText, escapeTextFields } from './text-escape';
import { appendAll, DEFAULT_WIDTH } from './table-layout';

/**
 * explain for people: one story per cause (the same identity, right, status and owning GPOs),
 * with every site and path it affects, wrapped to the terminal (100 columns in a file or a pipe).
 */

/** Findings not in the desired state that share one story. */
export interface Cause {
  /** 1-based, in the order of the first finding. */
  id: number;
  findings: Finding[];
  story: Story;
}

/** Width of explain's text when the output is not a terminal. */
export const EXPLAIN_FILE_WIDTH = 100;

/** How many sites and paths a cause lists in text before counting the rest. */
export const MAX_LISTED_SCOPES = 50;

/** `sidOfName`: holderSids of the findings as judged, before any escaping. */
export function groupByCause(evaluation: Evaluation, policy: PolicyProjection | null, sidOfName: SidOfName): Cause[] {
  const causes = new Map<string, Cause>();
  for (const finding of evaluation.findings) {
    if (FINDING_STATUSES[finding.status].inDesiredState) continue;
    const key = causeKey(finding);
    const cause = causes.get(key);
    if (cause) cause.findings.push(finding);
    else causes.set(key, { id: causes.size + 1, findings: [finding], story: tellStory(finding, policy, sidOfName) });
  }
  return [...causes.values()];
}

/** Everything the story depends on besides the site and path. */
function causeKey(finding: Finding): string {
  // A worker process's story names its pool, so each pool is its own cause.
  const pool = finding.role === 'worker-process' ? finding.applicationPool : null;
  return JSON.stringify([
    finding.identity.sid ?? finding.identity.name.toLowerCase(),
    finding.identity.kind,
    finding.role,
    pool,
    finding.logonType,
    finding.right,
    finding.status,
    finding.allowRightOwner?.id ?? null,
    finding.denyRightOwner?.id ?? null,
  ]);
}

export function causeTitle(cause: Cause): string {
  const finding = cause.findings[0]!;
  const right = finding.right ? ` and ${describeRight(finding.right)}` : '';
  return `${finding.identity.name}${right}`;
}

export function scopeOf(finding: Finding): string {
  return describeScope({ site: finding.site ?? '(server)', path: finding.path });
}

/** The plain-text story, wrapped to `style.width` (EXPLAIN_FILE_WIDTH when not on a terminal). */
export function renderExplanation(
  rawSnapshotName: string,
  rawEvaluation: Evaluation,
  policy: PolicyProjection,
  style: TableStyle,
): string {
  // Every name, path and message in the story is data from the inputs: shown escaped, never obeyed.
  const evaluation = escapeTextFields(rawEvaluation);
  const snapshotName = escapeText(rawSnapshotName);
  const width = style.width ?? DEFAULT_WIDTH;
  const causes = groupByCause(evaluation, policy, holderSids(rawEvaluation.findings));
  const lines: string[] = [];
  const say = (text: string, indent = '', hanging = indent) =>
    appendAll(lines, wrapParagraph(text, width, indent, hanging));
  say(summaryLine(snapshotName, evaluation, causes));
  if (evaluation.findings.length === 0)
    say('No site, application or path uses anonymous authentication, so there is nothing to check.');
  const body = '   ';
  for (const cause of causes) {
    const { story } = cause;
    lines.push('');
    say(`${cause.id}. ${paintStatus(cause.findings[0]!.status, style)}: ${causeTitle(cause)}`, '', body);
    say(
      `Affects ${cause.findings.length === 1 ? scopeOf(cause.findings[0]!) : `${cause.findings.length} sites and paths:`}`,
      body,
      `${body}  `,
    );
    if (cause.findings.length > 1) {
      for (const finding of cause.findings.slice(0, MAX_LISTED_SCOPES))
        say(`- ${scopeOf(finding)}`, `${body}  `, `${body}    `);
      if (cause.findings.length > MAX_LISTED_SCOPES)
        say(`... and ${cause.findings.length - MAX_LISTED_SCOPES} more (--format json lists them all)`, `${body}  `);
    }
    if (story.symptom) say(`What the user sees: ${story.symptom}`, body);
    for (const paragraph of story.cause) say(paragraph, body);
    if (story.when) say(`When: ${story.when}`, body);
    if (story.whyRestartHelps) say(story.whyRestartHelps, body);
    for (const step of story.durableFix) {
      say(step.text, body);
      // The exact line is pasted into GptTmpl.inf: never wrapped.
      if (step.gptTmplLine) lines.push(`${body}  ${escapeText(step.gptTmplLine)}`);
    }
    if (story.temporaryFix) say(`Temporary fix: ${story.temporaryFix}`, body);
    for (const note of story.notes) say(note, body);
  }
  const notChecked = notCheckedNames(evaluation);
  if (notChecked.count > 0) {
    lines.push('');
    say(
      `Not checked under the ${evaluation.ruleSet} rules (${notChecked.count}): ${notChecked.names.join(', ')}. The evidence that they need a logon right is unconfirmed; --rules conservative checks them.`,
    );
  }
  for (const diagnostic of evaluation.diagnostics) say(`note: ${describeDiagnostic(diagnostic)}`, '', '  ');
  return `${lines.join('\n')}\n`;
}

export function summaryLine(snapshotName: string, evaluation: Evaluation, causes: readonly Cause[]): string {
  const problems = causes.reduce((sum, cause) => sum + cause.findings.length, 0);
  const fromCauses = problems > 0 ? `, from ${causes.length} cause(s)` : '';
  return `${snapshotName}: ${evaluation.findings.length} finding(s) under the ${evaluation.ruleSet} rules; ${evaluation.findings.length - problems} in the desired state, ${problems} not${fromCauses}.`;
}

export function notCheckedNames(evaluation: Evaluation): { count: number; names: string[] } {
  const notChecked = evaluation.findings.filter(
    (finding) => finding.status === 'not-required' && finding.rule && !finding.rule.enforced,
  );
  return { count: notChecked.length, names: [...new Set(notChecked.map((finding) => finding.identity.name))] };
}

export function describeDiagnostic(diagnostic: Evaluation['diagnostics'][number]): string {
  return `${diagnostic.message}${diagnostic.file ? ` (${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''})` : ''}`;
}
