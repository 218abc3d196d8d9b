import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JudgedSnapshot } from '../../src/core/fleet-summary';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { REPO_ROOT } from './cli';
import { readVendorSchema } from './vendor-schemas';

export const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');

/** The example snapshots every generated host is copied from (in this order, round robin). */
export const TEMPLATES = [
  'iis6-gpo-revoked-at-refresh',
  'iis10-local-account-denied',
  'iis10-specificuser-pool-missing-batch',
  'iis10-healthy',
  'iis10-gpo-blocked',
] as const;
export type Template = (typeof TEMPLATES)[number];

/**
 * What was done to a host's copy:
 * - none: only host.json's computerName changed;
 * - drop-accounts: the local and domain accounts removed from accounts.json (the collector could
 *   not resolve them), so their findings become unresolved;
 * - no-host-json: host.json deleted (the report must fall back to the snapshot's name);
 * - binary-secedit / bad-sid-secedit: secedit.inf replaced by bytes that are not text, or given a
 *   malformed SID: the snapshot cannot be loaded;
 * - no-secedit: secedit.inf deleted while the other files stay: a collection that went wrong.
 */
export type Fault = 'none' | 'drop-accounts' | 'no-host-json' | 'binary-secedit' | 'bad-sid-secedit' | 'no-secedit';

export const BROKEN_FAULTS: readonly Fault[] = ['binary-secedit', 'bad-sid-secedit', 'no-secedit'];

export interface GeneratedHost {
  /** The path report prints for it: join(argument, folder name). */
  path: string;
  template: Template;
  fault: Fault;
  /** The computer name written to host.json (absent when the fault removed host.json). */
  computerName: string | null;
}

export interface GeneratedFleet {
  root: string;
  /** The arguments to give report: two folders of snapshot folders and one snapshot folder. */
  args: string[];
  hosts: GeneratedHost[];
  cleanup(): void;
}

/**
 * Which fault host number i gets: a fixed mix, spread over the templates (host i is a copy of
 * template i mod 5, so the moduli here are prime to 5 or step over whole groups of five).
 * Per 1,000 hosts: 4 without secedit.inf, 10 binary and 10 with a bad SID, about 10 without
 * host.json, and 100 with dropped accounts (20 of each template).
 */
export function faultFor(index: number): Fault {
  if (index % 250 === 99) return 'no-secedit';
  if (index % 101 === 7) return 'binary-secedit';
  if (index % 103 === 57) return 'bad-sid-secedit';
  if (index % 97 === 11) return 'no-host-json';
  if (Math.floor(index / 5) % 10 === 3) return 'drop-accounts';
  return 'none';
}

export function computerNameFor(index: number): string {
  return `WEB-${String(index).padStart(4, '0')}`;
}

/**
 * Writes `size` snapshots into a temporary folder: hosts 0..size-2 split between
 * `dc-east/` and `dc-west/` (each a folder of snapshot folders, with a hidden folder and a
 * non-snapshot folder that discovery must skip), and the last host as `single/` (passed as a
 * snapshot folder itself). Unchanged files are hard links to one staged copy of each template,
 * so a fleet of thousands takes a second or two to write.
 */
export function generateFleet(size: number): GeneratedFleet {
  const root = mkdtempSync(join(tmpdir(), 'iis-logon-rights-fleet-'));
  const staged = join(root, '.templates');
  for (const template of TEMPLATES) {
    mkdirSync(join(staged, template), { recursive: true });
    for (const file of readdirSync(join(EXAMPLES, template))) {
      if (file === 'README.md') continue;
      copyFileSync(join(EXAMPLES, template, file), join(staged, template, file));
    }
  }
  const east = join(root, 'dc-east');
  const west = join(root, 'dc-west');
  const single = join(root, 'single');
  mkdirSync(join(east, '.old-host'), { recursive: true });
  writeFileSync(join(east, '.old-host', 'secedit.inf'), 'not a snapshot: hidden folders are skipped');
  mkdirSync(join(west, 'notes'), { recursive: true });
  writeFileSync(join(west, 'notes', 'README.txt'), 'a folder without snapshot files is not a snapshot');
  const hosts: GeneratedHost[] = [];
  for (let index = 0; index < size; index++) {
    const template = TEMPLATES[index % TEMPLATES.length]!;
    const fault = faultFor(index);
    const isLast = index === size - 1;
    const parent = isLast ? root : index < size / 2 ? east : west;
    const folder = isLast ? single : join(parent, `host-${String(index).padStart(4, '0')}`);
    writeHost(join(staged, template), folder, index, fault);
    hosts.push({
      path: folder,
      template,
      fault,
      computerName: fault === 'no-host-json' ? null : computerNameFor(index),
    });
  }
  return { root, args: [east, west, single], hosts, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function writeHost(template: string, folder: string, index: number, fault: Fault): void {
  mkdirSync(folder, { recursive: true });
  for (const file of readdirSync(template)) {
    const source = join(template, file);
    const target = join(folder, file);
    if (file === 'host.json') {
      if (fault === 'no-host-json') continue;
      writeFileSync(
        target,
        JSON.stringify({ ...JSON.parse(readFileSync(source, 'utf8')), computerName: computerNameFor(index) }, null, 2),
      );
    } else if (file === 'accounts.json' && fault === 'drop-accounts') {
      const accounts = JSON.parse(readFileSync(source, 'utf8')) as { accounts: { kind: string }[] };
      accounts.accounts = accounts.accounts.filter((account) => account.kind !== 'local' && account.kind !== 'domain');
      writeFileSync(target, JSON.stringify(accounts, null, 2));
    } else if (file === 'secedit.inf' && fault === 'no-secedit') {
      continue;
    } else if (file === 'secedit.inf' && fault === 'binary-secedit') {
      writeFileSync(
        target,
        Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8]),
      );
    } else if (file === 'secedit.inf' && fault === 'bad-sid-secedit') {
      writeFileSync(
        target,
        '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-5-32-544,*S-1-5-32-5x5\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n',
      );
    } else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** An example snapshot judged in process, as report would judge it. */
export function judgeExample(
  template: Template | string,
  ruleSet: 'documented' | 'conservative' = 'documented',
  folder = join(EXAMPLES, template),
): JudgedSnapshot {
  const snapshot = loadSnapshotFolder(folder);
  const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet, withGpo: [] });
  return { kind: 'judged', name: snapshot.name, host: snapshot.host, evaluation, policy };
}

type Validator = ((value: unknown) => boolean) & { errors?: unknown };
let sarifValidator: Validator | undefined;
let reportValidator: Validator | undefined;

/**
 * Compiles the official SARIF 2.1.0 schema (test/fixtures/vendor-schemas). It declares draft-04, which ajv 8 does not load; the only draft-04
 * construct it uses is the root "id", so it is read as draft-07 with that renamed to "$id".
 */
export function sarifSchemaValidator(): Validator {
  if (!sarifValidator) {
    const { $schema: _draft04, id, ...schema } = readVendorSchema('sarif-schema-2.1.0.json');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile({ $id: String(id), ...schema });
  }
  return sarifValidator;
}

export function assertValidSarif(log: unknown): void {
  const validate = sarifSchemaValidator();
  if (!validate(log))
    throw new Error(`SARIF does not match sarif-schema-2.1.0.json: ${JSON.stringify(validate.errors, null, 2)}`);
}

/** Validates a report document against schemas/report.schema.json; throws with ajv's errors. */
export function assertValidReport(document: unknown): void {
  if (!reportValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    reportValidator = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'report.schema.json'), 'utf8')));
  }
  if (!reportValidator(document))
    throw new Error(
      `report does not match schemas/report.schema.json: ${JSON.stringify(reportValidator.errors, null, 2)}`,
    );
}
