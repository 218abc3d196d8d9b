/**
 * Writes docs/rules.md from the rule table (src/core/rules.ts), the one source of truth. The
 * tables test fails when the committed file differs, so the docs cannot drift from the code.
 * Run: npx tsx scripts/generate-docs.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRight } from '../src/core/rights';
import { IDENTITY_ROLES } from '../src/core/roles';
import { RULE_TABLE } from '../src/core/rules';
import { FINDING_STATUSES, reasonCode } from '../src/core/status';

export function renderRulesDocument(): string {
  const lines = [
    '# Rule table',
    '',
    '<!-- Generated from src/core/rules.ts and src/core/status.ts by scripts/generate-docs.ts. Do not edit. -->',
    '',
    'Which logon right each identity IIS logs on with needs: the anonymous user, the worker process',
    'identity of the pool that serves the path, and the connect-as account of a virtual directory.',
    'Rows whose evidence is `unconfirmed` are enforced only under `--rules conservative`; every',
    'finding names the row it applied. A row IIS heals itself (it grants the right to the',
    'identity\'s own SID before the logon) says so under "self-granted"; only the rule sets that',
    'trust that evidence credit it (`documented` trusts confirmed, observed and inferred facts;',
    '`conservative` only confirmed and inferred ones).',
    '',
    '| rule | identity source | logon type | required right | deny right | evidence | enforced in | citation | self-granted |',
    '|---|---|---|---|---|---|---|---|---|',
    ...RULE_TABLE.map((row) => `| \`${row.id}\` | ${row.source} | ${row.logonType} | ${row.allowRight ? describeRight(row.allowRight) : 'none'} | ${row.denyRight ? describeRight(row.denyRight) : 'none'} | ${row.evidence} | ${row.enforcedIn.length > 0 ? row.enforcedIn.join(', ') : 'never (no right needed)'} | ${row.citation} | ${row.selfGranted ? `${row.selfGranted.evidence}: ${row.selfGranted.citation}` : 'no'} |`),
    '',
    '## Roles and symptoms',
    '',
    'Every finding names the role its identity plays and what a client sees when that identity cannot log on.',
    '',
    '| role | HTTP status | what fails | evidence | IIS 6 |',
    '|---|---|---|---|---|',
    ...Object.entries(IDENTITY_ROLES).map(([role, entry]) => `| \`${role}\` | ${entry.symptom.httpStatus} | ${entry.symptom.description} | ${entry.symptom.evidence} | ${entry.iis6Symptom ? `${entry.iis6Symptom.httpStatus}: ${entry.iis6Symptom.description} (${entry.iis6Symptom.evidence})` : 'the same'} |`),
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
