import type { Evaluation, Finding } from '../core/evaluate-identities';
import { plainFinding } from '../core/judged-finding';
import { holderSids } from '../core/plan';
import type { PolicyProjection } from '../core/policy';
import { FINDING_STATUSES } from '../core/status';
import { causeTitle, describeDiagnostic, groupByCause, notCheckedNames, scopeOf, summaryLine } from './explain';
import { buildResultDocument, type ResultDocument } from './result-document';
import type { FixStep, Story } from './story';
import { escapeText, escapeTextFields } from './text-escape';

/**
 * explain for tickets and machines: Markdown to paste into a ticket or a pull request, and the
 * result document with each finding's explanation as fields.
 */

/** The explanation a finding not in the desired state carries in `explain --format json`. */
export interface FindingExplanation extends Story {
  /** Findings with the same cause share one id (1-based) and one story. */
  causeId: number;
}

export type ExplainedFinding = Finding & { explanation?: FindingExplanation };

export interface ExplainDocument extends Omit<ResultDocument, 'findings'> {
  findings: ExplainedFinding[];
}

export function buildExplainDocument(
  snapshotName: string,
  evaluation: Evaluation,
  policy: PolicyProjection,
  withGpo: readonly string[],
): ExplainDocument {
  const explanations = new Map<Finding, FindingExplanation>();
  for (const cause of groupByCause(evaluation, policy, holderSids(evaluation.findings))) {
    const explanation = { causeId: cause.id, ...cause.story };
    for (const finding of cause.findings) explanations.set(finding, explanation);
  }
  const document = buildResultDocument(snapshotName, evaluation, withGpo);
  return {
    ...document,
    findings: document.findings.map((finding) =>
      explanations.has(finding) ? { ...plainFinding(finding), explanation: explanations.get(finding)! } : finding,
    ),
  };
}

/**
 * Characters that Markdown would read as markup, escaped with a backslash (CommonMark lets any
 * ASCII punctuation be escaped), so names such as `DOMAIN\svc_web` or `<script>` show as written.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]{}<>#|~!&]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (character) => `\\${character}`).replace(/\n/g, ' ');
}

/** A fenced code block that no line of the content can close. */
function codeBlock(language: string, content: string): string[] {
  let fence = '```';
  while (content.includes(fence)) fence += '`';
  return [`${fence}${language}`, content, fence];
}

export function renderExplanationMarkdown(
  rawSnapshotName: string,
  rawEvaluation: Evaluation,
  policy: PolicyProjection,
): string {
  // Control and bidi characters from the inputs are shown escaped here too, then Markdown's own.
  const evaluation = escapeTextFields(rawEvaluation);
  const snapshotName = escapeText(rawSnapshotName);
  const causes = groupByCause(evaluation, policy, holderSids(rawEvaluation.findings));
  const out: string[] = [
    `# iis-logon-rights explain: ${escapeMarkdown(snapshotName)}`,
    '',
    escapeMarkdown(summaryLine(snapshotName, evaluation, causes)),
  ];
  if (evaluation.findings.length === 0)
    out.push('', 'No site, application or path uses anonymous authentication, so there is nothing to check.');
  for (const cause of causes) {
    const { story } = cause;
    const status = cause.findings[0]!.status;
    out.push(
      '',
      `## ${cause.id}. \`${status}\`: ${escapeMarkdown(causeTitle(cause))}`,
      '',
      `*${escapeMarkdown(FINDING_STATUSES[status].summary)}*`,
      '',
    );
    out.push(`**Affects** (${cause.findings.length}):`, '');
    for (const finding of cause.findings) out.push(`- ${escapeMarkdown(scopeOf(finding))}`);
    if (story.symptom) out.push('', `**What the user sees:** ${escapeMarkdown(story.symptom)}`);
    out.push('', `**Cause:** ${story.cause.map(escapeMarkdown).join(' ')}`);
    if (story.when) out.push('', `**When:** ${escapeMarkdown(story.when)}`);
    if (story.whyRestartHelps) out.push('', escapeMarkdown(story.whyRestartHelps).replace(/^(Why [^:]+:)/, '**$1**'));
    for (const step of story.durableFix) pushFix(out, step);
    if (story.temporaryFix) out.push('', `**Temporary fix:** ${escapeMarkdown(story.temporaryFix)}`);
    for (const note of story.notes) out.push('', escapeMarkdown(note));
  }
  const notChecked = notCheckedNames(evaluation);
  if (notChecked.count > 0)
    out.push(
      '',
      `Not checked under the ${evaluation.ruleSet} rules (${notChecked.count}): ${escapeMarkdown(notChecked.names.join(', '))}. The evidence that they need a logon right is unconfirmed; \`--rules conservative\` checks them.`,
    );
  if (evaluation.diagnostics.length > 0) {
    out.push('', '## Notes', '');
    for (const diagnostic of evaluation.diagnostics) out.push(`- ${escapeMarkdown(describeDiagnostic(diagnostic))}`);
  }
  return `${out.join('\n')}\n`;
}

function pushFix(out: string[], step: FixStep): void {
  const text = escapeMarkdown(step.text).replace(/^((?:Durable fix|Fix):)/, '**$1**');
  out.push('', text);
  if (step.gptTmplLine) out.push('', ...codeBlock('ini', escapeText(step.gptTmplLine)));
}
