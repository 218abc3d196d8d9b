import { tableCell, tableCellLines } from './table-cell';
import { describeRight } from '../core/rights';
import type { PlanDocument } from '../core/plan';
import type { TableStyle } from './findings-table';
import { escapeText } from './text-escape';
import { wrapParagraph } from './text-layout';
import { appendAll, DEFAULT_WIDTH, renderTableOrRecords } from './table-layout';

/** The plan for people: what Set would change, what it refuses and why, and the GPO edits. */
export function renderPlan(plan: PlanDocument, style: TableStyle): string {
  const width = style.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  const say = (text: string, indent = '', hanging = indent) =>
    appendAll(out, wrapParagraph(text, width, indent, hanging));
  say(
    `${escapeText(plan.snapshot)} (${plan.ruleSet} rules): ${plan.actions.length} action(s), ${plan.refused.length} refused, ${plan.gpoEdits.length} GPO edit(s).`,
  );
  if (plan.actions.length > 0) {
    const rows = plan.actions.map((action) => [
      action.action,
      describeRight(action.right),
      tableCell(action.account),
      action.sid,
      action.temporary ? 'yes (GPO-owned)' : 'no',
      tableCellLines(action.fixes.map((fix) => `${fix.site ?? ''}${fix.path} (${fix.status})`)),
    ]);
    const columns = ['Action', 'Right', 'Account', 'SID', 'Temporary', 'Fixes'].map((header) => ({
      header,
      minWidth: 8,
    }));
    appendAll(out, renderTableOrRecords(columns, rows, style));
  } else if (plan.refused.length === 0) {
    out.push('No local change is needed.');
  } else {
    out.push('No local change is allowed.');
  }
  if (plan.refused.length > 0)
    say(
      `${plan.refused.length} finding(s) refused: Set will not fix them; they need an administrator (the reason and the fix follow for each).`,
    );
  for (const refused of plan.refused) {
    say(`refused: ${escapeText(refused.reason)}.`, '', '  ');
    say(`fix: ${escapeText(refused.fix)}`, '  ', '    ');
  }
  for (const edit of plan.gpoEdits) {
    say(
      `GPO edit: ${escapeText(`in "${edit.gpo.name}" ${edit.gpo.id}, ${[...edit.add.map((sid) => `add *${sid}`), ...edit.remove.map((sid) => `remove *${sid}`)].join(', ')} in ${describeRight(edit.right)}:`)}`,
      '',
      '  ',
    );
    // The line is pasted into GptTmpl.inf as it is: never wrapped.
    out.push(`  ${escapeText(edit.line ?? `(${edit.lineWithheld ?? 'no line'})`)}`);
    for (const conflict of edit.baselineConflicts ?? []) {
      say(
        `conflicts with a baseline: removing *${conflict.sid} (${escapeText(conflict.name)}) goes against ${escapeText(conflict.requiredBy)}. Make the identity-side fix in the refusal above first; make this edit only as a documented exception.`,
        '  ',
        '    ',
      );
    }
  }
  // The check after Set concerns applied actions; with none there is nothing to verify.
  if (plan.actions.length > 0) say(plan.verify);
  return `${out.join('\n')}\n`;
}
