import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';
import { cliAnswer, exampleCases, type DifferentialCase } from '../helpers/differential';
import { corpusCases, generatedCases } from '../helpers/differential-more';
import { psQuote, runPowerShell, skipUnlessPsTool } from './ps-tools';

// One contract, two hosts: every differential case (the examples through every command, the
// corpus combinations, and generated facts documents) goes through the module's in-process
// host (the engine bundle in Jint inside PowerShell) and through the Node CLI bundle, and the
// exit code, stdout and stderr must be identical. One PowerShell process runs all cases, so the
// bundle is prepared once, as on a server. `npm run fuzz` runs GENERATED_CASES=1000.

const MODULE_MANIFEST = join(REPO_ROOT, 'dsc', 'IisLogonRightsDsc', 'IisLogonRightsDsc.psd1');
const GENERATED = Number(process.env.IIS_LOGON_RIGHTS_DIFFERENTIAL_CASES ?? '100');

interface HostAnswer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/** Runs the cases through Invoke-IisLogonRightsInProcessEngine in one PowerShell session. */
function inProcessAnswers(cases: readonly DifferentialCase[]): HostAnswer[] {
  const folder = mkdtempSync(join(tmpdir(), 'iislr-hosts-'));
  try {
    // One line a case: argv joined by NUL, then stdin, each base64 (any character survives).
    const file = join(folder, 'cases.txt');
    writeFileSync(
      file,
      cases.map((entry) => `${base64(entry.argv.join('\u0000'))}\t${base64(entry.stdin)}`).join('\n'),
    );
    const result = runPowerShell(
      `
      Import-Module ${psQuote(MODULE_MANIFEST)} -Force
      & (Get-Module -Name 'IisLogonRightsDsc') {
        $utf8 = [System.Text.UTF8Encoding]::new($false)
        foreach ($line in [System.IO.File]::ReadAllLines(${psQuote(file)})) {
          $parts = $line.Split([char] 9)
          $argv = $utf8.GetString([System.Convert]::FromBase64String($parts[0])).Split([char] 0)
          $stdin = $utf8.GetString([System.Convert]::FromBase64String($parts[1]))
          $run = Invoke-IisLogonRightsInProcessEngine -ArgumentList $argv -InputText $stdin
          '{0}|{1}|{2}' -f $run.ExitCode, [System.Convert]::ToBase64String($utf8.GetBytes($run.StandardOutput)), [System.Convert]::ToBase64String($utf8.GetBytes($run.StandardError))
        }
      }
      `,
      { timeoutMs: 60 * 60_000 },
    );
    assert.equal(result.terminatingError, null, result.terminatingError?.message ?? '');
    assert.deepEqual(
      result.errors.map((error) => error.message),
      [],
    );
    const lines = result.output.map((item) => String(item.value));
    assert.equal(lines.length, cases.length, 'one answer per case');
    return lines.map((line) => {
      const [exitCode, stdout, stderr] = line.split('|') as [string, string, string];
      return { exitCode: Number(exitCode), stdout: fromBase64(stdout), stderr: fromBase64(stderr) };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function differences(cases: readonly DifferentialCase[], answers: readonly HostAnswer[]): string[] {
  const found: string[] = [];
  cases.forEach((entry, index) => {
    const cli = cliAnswer(entry);
    const engine = answers[index]!;
    if (engine.exitCode !== cli.status)
      found.push(`${entry.name}: exit ${engine.exitCode} in-process, ${cli.status} node`);
    if (engine.stdout !== cli.stdout) found.push(`${entry.name}: stdout differs`);
    if (engine.stderr !== cli.stderr)
      found.push(
        `${entry.name}: stderr differs (${JSON.stringify(engine.stderr.slice(0, 200))} / ${JSON.stringify(cli.stderr.slice(0, 200))})`,
      );
  });
  return found;
}

describe('engine hosts: in-process (Jint in PowerShell) and node give byte-identical answers', function () {
  this.timeout(60 * 60_000);
  const groups: Record<'examples' | 'corpus' | 'generated', DifferentialCase[]> = {
    examples: [],
    corpus: [],
    generated: [],
  };
  const answers = new Map<DifferentialCase, HostAnswer>();

  // Every case in one PowerShell session: the bundle is prepared once, as on a server.
  before(function () {
    skipUnlessPsTool(this, 'in-process engine differential');
    groups.examples = exampleCases();
    groups.corpus = corpusCases();
    groups.generated = generatedCases(GENERATED);
    const all = [...groups.examples, ...groups.corpus, ...groups.generated];
    inProcessAnswers(all).forEach((answer, index) => answers.set(all[index]!, answer));
  });

  const check = (cases: readonly DifferentialCase[]) =>
    assert.deepEqual(
      differences(
        cases,
        cases.map((entry) => answers.get(entry)!),
      ),
      [],
    );

  it('every example snapshot through every command', () => {
    assert.ok(groups.examples.length >= 70);
    check(groups.examples);
  });

  it('the corpus combinations', function () {
    if (groups.corpus.length === 0) {
      console.log('      SKIPPED corpus combinations: ../shared is not present in this clone');
      this.skip();
    }
    check(groups.corpus);
  });

  it(`${GENERATED} generated facts documents`, () => {
    assert.equal(groups.generated.length, GENERATED);
    check(groups.generated);
  });
});
