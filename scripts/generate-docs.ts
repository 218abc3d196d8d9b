/**
 * Writes docs/rules.md from the rule table (src/core/rules.ts), the one source of truth. The
 * tables test fails when the committed file differs, so the docs cannot drift from the code.
 * Run: npx tsx scripts/generate-docs.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRight } from '../src/core/rights';
import { BASELINE_DENY_ENTRIES } from '../src/core/baselines';
import { GROUP_POLICY_SOURCE_PRECEDENCE } from '../src/core/group-policy-sources';
import { IDENTITY_ROLES } from '../src/core/roles';
import { CONFIGURATION_RULES, RULE_TABLE } from '../src/core/rules';
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
    ...RULE_TABLE.map(
      (row) =>
        `| \`${row.id}\` | ${row.source} | ${row.logonType} | ${row.allowRight ? describeRight(row.allowRight) : 'none'} | ${row.denyRight ? describeRight(row.denyRight) : 'none'} | ${row.evidence} | ${row.enforcedIn.length > 0 ? row.enforcedIn.join(', ') : 'never (no right needed)'} | ${row.citation} | ${row.selfGranted ? `${row.selfGranted.evidence}: ${row.selfGranted.citation}` : 'no'} |`,
    ),
    '',
    '## Which configuration applies where',
    '',
    'How the readers of applicationHost.config and web.config decide which anonymous identity IIS uses at a path, with the evidence for each fact.',
    '',
    '| rule | fact | evidence | citation |',
    '|---|---|---|---|',
    ...CONFIGURATION_RULES.map((row) => `| \`${row.id}\` | ${row.fact} | ${row.evidence} | ${row.citation} |`),
    '',
    '## Roles and symptoms',
    '',
    'Every finding names the role its identity plays and what a client sees when that identity cannot log on.',
    '',
    '| role | HTTP status | what fails | evidence | IIS 6 |',
    '|---|---|---|---|---|',
    ...Object.entries(IDENTITY_ROLES).map(
      ([role, entry]) =>
        `| \`${role}\` | ${entry.symptom.httpStatus} | ${entry.symptom.description} | ${entry.symptom.evidence} | ${entry.iis6Symptom ? `${entry.iis6Symptom.httpStatus}: ${entry.iis6Symptom.description} (${entry.iis6Symptom.evidence})` : 'the same'} |`,
    ),
    '',
    '## Facts the snapshot may not settle',
    '',
    "- **Local account SIDs (S-1-5-113, S-1-5-114).** Windows 8.1 / Server 2012 R2 and later add them to every local account's token; Windows 7, 8, Server 2008 R2 and 2012 only with KB 2871997. host.json `localAccountSids` records whether they exist (the collector translates S-1-5-113). Unknown on NT 6.1/6.2: the conservative rules let them deny; the documented rules leave them out and the finding says the verdict depends on it.",
    "- **Groups.** When accounts.json lists an account's `groups`, no alias is inferred for it; local aliases (BUILTIN\\\\Users and the like) come from the `members` collected for them, nested domain groups are followed through the groups accounts.json lists for each group. Only where nothing was collected is BUILTIN\\\\Users inferred, and the finding notes it.",
    "- **Domain groups that could not be read.** The collector reads a domain account's groups from its `tokenGroups` attribute (every nested group, as the token is built). When that fails, accounts.json says why in `groupsIncomplete`: the token may hold more groups than listed. A verdict that the account holds its right is then confirmed only if no entry of the matching deny right could be, or contain, an unlisted group (a domain or local principal, an alias whose members include one or were not collected, an unresolved name); otherwise the status is `unresolved`. A verdict that it lacks the right or is denied stands, with a note.",
    '- **IIS version defaults.** A pool with no identityType attribute runs as NetworkService on IIS 7.0 and as ApplicationPoolIdentity from IIS 7.5; host.json `iisVersion` decides, and without it the finding says 7.5+ was assumed.',
    '- **web.config files.** Where anonymousAuthentication is unlocked (overrideModeDefault="Allow", or a `<location overrideMode="Allow">` holding it, unless a nearer `<location overrideMode="Deny">` or `allowOverride="false"` locks it again: see the table above), a web.config may set the anonymous identity. The collector reads the web.config of every site, application, virtual directory and location path there into webconfigs.json, and of every plain folder below them within its walk limits (8 levels, 10,000 folders; folderWalks says how far it went), and the engine applies each at its path and below after applicationHost.config\'s location tags for the same path (IIS configuration merging; a deeper location tag still wins). A web.config that sets the section where it is locked is a `webconfig-section-locked` warning: IIS answers HTTP 500.19 there, which no logon right fixes. So is one that a lock in a web.config above it, an attribute or item lock (`webconfig-lock-violation`) or the declaration\'s allowDefinition or allowLocation (`webconfig-section-not-allowed`) refuses; every finding at or below its path notes the 500.19. Where a web.config from the unlocked level down is missing or unreadable, the finding notes that its verdict may be wrong and for which paths.',
    `- **Two Group Policy sources.** When gpresult.xml and rsop.json name a different winning GPO or list for a right, a \`group-policy-sources-disagree\` warning names both files and the right, and the precedence is ${GROUP_POLICY_SOURCE_PRECEDENCE}: rsop.json is read from the RSoP WMI classes at collection time, with each holder as the GPO wrote it.`,
    '',
    '## Deny entries that baselines require',
    '',
    'When a deny through one of these entries blocks an identity, the plan and `explain` put the identity-side fix first (an account whose token does not carry the SID) and say that removing the entry conflicts with the baseline; a GPO edit that would remove it lists it under `baselineConflicts`, which check-plan holds to this table.',
    '',
    '| right | entry | required by |',
    '|---|---|---|',
    ...BASELINE_DENY_ENTRIES.map(
      (entry) => `| ${describeRight(entry.right)} | ${entry.name} (${entry.sid}) | ${entry.requiredBy} |`,
    ),
    '',
    '## Statuses and Reasons codes',
    '',
    '| status | Reasons code | in desired state | meaning |',
    '|---|---|---|---|',
    ...Object.entries(FINDING_STATUSES).map(
      ([status, entry]) =>
        `| \`${status}\` | \`${reasonCode(status as keyof typeof FINDING_STATUSES)}\` | ${entry.inDesiredState ? 'yes' : 'no'} | ${entry.summary} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesDocument());
}
