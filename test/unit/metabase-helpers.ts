import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnonymousScope, IisConfiguration } from '../../src/core/model';
import { decodeText } from '../../src/parse/decode';
import { parseMetabase } from '../../src/parse/metabase';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'metabase');
export const FILE = 'MetaBase.xml';

export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function fixtureText(name: string): string {
  return decodeText(fixtureBytes(name), name).text;
}

export function parseFixture(name: string): IisConfiguration {
  return parseMetabase(fixtureText(name), name);
}

/** 1-based line of the first occurrence of `needle`, for asserting reported lines against the file itself. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  assert.ok(index !== -1, `${JSON.stringify(needle)} is not in the text`);
  return text.slice(0, index).split('\n').length;
}

export function scope(config: IisConfiguration, site: string, path: string): AnonymousScope {
  const found = config.scopes.filter((candidate) => candidate.site === site && candidate.path === path);
  assert.equal(
    found.length,
    1,
    `expected one scope ${site} ${path}, found ${found.length} in ${JSON.stringify(config.scopes.map((s) => `${s.site} ${s.path}`))}`,
  );
  return found[0]!;
}

export function scopeList(config: IisConfiguration): string[] {
  return config.scopes.map((entry) => `${entry.site} ${entry.path} ${entry.kind}`);
}

export function diagnosticCodes(config: IisConfiguration): string[] {
  return config.diagnostics.map((diagnostic) => diagnostic.code);
}

/** A MetaBase.xml around the given key elements, written the way IIS writes them (tabs, one attribute a line). */
export function metabase(...keys: string[]): string {
  return [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    ...keys,
    '</MBProperty>',
    '</configuration>',
    '',
  ].join('\n');
}

export function key(type: string, location: string, attributes: Record<string, string> = {}): string {
  const lines = [`<${type}\tLocation ="${location}"`];
  for (const [name, value] of Object.entries(attributes)) lines.push(`\t\t${name}="${value}"`);
  lines.push('\t>', `</${type}>`);
  return lines.join('\n');
}

/** Service key with the usual anonymous account, a site 1 and its ROOT, plus any extra keys. */
export function oneSite(rootAttributes: Record<string, string> = {}, ...extra: string[]): string {
  return metabase(
    key('IIsWebService', '/LM/W3SVC', { AnonymousUserName: 'WEB01\\IUSR_WEB01', AppPoolId: 'DefaultAppPool' }),
    key('IIsApplicationPool', '/LM/W3SVC/AppPools/DefaultAppPool'),
    key('IIsWebServer', '/LM/W3SVC/1', { ServerComment: 'Default Web Site' }),
    key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', rootAttributes),
    ...extra,
  );
}

export function rootScopeOf(text: string): AnonymousScope {
  return scope(parseMetabase(text, FILE), 'Default Web Site', '/');
}
