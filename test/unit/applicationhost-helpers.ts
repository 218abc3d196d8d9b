import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import type { AnonymousScope, IisConfiguration } from '../../src/core/model';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { decodeText } from '../../src/parse/decode';
import { inputErrorFrom } from '../helpers/errors';
import { readShared } from '../helpers/shared';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'applicationhost');

export function parseFixture(name: string): IisConfiguration {
  return parseApplicationHostConfig(decodeText(readFileSync(join(FIXTURES, name)), name).text, name);
}

export function parseCorpus(name: string): IisConfiguration {
  return parseApplicationHostConfig(decodeText(readShared('corpus', 'applicationhost', name), name).text, name);
}

export function scope(config: IisConfiguration, site: string, path: string): AnonymousScope {
  const found = config.scopes.find((candidate) => candidate.site === site && candidate.path === path);
  assert.ok(found, `no scope ${site}${path}; scopes: ${config.scopes.map((s) => `${s.site}${s.path}`).join(', ')}`);
  return found;
}

export function scopeNames(config: IisConfiguration): string[] {
  return config.scopes.map((s) => `${s.site}|${s.path}|${s.kind}`);
}

export function codes(config: IisConfiguration): string[] {
  return config.diagnostics.map((d) => d.code);
}

/** A minimal document: one pool, the given sites and the given trailing elements. */
export function doc(sites: string, rest = '', pools = '<add name="DefaultAppPool" />'): string {
  return `<?xml version="1.0"?>
<configuration>
  <system.applicationHost>
    <applicationPools>${pools}</applicationPools>
    <sites>${sites}<applicationDefaults applicationPool="DefaultAppPool" /></sites>
  </system.applicationHost>
${rest}
</configuration>`;
}

export function anonymousAt(attributes: string): string {
  return `<system.webServer><security><authentication><anonymousAuthentication ${attributes} /></authentication></security></system.webServer>`;
}

export function location(path: string, attributes: string, extra = ''): string {
  return `<location path="${path}"${extra}>${anonymousAt(attributes)}</location>`;
}

export function throwsInputError(run: () => unknown, check: (error: InputError) => void): void {
  check(inputErrorFrom(run));
}
