import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { psQuote, runPowerShell, skipUnlessPsTool, REPO_ROOT, type PsEvalResult } from './ps-tools';

// Runs the module's own functions in a runspace of the real PowerShell engine: tools/ps-ast
// (System.Management.Automation 7.6.9, Core cmdlets only) here, pwsh where it exists. The
// module is imported from its manifest, so the psm1, the class and the format file load as they
// would on Windows. What cannot run here is replaced at the module's boundary functions
// (test/fixtures/ps-module/Use-IisLogonRightsTestBoundary.ps1): collecting the facts (secedit,
// IIS files, WMI, account lookups) and the three LSA calls. The engine is the real bundle, run
// by the module through node. ConvertFrom-Json, absent from the Core-only engine, is replaced
// by a Newtonsoft-based stand-in (test/fixtures/ps-module/ConvertFrom-Json.StandIn.ps1) there.

export const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ps-module');
export const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
export const MISSING_BATCH = join(EXAMPLES, 'iis10-specificuser-pool-missing-batch');
export const GPO_BLOCKED = join(EXAMPLES, 'iis10-gpo-blocked');
export const REPORTS_SID = 'S-1-5-21-2060260628-1893702904-3285376245-1604';
export const TOOL_SETUP_TIMEOUT_MS = 10 * 60_000;
export const EVAL_TIMEOUT_MS = 120_000;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const schema = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${name}.schema.json`), 'utf8')));
export const validateFacts = schema('facts');
export const validateAccounts = schema('accounts');
export const validateRsop = schema('rsop');
export const validatePlan = schema('plan');

/** Imports the module, then runs `body` inside the module's scope (private functions callable). */
export function evalInModule(body: string): PsEvalResult {
  return runPowerShell(`
    if ($null -eq (Get-Command -Name 'ConvertFrom-Json' -CommandType Cmdlet -ErrorAction SilentlyContinue)) { . ${psQuote(join(FIXTURES, 'ConvertFrom-Json.StandIn.ps1'))} }
    . ${psQuote(join(FIXTURES, 'Use-IisLogonRightsTestBoundary.ps1'))}
    Import-Module ${psQuote(MODULE_MANIFEST)} -Force
    & (Get-Module -Name 'IisLogonRightsDsc') {
${body}
    }
  `);
}

export function values(result: PsEvalResult): unknown[] {
  return result.output.map((item) => item.value);
}

export function assertClean(result: PsEvalResult): void {
  assert.deepEqual(
    result.errors.map((error) => `${error.fullyQualifiedErrorId}: ${error.message}`),
    [],
  );
  assert.equal(result.terminatingError, null, result.terminatingError?.message ?? '');
}

/** A copy of a snapshot folder whose secedit.inf grants `right` to `sid` as well (the state after Set). */
export function grantedCopy(folder: string, right: string, sid: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'iislr-after-'));
  cpSync(folder, copy, { recursive: true });
  const path = join(copy, 'secedit.inf');
  const text = readFileSync(path)
    .toString('utf16le')
    .replace(/^\uFEFF/, '');
  const changed = text.replace(new RegExp(`^(${right} = .*)$`, 'm'), `$1,*${sid}`);
  assert.notEqual(changed, text, `${right} line found`);
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(changed, 'utf16le')]));
  return copy;
}

/** What each group of runspace tests gets: temporary folders removed after the group. */
export interface ModuleEvalContext {
  temporary: string[];
  tempFolder(prefix: string): string;
}

/**
 * A group of runspace tests: skipped with the reason printed when no PowerShell engine is
 * installed, and refused when the module's bundled engine is missing (npm test builds it).
 */
export function describeModuleEval(title: string, body: (context: ModuleEvalContext) => void): void {
  describe(title, function () {
    this.timeout(EVAL_TIMEOUT_MS);
    const temporary: string[] = [];

    before(function () {
      this.timeout(TOOL_SETUP_TIMEOUT_MS);
      skipUnlessPsTool(this, 'IisLogonRightsDsc runspace tests');
      if (!existsSync(join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'bin', 'iis-logon-rights.cjs'))) {
        throw new Error(
          'dsc/IisLogonRightsDsc/bin/iis-logon-rights.cjs is missing: run node build.mjs (npm test does)',
        );
      }
    });

    after(function () {
      for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
    });

    body({
      temporary,
      tempFolder(prefix: string): string {
        const folder = mkdtempSync(join(tmpdir(), prefix));
        temporary.push(folder);
        return folder;
      },
    });
  });
}
