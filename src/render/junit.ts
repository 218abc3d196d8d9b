import { IDENTITY_ROLES } from '../core/roles';
import { escapeText, escapeTextFields, UNSAFE_BEYOND_C0 } from './text-escape';
import { describeAccount, type Finding } from '../core/evaluate-identities';
import { hostLabel, type FailedSnapshot, type JudgedSnapshot, type SnapshotOutcome } from '../core/fleet-summary';
import { describeRight } from '../core/rights';
import { FINDING_STATUSES, reasonCode } from '../core/status';
import { holderSids } from '../core/plan';
import { explainFinding } from './story';
import { shortSymptom } from './symptom-text';

/**
 * JUnit XML in the shape CI test-report viewers read (Jenkins, GitLab, Azure DevOps, GitHub
 * actions that publish test results): <testsuites> holding one <testsuite> per snapshot, and one
 * <testcase> per site x path x identity. A finding not in the desired state is a <failure> whose
 * type is the status; not-required is <skipped>; a snapshot that could not be loaded is a suite
 * with one <error>. No timestamps or durations, so the same snapshots give the same bytes.
 */
export function renderJunit(outcomes: readonly SnapshotOutcome[]): string {
  const suites = outcomes.map(junitSuite);
  const total: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of suites) addCounts(total, suite.counts);
  return [junitHead(total), ...suites.map(suiteText), JUNIT_TAIL].join('');
}

/** The document's start, which carries the totals over every suite. */
export function junitHead(total: SuiteCounts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="iis-logon-rights" ${countAttributes(total)}>\n`;
}

export const JUNIT_TAIL = '</testsuites>\n';

/** One snapshot's <testsuite>, indented as it sits in <testsuites>, each line ending in a line break. */
export function suiteText(suite: Suite): string {
  return suite.lines.map((line) => `  ${line}\n`).join('');
}

export function junitSuite(outcome: SnapshotOutcome): Suite {
  return outcome.kind === 'judged' ? judgedSuite(outcome) : failedSuite(outcome);
}

export function addCounts(total: SuiteCounts, counts: SuiteCounts): void {
  total.tests += counts.tests;
  total.failures += counts.failures;
  total.errors += counts.errors;
  total.skipped += counts.skipped;
}

export interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export interface Suite {
  counts: SuiteCounts;
  lines: string[];
}

function countAttributes(counts: SuiteCounts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

/**
 * classname is host.site: viewers that split a class name at its last dot (Jenkins) then group
 * test cases by host, then by site. name is the path and the identity with its SID, and the
 * role of any identity other than the anonymous user (one account can play two roles at a path).
 */
export function testCaseNames(
  snapshot: Pick<JudgedSnapshot, 'name' | 'host'>,
  finding: Finding,
): { classname: string; name: string } {
  return {
    classname: `${hostLabel(snapshot)}.${finding.site ?? '(server)'}`,
    name: `${finding.path} as ${describeAccount(finding.identity.name, finding.identity.sid)}${finding.role === 'anonymous-user' ? '' : ` (${IDENTITY_ROLES[finding.role].label})`}`,
  };
}

function judgedSuite(snapshot: JudgedSnapshot): Suite {
  const counts: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  for (const finding of snapshot.evaluation.findings) {
    counts.tests++;
    const { classname, name } = testCaseNames(snapshot, finding);
    const open = `<testcase classname="${xmlAttribute(classname)}" name="${xmlAttribute(name)}"`;
    if (finding.status === 'not-required') {
      counts.skipped++;
      cases.push(
        `${open}>`,
        `  <skipped message="${xmlAttribute(`not-required: ${finding.message}`)}"/>`,
        '</testcase>',
      );
    } else if (!FINDING_STATUSES[finding.status].inDesiredState) {
      counts.failures++;
      cases.push(
        `${open}>`,
        `  <failure message="${xmlAttribute(finding.message)}" type="${xmlAttribute(finding.status)}">${xmlText(failureText(snapshot, finding))}</failure>`,
        '</testcase>',
      );
    } else {
      cases.push(`${open}/>`);
    }
  }
  const host = snapshot.host;
  const properties: [string, string | undefined][] = [
    ['snapshot', snapshot.name],
    ['ruleSet', snapshot.evaluation.ruleSet],
    ['inDesiredState', String(snapshot.evaluation.inDesiredState)],
    ['computerName', host?.computerName],
    ['domain', host?.domain],
    ['osVersion', host?.osVersion],
    ['iisVersion', host?.iisVersion],
  ];
  const lines = [
    `<testsuite name="${xmlAttribute(snapshot.name)}" hostname="${xmlAttribute(hostLabel(snapshot))}" ${countAttributes(counts)}>`,
    '  <properties>',
    ...properties
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `    <property name="${name}" value="${xmlAttribute(value)}"/>`),
    '  </properties>',
    ...cases.map((line) => `  ${line}`),
  ];
  const notes = snapshot.evaluation.diagnostics.map(
    (diagnostic) =>
      `${diagnostic.severity}: ${diagnostic.message}${diagnostic.file ? ` (${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''})` : ''}`,
  );
  if (notes.length > 0) lines.push(`  <system-out>${xmlText(notes.map(escapeText).join('\n'))}</system-out>`);
  lines.push('</testsuite>');
  return { counts, lines };
}

/**
 * The failure's body: the status and what it means, then the story explain would tell. It is
 * text for people with line breaks of its own, so names in it are shown escaped (a line break in
 * a name must not start a line of its own); the attributes carry the names as they are.
 */
function failureText(snapshot: JudgedSnapshot, rawFinding: Finding): string {
  const finding = escapeTextFields(rawFinding);
  const head = [
    `${finding.status} (${reasonCode(finding.status)}): ${FINDING_STATUSES[finding.status].summary}`,
    `Identity: ${describeAccount(finding.identity.name, finding.identity.sid)}`,
  ];
  if (finding.right) head.push(`Right: ${describeRight(finding.right)}`);
  const symptom = shortSymptom(finding);
  if (symptom) head.push(`Symptom: ${symptom} (${IDENTITY_ROLES[finding.role].label})`);
  const story = snapshot.policy ? explainFinding(finding, snapshot.policy, holderSids([rawFinding])) : [];
  const paragraphs = [head.join('\n'), finding.message, ...story.filter((paragraph) => paragraph !== finding.message)];
  return paragraphs.join('\n\n');
}

function failedSuite(snapshot: FailedSnapshot): Suite {
  return {
    counts: { tests: 1, failures: 0, errors: 1, skipped: 0 },
    lines: [
      `<testsuite name="${xmlAttribute(snapshot.name)}" hostname="${xmlAttribute(snapshot.name)}" tests="1" failures="0" errors="1" skipped="0">`,
      `  <testcase classname="${xmlAttribute(snapshot.name)}" name="load snapshot">`,
      `    <error message="${xmlAttribute(snapshot.error)}" type="invalid-input">${xmlText(escapeText(snapshot.error))}</error>`,
      '  </testcase>',
      '</testsuite>',
    ],
  };
}

/**
 * Characters XML 1.0 cannot carry even as character references: C0 controls other than tab,
 * line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF. Names and messages come
 * from untrusted snapshots (accounts.json may hold any JSON string), so they are replaced rather
 * than written into a document no parser would accept.
 */
const NOT_XML_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Character data: markup characters escaped, line feeds kept. A carriage return, DEL, C1 and the
 * bidi characters are written as references: the same data to a parser, nothing a terminal or
 * an editor showing the file would act on (and a parser would turn a raw CR into a line feed).
 */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML_CHARACTER, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(UNSAFE_BEYOND_C0, characterReference)
    .replace(/\r/g, '&#13;');
}

function characterReference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
}

/** A double-quoted attribute value. Tabs and line breaks become references, which a parser would otherwise turn into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
