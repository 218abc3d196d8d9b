/**
 * Proves a performance change preserves behaviour: prints one SHA-256 over the full evaluation
 * (every finding, message, token and diagnostic) of each snapshot folder given, and of every
 * snapshot folder inside a folder of snapshots. Run it before and after a change; the hashes
 * must be equal.
 *
 *   tsx bench/fingerprint.ts examples/snapshots bench/.cache/inputs-v1/snapshot-1000 bench/.cache/inputs-v1/fleet-1000
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../src/core/errors';
import { judgeSnapshot } from '../src/core/judge-snapshot';
import type { RuleSetName } from '../src/core/rules';
import { loadSnapshotFolder } from '../src/io/snapshot';

function snapshotFolders(path: string): string[] {
  const isSnapshot = ['secedit.inf', 'applicationHost.config', 'MetaBase.xml'].some((file) =>
    existsSync(join(path, file)),
  );
  if (isSnapshot) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(path, entry.name))
    .sort();
}

function fingerprint(folders: readonly string[]): string {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const ruleSet of ['documented', 'conservative'] as RuleSetName[]) {
      try {
        const judged = judgeSnapshot(loadSnapshotFolder(folder), { ruleSet, withGpo: [] });
        hash.update(JSON.stringify(judged.evaluation));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        hash.update(`InputError ${error.message}`);
      }
    }
  }
  return hash.digest('hex');
}

for (const path of process.argv.slice(2)) {
  const folders = snapshotFolders(path);
  console.log(`${fingerprint(folders)}  ${path} (${folders.length} snapshot${folders.length === 1 ? '' : 's'})`);
}
