import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GpoRightAssignment, GroupPolicyResult, PolicyHolder } from '../../src/core/model';
import {
  BASE_NS,
  RSOP_NS,
  SECURITY_NS,
  SETTINGS_NS,
  TYPES_NS,
  parseGroupPolicyXmlText,
} from '../../src/parse/gpresult';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'gpresult');
export const WEB01 = 'web01.gpresult.xml';
export const BASELINE_REPORT = 'contoso-server-baseline.gpreport.xml';

export const DEFAULT_DOMAIN_POLICY = '{31B2F340-016D-11D2-945F-00C04FB984F9}';
export const SERVER_BASELINE = '{7D2C4B9E-3F1A-4C6D-9E85-2B1F0A6C3D47}';

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function parseText(text: string, file = 'gpresult.xml'): GroupPolicyResult {
  return parseGroupPolicyXmlText(text, file);
}

export function utf16leWithBom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export function entriesFor(result: GroupPolicyResult, right: string): GpoRightAssignment[] {
  return result.assignments.filter((assignment) => assignment.right === right);
}

export function onlyEntry(result: GroupPolicyResult, right: string): GpoRightAssignment {
  const entries = entriesFor(result, right);
  assert.equal(entries.length, 1, `${result.file}: ${entries.length} entries for ${right}`);
  return entries[0]!;
}

export function sidsOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'sid' ? [holder.sid] : []));
}

export function namesOf(holders: readonly PolicyHolder[]): string[] {
  return holders.flatMap((holder) => (holder.kind === 'name' ? [holder.name] : []));
}

/** 1-based line number of the first line containing `needle` at or after line `from`. */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let index = from - 1; index < lines.length; index++) if (lines[index]!.includes(needle)) return index + 1;
  assert.fail(`${JSON.stringify(needle)} not found`);
}

// Small gpresult documents for the cases the fixture does not cover.
export function gpoListEntry(name: string, id: string): string {
  return `<GPO><Name>${name}</Name><Path><Identifier xmlns="${TYPES_NS}">${id}</Identifier><Domain xmlns="${TYPES_NS}">contoso.com</Domain></Path><Enabled>true</Enabled></GPO>`;
}

export function userRight(right: string, gpoId: string, precedence: number | string, members: string): string {
  return [
    '<q1:UserRightsAssignment>',
    `<GPO xmlns="${BASE_NS}"><Identifier xmlns="${TYPES_NS}">${gpoId}</Identifier><Domain xmlns="${TYPES_NS}">contoso.com</Domain></GPO>`,
    `<Precedence xmlns="${BASE_NS}">${precedence}</Precedence>`,
    `<q1:Name>${right}</q1:Name>`,
    members,
    '</q1:UserRightsAssignment>',
  ].join('\n');
}

export function member(sid: string | undefined, name: string | undefined): string {
  const sidPart = sid === undefined ? '' : `<SID xmlns="${TYPES_NS}">${sid}</SID>`;
  const namePart = name === undefined ? '' : `<Name xmlns="${TYPES_NS}">${name}</Name>`;
  return `<q1:Member>${sidPart}${namePart}</q1:Member>`;
}

export function rsopDocument(gpoList: string, settings: string): string {
  return [
    '<?xml version="1.0" encoding="utf-16"?>',
    `<Rsop xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${RSOP_NS}">`,
    '<ComputerResults>',
    gpoList,
    '<ExtensionData>',
    `<Extension xmlns:q1="${SECURITY_NS}" xsi:type="q1:SecuritySettings" xmlns="${SETTINGS_NS}">`,
    settings,
    '</Extension>',
    '<Name>Security</Name>',
    '</ExtensionData>',
    '</ComputerResults>',
    '</Rsop>',
  ].join('\n');
}

export const TWO_GPOS =
  gpoListEntry('Default Domain Policy', DEFAULT_DOMAIN_POLICY) +
  gpoListEntry('Contoso Server Baseline', SERVER_BASELINE);
