import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { analyzePowerShell, listPowerShellFiles, skipUnlessPsTool, REPO_ROOT, type PsAnalysis } from './ps-tools';

/**
 * The Windows workflow is the only place the module meets Windows PowerShell 5.1, the LCM and
 * dsc.exe, and no machine here can run it. What can be checked here is checked: every script step
 * parses, the steps Windows PowerShell 5.1 runs use no PowerShell 7 syntax, and every file and
 * module command a step names exists, so a run on a hosted runner fails only on what Windows does.
 */

const WORKFLOW = '.github/workflows/windows.yml';
const DSC_CONFIGURATION = /^\s*(?:\[[^\]\r\n]*\]\s*)*configuration\s+\w+/im;

interface WorkflowStep {
  name: string;
  shell: string;
  run: string;
}

function workflowSteps(): WorkflowStep[] {
  const document = load(readFileSync(join(REPO_ROOT, WORKFLOW), 'utf8')) as {
    jobs?: Record<string, { defaults?: { run?: { shell?: string } }; steps?: Record<string, unknown>[] }>;
  };
  const jobs = Object.values(document.jobs ?? {});
  return jobs.flatMap((job) =>
    (job.steps ?? [])
      .filter((step) => typeof step['run'] === 'string')
      .map((step) => ({
        name: String(step['name'] ?? step['run']),
        // A run step on a Windows runner without a shell runs in pwsh.
        shell: String(step['shell'] ?? job.defaults?.run?.shell ?? 'pwsh'),
        run: step['run'] as string,
      })),
  );
}

/** Paths into the repository a script names (`examples\snapshots\x`, `.\tools\pwsh\y.ps1`). */
function repositoryPaths(script: string): string[] {
  const found = script.matchAll(/(?<![\w$\\/.-])(?:\.[\\/])?((?:examples|tools|dsc|test)[\\/][\w.\\/-]*\w)/g);
  return [...new Set([...found].map((match) => match[1]!.replace(/\\/g, '/')))];
}

/** Commands of the module a script calls: the `Verb-IisLogonRights*` and `Verb-IisAnonymous*` names. */
function moduleCommands(script: string): string[] {
  return [...new Set(script.match(/\b[A-Z][a-z]+-Iis(?:LogonRights|Anonymous)\w*/g) ?? [])];
}

describe('the Windows workflow, checked where it cannot run', () => {
  const steps = workflowSteps();

  it('has the script steps the module needs on Windows: Pester on 5.1 and 7, the installed package, dsc.exe', () => {
    const shells = new Set(steps.map((step) => step.shell));
    assert.ok(shells.has('powershell') && shells.has('pwsh'), `shells used: ${[...shells].join(', ')}`);
    const names = steps.map((step) => step.name).join('\n');
    for (const expected of [
      /Pester \(Windows PowerShell 5\.1/,
      /Pester \(PowerShell 7\)/,
      /Install the module from the package/,
      /dsc\.exe/,
    ]) {
      assert.match(names, expected);
    }
  });

  it('names only files the repository has', () => {
    const missing = steps.flatMap((step) =>
      repositoryPaths(step.run)
        .filter((path) => !existsSync(join(REPO_ROOT, path)))
        .map((path) => `${step.name}: ${path}`),
    );
    assert.deepEqual(missing, []);
    assert.ok(steps.some((step) => repositoryPaths(step.run).includes('tools/pwsh/Invoke-PesterSuite.ps1')));
  });

  it('finds the DSC configuration block the compile step extracts from dsc/examples/README.md', () => {
    const readme = readFileSync(join(REPO_ROOT, 'dsc', 'examples', 'README.md'), 'utf8');
    const block = /<!-- dsc-configuration -->\s*```powershell\r?\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'no <!-- dsc-configuration --> block followed by a powershell fence');
    assert.match(block[1]!, /\bConfiguration\s+IisAnonymousLogonRight_Config\b/i);
  });

  it('reads paths and module commands out of a script (the checks above are not vacuous)', () => {
    const script =
      '$e = Resolve-Path examples\\snapshots\\iis10-healthy\n.\\tools\\pwsh\\Run.ps1 -Path dsc\\tests\n& $m { Get-IisLogonRightsEngineHost }; Test-IisAnonymousLogonRight';
    assert.deepEqual(repositoryPaths(script), ['examples/snapshots/iis10-healthy', 'tools/pwsh/Run.ps1', 'dsc/tests']);
    assert.deepEqual(moduleCommands(script), ['Get-IisLogonRightsEngineHost', 'Test-IisAnonymousLogonRight']);
  });

  describe('its PowerShell, read by the real parser', function () {
    let scratch = '';
    let analyses: { step: WorkflowStep; analysis: PsAnalysis }[] = [];
    let moduleFunctions = new Set<string>();

    before(function () {
      this.timeout(10 * 60_000);
      skipUnlessPsTool(this, 'the Windows workflow PowerShell checks');
      scratch = mkdtempSync(join(tmpdir(), 'iislr-workflow-'));
      const files = steps.map((step, index) => {
        const file = join(scratch, `step-${index}.ps1`);
        writeFileSync(file, step.run);
        return file;
      });
      analyses = analyzePowerShell(files).map((analysis, index) => ({ step: steps[index]!, analysis }));
      const module = analyzePowerShell(listPowerShellFiles(['dsc/IisLogonRightsDsc']));
      moduleFunctions = new Set(module.flatMap((file) => file.functions.map((fn) => fn.name.toLowerCase())));
    });

    after(() => {
      if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
    });

    it('every script step parses (a DSC configuration statement only on Windows)', () => {
      // The parser reads a `configuration` statement through the DSC schema store, which only a
      // Windows machine (or PS DSC for Linux) has; such a step is parsed by the workflow itself.
      const withConfiguration = analyses.filter(({ step }) => DSC_CONFIGURATION.test(step.run));
      for (const { step } of withConfiguration) {
        console.log(`      (not parsed here, it holds a DSC configuration statement: ${step.name})`);
      }
      const errors = analyses
        .filter((entry) => !withConfiguration.includes(entry))
        .flatMap(({ step, analysis }) =>
          analysis.parseErrors.map((error) => `${step.name} ${error.line}:${error.column} ${error.message}`),
        );
      assert.deepEqual(errors, []);
      assert.ok(analyses.length >= 8, `${analyses.length} script steps read`);
    });

    it('the steps Windows PowerShell 5.1 runs use no PowerShell 7 syntax, and every step is ASCII', () => {
      const found = analyses.flatMap(({ step, analysis }) => [
        ...(step.shell === 'powershell' ? analysis.ps7OnlySyntax : []).map(
          (construct) => `${step.name} ${construct.line}:${construct.column} ${construct.kind}: ${construct.text}`,
        ),
        ...analysis.nonAscii.map((character) => `${step.name} ${character.line}:${character.column} non-ASCII`),
      ]);
      assert.deepEqual(found, []);
    });

    it('every module command a step calls is a function of the module', () => {
      assert.ok(moduleFunctions.has('test-iisanonymouslogonright'), 'the module was read');
      const unknown = steps.flatMap((step) =>
        moduleCommands(step.run)
          .filter((name) => !moduleFunctions.has(name.toLowerCase()))
          .map((name) => `${step.name}: ${name}`),
      );
      assert.deepEqual(unknown, []);
    });
  });
});
