import { InputError, excerpt } from '../../core/errors';
import { LOCAL_GPO_ID, normalizeGpoId } from '../../core/group-policy';
import type { Diagnostic, PolicyHolder } from '../../core/model';
import { canonicalRightName } from '../../core/rights';
import { normalizeSid } from '../../core/sids';
import { refuseDisguisedRightName } from '../right-name';
import { childText, childrenNamed, type XmlElement } from '../xml';

// What gpresult's RSoP report and Get-GPOReport's GPO report share: their namespaces, the
// security extension's UserRightsAssignment elements, rights, members and GPO identifiers.

export const RSOP_NS = 'http://www.microsoft.com/GroupPolicy/Rsop';
export const SETTINGS_NS = 'http://www.microsoft.com/GroupPolicy/Settings';
export const TYPES_NS = 'http://www.microsoft.com/GroupPolicy/Types';
export const SECURITY_NS = 'http://www.microsoft.com/GroupPolicy/Settings/Security';
export const BASE_NS = 'http://www.microsoft.com/GroupPolicy/Settings/Base';

/** gpresult writes `Extension` in the Settings namespace; an unqualified one inherits Rsop's. */
const EXTENSION_NAMESPACES: ReadonlySet<string> = new Set([SETTINGS_NS, RSOP_NS]);

/** The security extension's `UserRightsAssignment` elements under `ExtensionData/Extension`. */
export function userRightsElements(container: XmlElement, namespace: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const data of childrenNamed(container, 'ExtensionData', namespace)) {
    for (const extension of data.children) {
      if (extension.local === 'Extension' && EXTENSION_NAMESPACES.has(extension.uri)) {
        found.push(...childrenNamed(extension, 'UserRightsAssignment', SECURITY_NS));
      }
    }
  }
  return found;
}

export function readRightAndHolders(
  element: XmlElement,
  file: string,
  diagnostics: Diagnostic[],
): { right: string; holders: PolicyHolder[] } {
  const written = childText(element, 'Name', SECURITY_NS);
  if (written === undefined || written === '') {
    throw new InputError(
      file,
      { line: element.line, element: `<${element.name}>` },
      `a <Name> (namespace ${SECURITY_NS}) naming the right`,
      written === undefined ? 'none' : 'an empty <Name>',
    );
  }
  const canonical = canonicalRightName(written);
  if (canonical === undefined) {
    refuseDisguisedRightName(written, file, { line: element.line, element: `<${element.name}>` });
    diagnostics.push({
      code: 'unknown-right',
      severity: 'warning',
      message: `${excerpt(written)} is not a known user right or privilege; kept as written and not evaluated`,
      file,
      line: element.line,
    });
  }
  const holders = childrenNamed(element, 'Member', SECURITY_NS).map((member) => readMember(member, file));
  return { right: canonical ?? written, holders };
}

/** A member carries a SID and a display name, or only a name when the SID was unresolvable. */
function readMember(member: XmlElement, file: string): PolicyHolder {
  const sidText = childText(member, 'SID', TYPES_NS) ?? '';
  const name = childText(member, 'Name', TYPES_NS) ?? '';
  if (sidText !== '') {
    const sid = normalizeSid(sidText);
    if (sid === undefined) {
      throw new InputError(
        file,
        { line: member.line, element: `<${member.name}>` },
        "a SID like S-1-5-32-544 in the member's <SID>",
        excerpt(sidText),
      );
    }
    return name === '' ? { kind: 'sid', sid, written: sidText } : { kind: 'sid', sid, written: sidText, name };
  }
  if (name !== '') return { kind: 'name', name, written: name };
  throw new InputError(
    file,
    { line: member.line, element: `<${member.name}>` },
    `a member with a <SID> or a <Name> (namespace ${TYPES_NS})`,
    'a member with neither',
  );
}

export function gpoIdFromElement(identifier: XmlElement, file: string): string {
  const text = identifier.text.trim();
  const id = normalizeGpoId(text);
  if (id === undefined) {
    throw new InputError(
      file,
      { line: identifier.line, element: `<${identifier.name}>` },
      `a GPO GUID like {31B2F340-016D-11D2-945F-00C04FB984F9} (or ${LOCAL_GPO_ID})`,
      text === '' ? 'an empty identifier' : excerpt(text),
    );
  }
  return id;
}

/**
 * gpresult writes the GUID as the name when it cannot read the GPO's display name; that GUID
 * is then spelled like the id, so messages never show two spellings of one GPO.
 */
export function displayName(written: string | undefined, id: string): string {
  if (written === undefined || written === '' || normalizeGpoId(written) === id) return id;
  return written;
}

export function firstChildIn(
  element: XmlElement,
  local: string,
  namespaces: readonly string[],
): XmlElement | undefined {
  return element.children.find((child) => child.local === local && namespaces.includes(child.uri));
}
