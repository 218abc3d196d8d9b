import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, MINIMAL_ACCOUNTS, MINIMAL_SECEDIT, REPO_ROOT, type CliRun } from './cli';

/**
 * Helpers for inputs that are not regular files (FIFOs, devices, unreadable folders) and for
 * outputs that fail. Each run has a generous kill timeout: without the fix these cases block
 * forever, and a test must end either way. The timeout is a guard, not a timing assertion.
 */

export const GUARD_TIMEOUT_MS = 60_000;

export function runBundleGuarded(
  args: string[],
  options: { asUser?: boolean; input?: string } = {},
): CliRun & { signal: NodeJS.Signals | null } {
  const command =
    options.asUser && dropToNobody()
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
      : [process.execPath];
  const result = spawnSync(command[0]!, [...command.slice(1), BUNDLE, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: GUARD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

/**
 * Permissions do not stop root, so tests of unreadable folders run the bundle as `nobody` via
 * setpriv when the suite runs as root; undefined means they cannot run here (with the reason).
 */
export function unreadableFolderSupport(): string | undefined {
  if (process.platform === 'win32') return 'POSIX permissions only';
  if (process.getuid?.() !== 0) return undefined;
  if (!dropToNobody()) return 'running as root without setpriv, so no folder is unreadable';
  return undefined;
}

function dropToNobody(): boolean {
  return process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
}

/** Lets `nobody` walk down to `path` (mkdtemp makes folders private to their owner). */
export function openToEveryone(...paths: string[]): void {
  for (const path of paths) chmodSync(path, 0o755);
}

/** The files of an example snapshot, by name (README.md left out). */
export function exampleSnapshotFiles(name: string): Record<string, Buffer> {
  const folder = join(REPO_ROOT, 'examples', 'snapshots', name);
  const files: Record<string, Buffer> = {};
  for (const file of readdirSync(folder)) if (file !== 'README.md') files[file] = readFileSync(join(folder, file));
  return files;
}

/** An applicationHost.config with `sites` sites, each with its own anonymous account. */
export function manySitesApplicationHost(sites: number): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration>',
    '<system.applicationHost>',
    '<applicationPools>',
    '<add name="DefaultAppPool"><processModel identityType="ApplicationPoolIdentity" /></add>',
    '</applicationPools>',
    '<sites>',
  ];
  for (let id = 1; id <= sites; id++)
    lines.push(
      `<site name="Site ${id}" id="${id}"><application path="/" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="C:\\sites\\${id}" /></application></site>`,
    );
  lines.push(
    '</sites>',
    '</system.applicationHost>',
    '<system.webServer><security><authentication><anonymousAuthentication enabled="true" userName="WEB01\\anon" /></authentication></security></system.webServer>',
    '</configuration>',
    '',
  );
  return lines.join('\r\n');
}

export const MANY_SITES_SNAPSHOT = (sites: number): Record<string, string> => ({
  'secedit.inf': MINIMAL_SECEDIT,
  'applicationHost.config': manySitesApplicationHost(sites),
  'accounts.json': MINIMAL_ACCOUNTS,
});

export function bundleExists(): boolean {
  return existsSync(BUNDLE);
}
