/**
 * Writes docs/rules.md from the rule table (src/core/rules.ts), the one source of truth. The
 * tables test fails when the committed file differs, so the docs cannot drift from the code.
 * Run: npx tsx scripts/generate-docs.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRight } from '../src/core/rights';
import { RULE_TABLE } from '../src/core/rules';
import { FINDING_STATUSES, reasonCode } from '../src/core/status';

export function renderRulesDocument(): string {
  const lines = [
    '# Rule table',
    '',
    '<!-- Generated from src/core/rules.ts and src/core/status.ts by scripts/generate-docs.ts. Do not edit. -->',
    '',
    'Which logon right each kind of anonymous identity needs. Rows whose evidence is `unconfirmed` are',
    'enforced only under `--rules conservative`; every finding names the row it applied.',
    '',
    '| rule | identity source | logon type | required right | deny right | evidence | enforced in | citation |',
    '|---|---|---|---|---|---|---|---|',
    ...RULE_TABLE.map((row) => `| \`${row.id}\` | ${row.source} | ${row.logonType} | ${row.allowRight ? describeRight(row.allowRight) : 'none'} | ${row.denyRight ? describeRight(row.denyRight) : 'none'} | ${row.evidence} | ${row.enforcedIn.length > 0 ? row.enforcedIn.join(', ') : 'never (no right needed)'} | ${row.citation} |`),
    '',
    '## Statuses and Reasons codes',
    '',
    '| status | Reasons code | in desired state | meaning |',
    '|---|---|---|---|',
    ...Object.entries(FINDING_STATUSES).map(([status, entry]) => `| \`${status}\` | \`${reasonCode(status as keyof typeof FINDING_STATUSES)}\` | ${entry.inDesiredState ? 'yes' : 'no'} | ${entry.summary} |`),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesDocument());
}
