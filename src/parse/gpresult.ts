import { InputError, excerpt } from '../core/errors';
import { describeGpo, findPrecedenceClashes } from '../core/group-policy';
import { ARTIFACT_SIZE_LIMITS, formatBytes } from '../core/limits';
import type { Diagnostic, GpoRightAssignment, GroupPolicyObjectRef, GroupPolicyResult } from '../core/model';
import { decodeText } from './decode';
import { childText, childrenNamed, firstChild, parseXmlTree, type XmlElement } from './xml';
import {
  BASE_NS,
  RSOP_NS,
  SETTINGS_NS,
  TYPES_NS,
  displayName,
  firstChildIn,
  gpoIdFromElement,
  readRightAndHolders,
  userRightsElements,
} from './gpresult/report-parts';

export { BASE_NS, RSOP_NS, SECURITY_NS, SETTINGS_NS, TYPES_NS } from './gpresult/report-parts';

/**
 * Group Policy XML reports (docs/windows-behaviour.md, "Group Policy results"):
 * - `gpresult /scope computer /x`: root `<Rsop>`, the applied GPOs in `ComputerResults/GPO`,
 *   and one `UserRightsAssignment` per right and contributing GPO, each naming its GPO by GUID
 *   and carrying its RSoP precedence (1 = applied).
 * - `Get-GPOReport -ReportType Xml` (also saved as gpreport.xml in GPO backups): root `<GPO>`,
 *   the same `UserRightsAssignment` blocks without GPO or precedence, all belonging to the
 *   report's own GPO.
 * Elements are matched by namespace URI and local name; prefixes (`q1:`, `q2:`) are chosen per
 * report by the serializer and mean nothing.
 *
 * Choices where the sources are silent:
 * - The XML declaration's `encoding` is ignored; the bytes (BOM, or UTF-8) decide. Reports
 *   re-saved by an editor keep `encoding="utf-16"` while the bytes become UTF-8.
 * - A GPO listed without `Path/Identifier` cannot be referenced by a setting and is left out.
 *   `LocalGPO` (the Local Group Policy object) is accepted as an identifier.
 * - Two entries for one right at the same precedence other than 1 only earn a warning: the
 *   engine reads precedence 1 alone, and rejecting a report over a losing entry helps nobody.
 * - In a GPO report every setting belongs to the report's GPO at precedence 1; `GPO` or
 *   `Precedence` children of a setting, which such reports do not have, would be ignored.
 * - In a GPO report whose computer configuration is disabled (`Computer/Enabled` false) the
 *   GPO applies none of its user rights, so they are left out, with a warning.
 */

/** A setting's `GPO/Identifier` is in the Types namespace; an unqualified one inherits Base's. */
const SETTING_GPO_IDENTIFIER_NAMESPACES: readonly string[] = [TYPES_NS, BASE_NS];

const HIGHEST_PRECEDENCE = 0xffffffff;

export function parseGroupPolicyXml(bytes: Uint8Array, file: string): GroupPolicyResult {
  const limit = ARTIFACT_SIZE_LIMITS['gpresult.xml'];
  if (bytes.length > limit) {
    throw new InputError(
      file,
      {},
      `a Group Policy XML report of at most ${formatBytes(limit)}`,
      `${formatBytes(bytes.length)}`,
    );
  }
  return parseGroupPolicyXmlText(decodeText(bytes, file).text, file);
}

/** The same, for report text already decoded (a facts document carries artifacts inline). */
export function parseGroupPolicyXmlText(text: string, file: string): GroupPolicyResult {
  const root = parseXmlTree(text, file, { namespaces: true, keepText: true, keep: keepReportParts });
  if (root.local === 'Rsop' && root.uri === RSOP_NS) return parseRsopReport(root, file);
  if (root.local === 'GPO' && root.uri === SETTINGS_NS) return parseGpoReport(root, file);
  throw new InputError(
    file,
    { line: root.line, element: `<${root.name}>` },
    `a gpresult /x report (root <Rsop> in namespace ${RSOP_NS}) or a Get-GPOReport XML report (root <GPO> in namespace ${SETTINGS_NS})`,
    `root element ${excerpt(root.name)} in ${root.uri === '' ? 'no namespace' : `namespace ${excerpt(root.uri, 80)}`}`,
  );
}

/**
 * Drops what the parser never reads while the document streams in: user results, security
 * descriptors, and every non-security setting (registry policies make up most of a report).
 * Only local names are known here; namespaces are checked on the kept tree.
 */
function keepReportParts(local: string, ancestors: readonly string[]): boolean {
  const depth = ancestors.length;
  const parent = ancestors[depth - 1];
  if (depth === 1) {
    if (parent === 'Rsop') return local === 'ComputerResults';
    if (parent === 'GPO') return local === 'Identifier' || local === 'Name' || local === 'Computer';
    return false;
  }
  if (depth === 2 && parent === 'ComputerResults') return local === 'GPO' || local === 'ExtensionData';
  if (depth === 2 && parent === 'Computer') return local === 'ExtensionData' || local === 'Enabled';
  if (depth === 4 && parent === 'Extension') return local === 'UserRightsAssignment';
  return true;
}

// ---------------------------------------------------------------------------------------------
// gpresult /x

function parseRsopReport(root: XmlElement, file: string): GroupPolicyResult {
  const computerResults = childrenNamed(root, 'ComputerResults', RSOP_NS);
  const computer = computerResults[0];
  if (computer === undefined) {
    throw new InputError(
      file,
      { line: root.line, element: `<${root.name}>` },
      'a <ComputerResults> element (the report of gpresult /scope computer /x)',
      'none (a report of user settings only?)',
    );
  }
  if (computerResults.length > 1) {
    throw new InputError(
      file,
      { line: computerResults[1]!.line, element: `<${computerResults[1]!.name}>` },
      'one <ComputerResults> element',
      `${computerResults.length}`,
    );
  }
  const diagnostics: Diagnostic[] = [];
  const gposById = listedGpos(computer, file);
  const unknownGpos = new Map<string, GroupPolicyObjectRef>();
  const assignments: GpoRightAssignment[] = [];
  for (const element of userRightsElements(computer, RSOP_NS)) {
    const { right, holders } = readRightAndHolders(element, file, diagnostics);
    const id = readSettingGpoId(element, file);
    let gpo = gposById.get(id) ?? unknownGpos.get(id);
    if (gpo === undefined) {
      gpo = { id, name: id };
      unknownGpos.set(id, gpo);
      diagnostics.push({
        code: 'unknown-gpo',
        severity: 'warning',
        message: `${right} is set by GPO ${id}, which is not in the report's list of GPOs; the GUID stands in for its name`,
        file,
        line: element.line,
      });
    }
    assignments.push({ right, holders, gpo, precedence: readPrecedence(element, file), file, line: element.line });
  }
  checkPrecedences(assignments, file, diagnostics);
  return { file, kind: 'gpresult', gpos: [...gposById.values()], assignments, diagnostics };
}

/** `ComputerResults/GPO` by normalized identifier, in report order; the first listing wins. */
function listedGpos(computer: XmlElement, file: string): Map<string, GroupPolicyObjectRef> {
  const gpos = new Map<string, GroupPolicyObjectRef>();
  for (const gpo of childrenNamed(computer, 'GPO', RSOP_NS)) {
    const path = firstChild(gpo, 'Path', RSOP_NS);
    const identifier = path === undefined ? undefined : firstChild(path, 'Identifier', TYPES_NS);
    if (identifier === undefined) continue;
    const id = gpoIdFromElement(identifier, file);
    if (!gpos.has(id)) gpos.set(id, { id, name: displayName(childText(gpo, 'Name', RSOP_NS), id) });
  }
  return gpos;
}

function readSettingGpoId(element: XmlElement, file: string): string {
  const gpo = firstChild(element, 'GPO', BASE_NS);
  const identifier = gpo === undefined ? undefined : firstChildIn(gpo, 'Identifier', SETTING_GPO_IDENTIFIER_NAMESPACES);
  if (identifier === undefined) {
    throw new InputError(
      file,
      { line: element.line, element: `<${element.name}>` },
      `a <GPO> (namespace ${BASE_NS}) with an <Identifier> naming the GPO that sets this right`,
      'none',
    );
  }
  return gpoIdFromElement(identifier, file);
}

function readPrecedence(element: XmlElement, file: string): number {
  const precedence = firstChild(element, 'Precedence', BASE_NS);
  const text = precedence?.text.trim();
  const value = text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (precedence === undefined || !(value >= 1 && value <= HIGHEST_PRECEDENCE)) {
    throw new InputError(
      file,
      { line: (precedence ?? element).line, element: `<${(precedence ?? element).name}>` },
      `a <Precedence> (namespace ${BASE_NS}) holding a whole number from 1 (applied) up`,
      text === undefined ? 'none' : excerpt(text),
    );
  }
  return value;
}

/** Precedence 1 is what Windows applies, so two claims to it make the report unusable. */
function checkPrecedences(assignments: readonly GpoRightAssignment[], file: string, diagnostics: Diagnostic[]): void {
  for (const clash of findPrecedenceClashes(assignments)) {
    const both = `${describeGpo(clash.first.gpo)} (line ${clash.first.line}) and ${describeGpo(clash.second.gpo)} (line ${clash.second.line})`;
    if (clash.precedence === 1) {
      throw new InputError(
        file,
        { line: clash.second.line },
        `at most one precedence-1 (applied) entry for ${clash.right}`,
        `two, from ${both}`,
      );
    }
    diagnostics.push({
      code: 'duplicate-precedence',
      severity: 'warning',
      message: `${clash.right} has two entries at precedence ${clash.precedence}, from ${both}; neither is applied, so this does not change the result`,
      file,
      line: clash.second.line,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Get-GPOReport -ReportType Xml

function parseGpoReport(root: XmlElement, file: string): GroupPolicyResult {
  const outer = firstChild(root, 'Identifier', SETTINGS_NS);
  const identifier = outer === undefined ? undefined : firstChild(outer, 'Identifier', TYPES_NS);
  if (identifier === undefined) {
    throw new InputError(
      file,
      { line: (outer ?? root).line, element: `<${(outer ?? root).name}>` },
      `<Identifier><Identifier xmlns="${TYPES_NS}">{GPO GUID}</Identifier></Identifier> under the report's <GPO>`,
      'none',
    );
  }
  const id = gpoIdFromElement(identifier, file);
  const gpo: GroupPolicyObjectRef = { id, name: displayName(childText(root, 'Name', SETTINGS_NS), id) };
  const diagnostics: Diagnostic[] = [];
  const computer = firstChild(root, 'Computer', SETTINGS_NS);
  const elements = computer === undefined ? [] : userRightsElements(computer, SETTINGS_NS);
  const assignments: GpoRightAssignment[] = [];
  for (const element of elements) {
    const { right, holders } = readRightAndHolders(element, file, diagnostics);
    assignments.push({ right, holders, gpo, precedence: 1, file, line: element.line });
  }
  checkPrecedences(assignments, file, diagnostics);
  if (
    computer !== undefined &&
    childText(computer, 'Enabled', SETTINGS_NS)?.toLowerCase() === 'false' &&
    assignments.length > 0
  ) {
    diagnostics.push({
      code: 'gpo-computer-settings-disabled',
      severity: 'warning',
      message: `${describeGpo(gpo)} has its computer configuration disabled, so its ${assignments.length} user-rights settings are not applied and are ignored`,
      file,
      line: computer.line,
    });
    return { file, kind: 'gpo-report', gpos: [gpo], assignments: [], diagnostics };
  }
  return { file, kind: 'gpo-report', gpos: [gpo], assignments, diagnostics };
}
