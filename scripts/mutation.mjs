// `npm run mutation`: Stryker over src/core and src/parse, one chunk of files at a time, and one
// merged report with the score at the end.
//
// Why chunks: Stryker instruments every file it mutates, and instrumented code runs the whole
// suite about five times slower. Mutating all 8,000 mutants at once made every test slow for
// every mutant (25-40 mutants a minute, an estimated 3-4 hours); mutating about 1,000 lines at a
// time leaves the rest of the engine uninstrumented, and the same mutants took minutes per
// chunk (MUTATION.md, "Run of 2026-12-06"). Each chunk's report is kept, so a run that is
// stopped keeps what it finished, and `--resume` skips a finished chunk when the commit, a
// clean tree and the chunk's file list are the same as when it ran.
//
// `--incremental` hands Stryker the last merged report, so each chunk retests only mutants whose
// code changed, that survived and are now covered by a new or changed test, or whose killing
// test changed (Stryker's incremental mode); the rest keep their earlier result. With `--resume`
// it reuses the baseline of the stopped run at the same commit (chunks/previous.json).
//
// Usage: node scripts/mutation.mjs [--resume] [--incremental] [--lines N]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    resume: { type: 'boolean', default: false },
    incremental: { type: 'boolean', default: false },
    lines: { type: 'string', default: '1000' },
  },
});
const linesPerChunk = Number(values.lines);
if (!Number.isInteger(linesPerChunk) || linesPerChunk < 1) {
  console.error(`mutation: --lines: expected a positive whole number, found "${values.lines}"`);
  process.exit(2);
}

const config = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
const REPORT = config.jsonReporter?.fileName ?? 'reports/mutation/mutation.json';
const CHUNKS = 'reports/mutation/chunks';

/** The files the config's `mutate` patterns name; only the `<folder>/**\/*.ts` form is used. */
function filesToMutate() {
  const files = [];
  for (const pattern of config.mutate) {
    const folder = /^([\w./-]+)\/\*\*\/\*\.ts$/.exec(pattern)?.[1];
    if (folder === undefined) {
      console.error(`mutation: stryker.config.json mutate: expected "<folder>/**/*.ts", found "${pattern}"`);
      process.exit(2);
    }
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) files.push(path);
      }
    };
    walk(folder);
  }
  return files.sort();
}

/** Consecutive files of about `linesPerChunk` lines each, so every chunk is a similar size. */
function chunksOf(files) {
  const chunks = [];
  let current = [];
  let lines = 0;
  for (const file of files) {
    current.push(file);
    lines += readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines >= linesPerChunk) {
      chunks.push(current);
      current = [];
      lines = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8' }).trim();
}

const commit = git('rev-parse', 'HEAD');
const clean = git('status', '--porcelain', '--untracked-files=no') === '';
const chunks = chunksOf(filesToMutate());
mkdirSync(CHUNKS, { recursive: true });
const PREVIOUS = join(CHUNKS, 'previous.json');
const PREVIOUS_META = join(CHUNKS, 'previous.meta.json');
if (values.incremental) {
  // Each chunk replaces the merged report with its own, so a run that was stopped leaves no merged
  // report, or one chunk's: --resume goes on from the baseline the stopped run started from.
  const earlier =
    existsSync(PREVIOUS) && existsSync(PREVIOUS_META) ? JSON.parse(readFileSync(PREVIOUS_META, 'utf8')) : {};
  if (values.resume && clean && earlier.commit === commit) {
    console.log(`--incremental: the stopped run's baseline ${PREVIOUS} is reused`);
  } else if (!existsSync(REPORT)) {
    console.error(`mutation: --incremental: expected the merged report of an earlier run at ${REPORT}, found none`);
    process.exit(2);
  } else {
    copyFileSync(REPORT, PREVIOUS);
    writeFileSync(PREVIOUS_META, JSON.stringify({ commit: clean ? commit : `${commit}+changes` }, null, 2));
  }
}

chunks.forEach((files, index) => {
  const name = String(index + 1).padStart(2, '0');
  const report = join(CHUNKS, `${name}.json`);
  const meta = join(CHUNKS, `${name}.meta.json`);
  if (values.resume && clean && existsSync(report) && existsSync(meta)) {
    const previous = JSON.parse(readFileSync(meta, 'utf8'));
    if (previous.commit === commit && previous.files.join(',') === files.join(',')) {
      console.log(`chunk ${name}/${chunks.length}: kept from the earlier run at ${commit.slice(0, 7)}`);
      return;
    }
  }
  console.log(`chunk ${name}/${chunks.length} (${new Date().toISOString()}): ${files.join(' ')}`);
  rmSync(REPORT, { force: true });
  const args = ['stryker', 'run', '--mutate', files.join(','), '--reporters', 'json,progress'];
  if (values.incremental) {
    // Stryker rewrites its incremental file at the end, so each chunk reads its own copy.
    const incremental = join(CHUNKS, `${name}.incremental.json`);
    copyFileSync(PREVIOUS, incremental);
    args.push('--incremental', '--incrementalFile', incremental);
  }
  const run = spawnSync('npx', args, { stdio: 'inherit' });
  if (run.status !== 0 || !existsSync(REPORT)) {
    console.error(`mutation: chunk ${name} failed (Stryker exit ${run.status}); the chunks before it are kept`);
    process.exit(run.status || 1);
  }
  copyFileSync(REPORT, report);
  writeFileSync(meta, JSON.stringify({ commit: clean ? commit : `${commit}+changes`, files }, null, 2));
});

// One report in Stryker's JSON format over every chunk, and the score table.
const merged = { schemaVersion: '1', thresholds: config.thresholds ?? { high: 80, low: 60 }, files: {}, testFiles: {} };
const rows = [];
const total = { detected: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
for (const [index, files] of chunks.entries()) {
  const report = JSON.parse(readFileSync(join(CHUNKS, `${String(index + 1).padStart(2, '0')}.json`), 'utf8'));
  // Only the chunk's own files: an incremental run may carry the other files' earlier results.
  for (const file of files) if (report.files[file] !== undefined) merged.files[file] = report.files[file];
  // Every chunk runs the same suite, so test ids are the same in every chunk's report.
  Object.assign(merged.testFiles, report.testFiles ?? {});
}
for (const [file, result] of Object.entries(merged.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const count = { detected: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const mutant of result.mutants) {
    if (mutant.status === 'Killed' || mutant.status === 'Timeout') count.detected++;
    else if (mutant.status === 'Survived') count.survived++;
    else if (mutant.status === 'NoCoverage') count.noCoverage++;
    else if (mutant.status === 'Ignored') count.ignored++;
    else count.errors++;
  }
  for (const key of Object.keys(total)) total[key] += count[key];
  rows.push({ file, ...count });
}
writeFileSync(REPORT, JSON.stringify(merged));
const score = (c) => {
  const valid = c.detected + c.survived + c.noCoverage;
  return valid === 0 ? '   n/a' : ((100 * c.detected) / valid).toFixed(2).padStart(6);
};
console.log(`\n${'file'.padEnd(52)} score  killed survived no-cov ignored`);
for (const row of [...rows, { file: 'all files', ...total }]) {
  const cells = [row.detected, row.survived, row.noCoverage, row.ignored].map((n) => String(n).padStart(7));
  console.log(`${row.file.padEnd(52)} ${score(row)} ${cells.join(' ')}`);
}
console.log(`\nmerged report: ${REPORT} (${chunks.length} chunks at ${clean ? commit.slice(0, 7) : 'a changed tree'})`);
