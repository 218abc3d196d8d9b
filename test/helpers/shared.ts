import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The team's shared reference folder (`../shared` beside the checkout) holds the real-world
 * corpus. Tests read it in place; a user's clone has no such folder, so
 * those tests skip with a printed reason instead of failing or passing vacuously.
 */
export const SHARED_ROOT = resolve(process.env.IIS_LOGON_RIGHTS_SHARED ?? join(__dirname, '..', '..', '..', 'shared'));

export function sharedAvailable(): boolean {
  return existsSync(join(SHARED_ROOT, 'corpus'));
}

export function sharedPath(...parts: string[]): string {
  return join(SHARED_ROOT, ...parts);
}

export function readShared(...parts: string[]): Buffer {
  return readFileSync(sharedPath(...parts));
}

export function listShared(...parts: string[]): string[] {
  return readdirSync(sharedPath(...parts)).sort();
}

const announced = new Set<string>();

/**
 * Call inside a `before` hook of a suite that needs ../shared: marks the suite pending (never
 * passed) and prints why, once per suite title.
 */
export function skipUnlessShared(context: Mocha.Context, what: string): void {
  if (sharedAvailable()) return;
  if (!announced.has(what)) {
    announced.add(what);
    console.log(`      SKIPPED ${what}: ${SHARED_ROOT} (the team's shared corpus) is not present in this clone`);
  }
  context.skip();
}
