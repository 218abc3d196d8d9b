import assert from 'node:assert/strict';
import type { JudgedSnapshot, SnapshotOutcome } from '../../src/core/fleet-summary';
import { FileSpool } from '../../src/io/spool';
import { writeJson } from '../../src/render/json-stream';
import { renderJunit } from '../../src/render/junit';
import { buildReportDocument } from '../../src/render/report-document';
import { fleetOutput, MemorySpool, renderPiece, type FleetFormat, type Spool } from '../../src/render/report-stream';
import { renderReportTable } from '../../src/render/fleet-summary-table';
import { renderSarif } from '../../src/render/sarif';
import { judgeExample } from '../helpers/fleet';

/**
 * report writes each snapshot's piece of the output as it is judged and the head (which needs
 * the whole fleet) at the end (issue 15: 5,000 snapshots kept about 1 GB of evaluations). The
 * bytes must be those of the whole-document renderers, whatever the fleet holds.
 */

function whole(format: FleetFormat, outcomes: readonly SnapshotOutcome[], withGpo: string[]): string {
  let text = '';
  const write = (piece: string) => (text += piece);
  if (format === 'json') writeJson(buildReportDocument(outcomes, 'documented', withGpo), write);
  else if (format === 'sarif') writeJson(renderSarif(outcomes), write);
  else if (format === 'junit') write(renderJunit(outcomes));
  else write(renderReportTable(outcomes, 'documented', { color: false }));
  return text;
}

function streamed(
  format: FleetFormat,
  outcomes: readonly SnapshotOutcome[],
  withGpo: string[],
  spool: Spool = new MemorySpool(),
): { text: string; exitCode: string } {
  const output = fleetOutput({ format, ruleSet: 'documented', withGpo, style: { color: false } }, spool);
  for (const outcome of outcomes) output.add(outcome);
  let text = '';
  const summary = output.finish((piece) => (text += piece));
  return { text, exitCode: `${summary.everySnapshotLoaded}/${summary.everyLoadedHostInDesiredState}` };
}

describe('report output written as the fleet is judged', () => {
  let fleet: SnapshotOutcome[];
  const failed: SnapshotOutcome = {
    kind: 'failed',
    name: 'fleet/web 99 "quoted"',
    error: 'fleet/web99/secedit.inf: expected secedit.inf, found no such file',
  };
  before(() => {
    const examples = [
      'iis6-gpo-revoked-at-refresh',
      'iis10-local-account-denied',
      'iis10-healthy',
      'iis10-gpo-blocked',
      'iis10-specificuser-pool-missing-batch',
    ].map((name) => judgeExample(name));
    // A name with characters JSON and XML escape, and a line separator that JSON text escapes.
    const odd: JudgedSnapshot = { ...examples[1]!, name: 'fleet/wéb\u2028<07>' };
    fleet = [examples[0]!, failed, ...examples.slice(1), odd];
  });

  for (const format of ['json', 'sarif', 'junit', 'table'] as const) {
    it(`${format}: the same bytes as the whole document, for a mixed fleet, one snapshot, only a failure and nothing`, () => {
      for (const [what, outcomes] of [
        ['mixed', fleet],
        ['one', fleet.slice(0, 1)],
        ['failed only', [failed]],
        ['healthy only', fleet.filter((outcome) => outcome.name.endsWith('healthy'))],
        ['none', []],
      ] as const) {
        for (const withGpo of [[], ['baseline/GptTmpl.inf']]) {
          assert.equal(
            streamed(format, outcomes, withGpo).text,
            whole(format, outcomes, withGpo),
            `${format}, ${what}, withGpo ${withGpo.length}`,
          );
        }
      }
    });
  }

  for (const format of ['json', 'junit'] as const) {
    it(`${format}: pieces rendered on a worker, and copied across as a thread would, give the same bytes`, () => {
      const output = fleetOutput(
        { format, ruleSet: 'documented', withGpo: [], style: { color: false } },
        new MemorySpool(),
      );
      for (const outcome of fleet) {
        const { outcome: sent, piece } = structuredClone(renderPiece(format, outcome));
        // The main thread gets no findings: the summary's counts and GPO causes come from the tally.
        if (sent.kind === 'judged') assert.deepEqual(sent.evaluation.findings, []);
        output.add(sent, piece);
      }
      let text = '';
      output.finish((piece) => (text += piece));
      assert.equal(text, whole(format, fleet, []));
    });
  }

  it('the summary it returns decides the exit code as the whole fleet does', () => {
    assert.equal(streamed('json', fleet, []).exitCode, 'false/false');
    assert.equal(
      streamed(
        'json',
        fleet.filter((outcome) => outcome.kind === 'judged'),
        [],
      ).exitCode,
      'true/false',
    );
  });

  it('a temporary file spool gives the same bytes, with characters split across its batches', () => {
    const spool = new FileSpool();
    try {
      assert.equal(streamed('json', fleet, [], spool).text, whole('json', fleet, []));
    } finally {
      spool.close();
    }
    const big = new FileSpool();
    try {
      // 1 MiB batches: a run of 3-byte and 4-byte characters falls across every boundary.
      const text = `${'x'.repeat(1_048_575)}${'é€😀'.repeat(300_000)}`;
      big.write(text.slice(0, 700_000));
      big.write(text.slice(700_000));
      let back = '';
      big.replay((piece) => (back += piece));
      assert.equal(back, text);
      // Copied out as bytes, without decoding: the text's UTF-8, whole.
      const bytes: Buffer[] = [];
      big.replay(
        () => assert.fail('bytes were asked for'),
        (piece) => bytes.push(Buffer.from(piece)),
      );
      assert.ok(Buffer.concat(bytes).equals(Buffer.from(text, 'utf8')));
    } finally {
      big.close();
    }
  });
});
