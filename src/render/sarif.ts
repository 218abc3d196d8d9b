import type { IdentityRole } from '../core/roles';
import { symptomTiming, type SymptomTiming } from './symptom-text';
import type { Finding } from '../core/evaluate-identities';
import { causingGpos, hostLabel, type JudgedSnapshot, type SnapshotOutcome } from '../core/fleet-summary';
import type { GroupPolicyObjectRef } from '../core/model';
import { describeRight } from '../core/rights';
import { normalizeAccountName } from '../core/sids';
import { ALL_STATUSES, FINDING_STATUSES, reasonCode, type FindingStatus } from '../core/status';
import { sha256Hex } from '../core/sha256';
import { encodeUtf8 } from '../core/text-codec';
import { VERSION } from '../version';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/**
 * Finding statuses as SARIF levels: the ones a person must act on are errors; unresolved is a
 * warning because the host may be fine and only the snapshot is incomplete. Statuses in the
 * desired state never become results; their rules exist so the rule list is the status table.
 */
export const SARIF_LEVELS: Record<FindingStatus, SarifLevel> = {
  ok: 'none',
  'not-required': 'none',
  missing: 'error',
  denied: 'error',
  'revoked-at-refresh': 'error',
  'gpo-blocked': 'error',
  unresolved: 'warning',
};

/** What to do about each status, for the rule's help text. */
export const STATUS_ADVICE: Record<FindingStatus, string> = {
  ok: 'Nothing to do.',
  'not-required':
    'Nothing to do. --rules conservative also checks identities whose need for a logon right is unconfirmed.',
  missing:
    'Grant the right to the identity in local policy (Set-IisAnonymousLogonRight does exactly this; `iis-logon-rights plan` shows the action). No GPO owns the right, so the grant lasts.',
  denied:
    "Remove the identity's SID, or the group SID that catches it, from the deny right in local policy, or run anonymous requests as an identity the deny does not catch. `iis-logon-rights explain` names the SID and how it got into the token.",
  'revoked-at-refresh':
    'Change the GPO that owns the right before its next refresh: add the identity (or a group its token carries) to the allow right, or take it out of the deny right. A local grant or IISRESET only lasts until that refresh. `iis-logon-rights explain` names the GPO and prints its GptTmpl.inf line.',
  'gpo-blocked':
    'Change the GPO that owns the right: add the identity to the allow right, or take it out of the deny right. A local change would be undone at the next refresh. `iis-logon-rights explain` names the GPO and prints its GptTmpl.inf line.',
  unresolved:
    'Make sure the account exists on the host and collect the snapshot again; Export-IisLogonRightsSnapshot resolves every account the configuration names.',
};

/** The key under result.partialFingerprints; bump the version if the recipe ever changes. */
export const FINGERPRINT_KEY = 'iisAnonymousLogonRight/v1';

/**
 * A fingerprint that stays the same across repeated runs for the same problem, so a code-scanning
 * service keeps one alert per problem. It hashes where the problem is and who has it:
 * - the host: DOMAIN\COMPUTER from host.json, upper-cased (the snapshot folder's path changes
 *   from one collection to the next, the computer does not); the snapshot name only when
 *   host.json does not name the computer;
 * - the site and path, lower-cased (IIS compares both case-insensitively);
 * - the identity: its SID when known (a rename or another spelling of the same account is the
 *   same problem), else its normalised name;
 * - the right it needs;
 * - its role, unless it is the anonymous user.
 * The status is left out on purpose: revoked-at-refresh becomes gpo-blocked once the refresh
 * happens, and denied can become gpo-blocked when a GPO takes the deny right over; that is the
 * same problem getting worse, not a new one. Messages are left out because they name SIDs that
 * grant or deny, which change as policy is edited.
 */
export function findingFingerprint(snapshot: Pick<JudgedSnapshot, 'name' | 'host'>, finding: Finding): string {
  const host = snapshot.host?.computerName
    ? `${snapshot.host.domain ?? ''}\\${snapshot.host.computerName}`.toUpperCase()
    : `snapshot:${snapshot.name}`;
  const identity = finding.identity.sid ?? `name:${normalizeAccountName(finding.identity.name)}`;
  const parts = [host, (finding.site ?? '').toLowerCase(), finding.path.toLowerCase(), identity, finding.right ?? ''];
  // The anonymous user keeps the fingerprint it had before roles existed; other roles add theirs,
  // so one account that is both the anonymous user and the connect-as account is two results.
  if (finding.role !== 'anonymous-user') parts.push(finding.role);
  return sha256Hex(encodeUtf8(parts.join('\u0000')));
}

/**
 * A snapshot's name as a URI reference: relative paths stay relative (segments percent-encoded),
 * absolute POSIX and Windows paths become file: URIs.
 */
export function snapshotUri(name: string): string {
  const slashed = name.replace(/\\/g, '/');
  const encode = (path: string) =>
    path
      .split('/')
      .map((segment) => encodeURIComponent(segment))
      .join('/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return `file:///${drive[1]}:/${encode(slashed.slice(3))}`;
  if (slashed.startsWith('//')) return `file:${encode(slashed)}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed);
}

/** SARIF 2.1.0 log object (only the parts this tool writes). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifMessage {
  text: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { status: FindingStatus; reasonCode: string; inDesiredState: boolean; tags: string[] };
}

interface SarifArtifactLocation {
  uri: string;
  index: number;
}

interface SarifLocation {
  physicalLocation: { artifactLocation: SarifArtifactLocation };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind: 'fail';
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: {
    status: FindingStatus;
    reasonCode: string;
    snapshot: string;
    host: string;
    site: string | null;
    path: string;
    identity: { name: string; sid: string | null };
    right: string | null;
    causedBy: GroupPolicyObjectRef[];
    role: IdentityRole;
    /** What the user sees while the logon fails, and from when; null when the identity is unknown. */
    symptom: { httpStatus: string; when: SymptomTiming } | null;
  };
}

interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
  artifacts: { location: { uri: string }; description: SarifMessage }[];
  results: SarifResult[];
  properties: { ruleSets: string[] };
}

interface SarifNotification {
  level: 'error';
  message: SarifMessage;
  descriptor: { id: string };
  locations: SarifLocation[];
}

/** One rule per status, in the order of the status table, with help text saying what to do. */
export function sarifRules(): SarifRule[] {
  return ALL_STATUSES.map((status) => {
    const entry = FINDING_STATUSES[status];
    return {
      id: status,
      name: entry.reasonSuffix,
      shortDescription: { text: `Anonymous IIS identity: ${status}` },
      fullDescription: { text: entry.summary },
      help: {
        text: `${entry.summary} What to do: ${STATUS_ADVICE[status]}`,
        markdown: `${entry.summary}\n\n**What to do:** ${STATUS_ADVICE[status]}`,
      },
      defaultConfiguration: { level: SARIF_LEVELS[status] },
      properties: {
        status,
        reasonCode: reasonCode(status),
        inDesiredState: entry.inDesiredState,
        tags: ['security', 'iis', 'logon-rights', 'group-policy'],
      },
    };
  });
}

/**
 * One SARIF run over every snapshot: one result per finding not in the desired state, located
 * at the snapshot (the artifact) and logically at the site and the path. A snapshot that could
 * not be loaded is an error notification, and the invocation then did not fully succeed.
 */
export function renderSarif(outcomes: readonly SnapshotOutcome[]): SarifLog {
  const run = new SarifRunBuilder();
  const results = outcomes.flatMap((outcome) => run.add(outcome));
  return run.log(results);
}

/**
 * The run built one snapshot at a time: add returns the snapshot's results (which `report`
 * writes out at once) and keeps only its artifact, any notification and its rule set; log puts
 * them around the results.
 */
export class SarifRunBuilder {
  private readonly rules = sarifRules();
  private readonly ruleIndex = new Map(this.rules.map((rule, index) => [rule.id, index]));
  private readonly artifacts: SarifRun['artifacts'] = [];
  private readonly notifications: SarifNotification[] = [];
  private readonly ruleSets = new Set<string>();

  add(outcome: SnapshotOutcome): SarifResult[] {
    const index = this.artifacts.length;
    const uri = snapshotUri(outcome.name);
    const artifactLocation = { uri, index };
    if (outcome.kind === 'failed') {
      this.artifacts.push({
        location: { uri },
        description: { text: `Snapshot ${outcome.name} (could not be loaded)` },
      });
      this.notifications.push({
        level: 'error',
        message: { text: outcome.error },
        descriptor: { id: 'invalid-input' },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
      return [];
    }
    const label = hostLabel(outcome);
    this.artifacts.push({ location: { uri }, description: { text: `Snapshot of ${label}` } });
    this.ruleSets.add(outcome.evaluation.ruleSet);
    const results: SarifResult[] = [];
    for (const finding of outcome.evaluation.findings) {
      if (FINDING_STATUSES[finding.status].inDesiredState) continue;
      const site = finding.site ?? '(server)';
      const when = symptomTiming(finding);
      results.push({
        ruleId: finding.status,
        ruleIndex: this.ruleIndex.get(finding.status)!,
        kind: 'fail',
        level: SARIF_LEVELS[finding.status],
        // The message already ends with the symptom (core/finding-messages.ts).
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: { artifactLocation },
            logicalLocations: [
              { name: site, fullyQualifiedName: `${label}/${site}`, kind: 'namespace' },
              { name: finding.path, fullyQualifiedName: `${label}/${site}${finding.path}`, kind: 'resource' },
            ],
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(outcome, finding) },
        properties: {
          status: finding.status,
          reasonCode: reasonCode(finding.status),
          snapshot: outcome.name,
          host: label,
          site: finding.site,
          path: finding.path,
          identity: { name: finding.identity.name, sid: finding.identity.sid },
          right: finding.right === null ? null : describeRight(finding.right),
          causedBy: causingGpos(finding),
          role: finding.role,
          symptom: when === null ? null : { httpStatus: finding.symptom.httpStatus, when },
        },
      });
    }
    return results;
  }

  log(results: SarifResult[]): SarifLog {
    return {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'iis-logon-rights', version: VERSION, semanticVersion: VERSION, rules: this.rules } },
          invocations: [
            { executionSuccessful: this.notifications.length === 0, toolExecutionNotifications: this.notifications },
          ],
          artifacts: this.artifacts,
          results,
          properties: { ruleSets: [...this.ruleSets] },
        },
      ],
    };
  }
}
