import assert from 'node:assert/strict';
import type { AnonymousScope, IisConfiguration } from '../../src/core/model';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';
import { parseWebConfigs } from '../../src/parse/webconfig';

/** Small applicationHost.config and webconfigs.json documents for the web.config and locking tests. */

export const SECTION = (attributes: string) =>
  `<system.webServer><security><authentication><anonymousAuthentication ${attributes} /></authentication></security></system.webServer>`;

/** How the section is declared: with overrideModeDefault Allow or Deny, without it, or not at all. */
export type Declaration = 'Allow' | 'Deny' | 'no-attribute' | 'undeclared';

function declarationOf(declaration: Declaration): string {
  if (declaration === 'undeclared') return '';
  const mode = declaration === 'no-attribute' ? '' : ` overrideModeDefault="${declaration}"`;
  return `<configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication">
    <section name="anonymousAuthentication"${mode} />
  </sectionGroup></sectionGroup></sectionGroup></configSections>`;
}

/** Site Blog with applications / and /app; the server level names CONTOSO\server. */
export function applicationHost(declaration: Declaration, locations = ''): string {
  return `<?xml version="1.0"?>
<configuration>
  ${declarationOf(declaration)}
  <system.applicationHost>
    <applicationPools><add name="DefaultAppPool" /></applicationPools>
    <sites>
      <site name="Blog" id="1">
        <application path="/" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="D:\\blog" /></application>
        <application path="/app" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="D:\\app" /></application>
      </site>
    </sites>
  </system.applicationHost>
  ${SECTION('userName="CONTOSO\\server"')}
  ${locations}
</configuration>`;
}

export type Entry = {
  site?: string;
  path: string;
  state?: 'read' | 'absent' | 'unreadable';
  text?: string;
  reason?: string;
};

export function webConfigs(...entries: Entry[]): unknown {
  return {
    webConfigs: entries.map((entry) => ({
      site: entry.site ?? 'Blog',
      path: entry.path,
      physicalPath: `D:\\w${entry.path}\\web.config`,
      state: entry.state ?? 'read',
      ...(entry.text !== undefined ? { text: entry.text } : {}),
      ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    })),
  };
}

export type Walk = { path: string; depth?: number; complete?: boolean; reason?: string };

/** A webconfigs.json value with folderWalks for site Blog (depth 8 and complete unless given). */
export function withWalks(value: unknown, ...walks: Walk[]): unknown {
  return {
    ...(value as object),
    folderWalks: walks.map((walk) => ({
      site: 'Blog',
      path: walk.path,
      physicalPath: `D:\\w${walk.path}`,
      depth: walk.depth ?? 8,
      complete: walk.complete ?? true,
      ...(walk.reason !== undefined ? { reason: walk.reason } : {}),
    })),
  };
}

export const configFile = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${body}\n</configuration>\n`;

export function parse(host: string, value: unknown): IisConfiguration {
  return parseApplicationHostConfig(host, 'applicationHost.config', parseWebConfigs(value, 'webconfigs.json'));
}

export function scope(config: IisConfiguration, path: string): AnonymousScope {
  const found = config.scopes.find((candidate) => candidate.site === 'Blog' && candidate.path === path);
  assert.ok(found, `no scope Blog${path}: ${config.scopes.map((s) => s.path).join(', ')}`);
  return found;
}
