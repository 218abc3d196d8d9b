import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';
import { SHARED_ROOT, listShared, readShared, sharedAvailable } from '../helpers/shared';

/** The documents the fuzz suites mutate: the repository's fixtures and the shared corpus. */

export interface Seed {
  origin: string;
  bytes: Uint8Array;
}

/** Files under a repository folder whose names match, read once. */
export function repoSeeds(folder: string, match: RegExp): Seed[] {
  const root = join(REPO_ROOT, folder);
  const seeds: Seed[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = join(relative, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (match.test(entry.name))
        seeds.push({ origin: join(folder, path), bytes: readFileSync(join(root, path)) });
    }
  };
  if (existsSync(root)) walk('');
  return seeds.sort((a, b) => a.origin.localeCompare(b.origin));
}

const announcedMissingCorpus = new Set<string>();

/**
 * Corpus files read in place from ../shared; none (with the reason printed once) in a clone
 * without it, so the suite still runs on the repository's own fixtures.
 */
export function corpusSeeds(folder: string, match: RegExp): Seed[] {
  if (!sharedAvailable()) {
    if (!announcedMissingCorpus.has(folder)) {
      announcedMissingCorpus.add(folder);
      console.log(
        `      corpus seeds from ${folder} SKIPPED: ${SHARED_ROOT} (the team's shared corpus) is not present in this clone`,
      );
    }
    return [];
  }
  return listShared('corpus', folder)
    .filter((name) => match.test(name))
    .map((name) => ({ origin: `corpus/${folder}/${name}`, bytes: readShared('corpus', folder, name) }));
}
