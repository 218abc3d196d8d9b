import { renderLongTable, tableCell, tableCellLines } from './cli-table';
import { describeRight } from '../core/rights';
import type { PlanDocument } from '../core/plan';
import type { TableStyle } from './table';
import { escapeText } from './text-escape';

/** The plan for people: what Set would change, what it refuses and why, and the GPO edits. */
export function renderPlan(plan: PlanDocument, style: TableStyle): string {
  const out: string[] = [];
  out.push(`${escapeText(plan.snapshot)} (${plan.ruleSet} rules): ${plan.actions.length} action(s), ${plan.refused.length} refused, ${plan.gpoEdits.length} GPO edit(s).`);
  if (plan.actions.length > 0) {
    const rows = plan.actions.map((action) => [action.action, describeRight(action.right), tableCell(action.account), action.sid, action.temporary ? 'yes (GPO-owned)' : 'no', tableCellLines(action.fixes.map((fix) => `${fix.site ?? ''}${fix.path} (${fix.status})`))]);
    out.push(renderLongTable({ head: ['Action', 'Right', 'Account', 'SID', 'Temporary', 'Fixes'], style: { head: style.color ? ['bold'] : [], border: [] } }, rows));
  } else {
    out.push('No local change is needed or allowed.');
  }
  for (const refused of plan.refused) out.push(`refused: ${escapeText(refused.reason)}.\n  fix: ${escapeText(refused.fix)}`);
  for (const edit of plan.gpoEdits) out.push(`GPO edit: ${escapeText(`in "${edit.gpo.name}" ${edit.gpo.id}, ${[...edit.add.map((sid) => `add *${sid}`), ...edit.remove.map((sid) => `remove *${sid}`)].join(', ')} in ${describeRight(edit.right)}:`)}\n  ${escapeText(edit.line ?? `(${edit.lineWithheld ?? 'no line'})`)}`);
  out.push(plan.verify);
  return `${out.join('\n')}\n`;
}
