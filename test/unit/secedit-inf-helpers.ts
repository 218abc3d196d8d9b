import assert from 'node:assert/strict';
import type { PolicyHolder, RightAssignment, SecurityTemplate } from '../../src/core/model';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';

export const FILE = 'secedit.inf';

export function parse(text: string): SecurityTemplate {
  return parseSecurityTemplateText(text, FILE);
}

export function rightsOf(template: SecurityTemplate): Map<string, RightAssignment> {
  assert.ok(template.privilegeRights, `${template.file} has no [Privilege Rights] section`);
  return template.privilegeRights;
}

export function assignment(template: SecurityTemplate, right: string): RightAssignment {
  const found = rightsOf(template).get(right);
  assert.ok(found, `${right} is not defined in ${template.file}`);
  return found;
}

export function sidsOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'sid' ? [holder.sid] : []));
}

export function namesOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'name' ? [holder.name] : []));
}

export function sortedSids(template: SecurityTemplate, right: string): string[] {
  return sidsOf(assignment(template, right).holders).sort();
}

export function template(...privilegeLines: string[]): string {
  return [
    '[Unicode]',
    'Unicode=yes',
    '[Privilege Rights]',
    ...privilegeLines,
    '[Version]',
    'signature="$CHICAGO$"',
    'Revision=1',
    '',
  ].join('\r\n');
}

export function utf16leWithBom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
