import {
  DEFAULT_SUMMARY_LIMITS,
  FleetSummarizer,
  tallySnapshot,
  type FailedSnapshot,
  type FleetSummary,
  type SnapshotOutcome,
  type SnapshotTally,
} from '../core/fleet-summary';
import type { RuleSetName } from '../core/rules';
import { plainFinding } from '../core/judged-finding';
import { writeJsonValue } from './json-stream';
import { addCounts, JUNIT_TAIL, junitHead, junitSuite, suiteText, type Suite, type SuiteCounts } from './junit';
import { FleetCauseTally } from './report-causes';
import { renderFleetSummaryTable } from './fleet-summary-table';
import { reportHeader, reportSnapshot } from './report-document';
import { SarifRunBuilder } from './sarif';
import type { TableStyle } from './paint';

/**
 * `report` output written as the fleet is judged, so memory stays flat however many snapshots
 * there are (5,000 kept every evaluation until the end: about 1 GB). Each snapshot's piece of
 * the output (its JSON entry, its SARIF results, its JUnit suite) is rendered as soon as it is
 * judged and put in a spool; only counts stay in memory. The documents start with what the
 * whole fleet decides (the summary, the totals, whether every snapshot loaded), so the head is
 * written when the last snapshot is in, and then the spool is copied out. The bytes are those of
 * the whole-document renderers (buildReportDocument, renderSarif, renderJunit).
 */

/** Text put aside until the head of the output is known (a temporary file in the CLI). */
export interface Spool {
  write(text: string): void;
  /**
   * Every text written, in order, in pieces; as UTF-8 bytes to `writeBytes` when it is given and
   * the spool holds bytes (a file), else as text to `write`.
   */
  replay(write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): void;
}

/** A spool in memory: for a table (nothing is spooled) and for tests. */
export class MemorySpool implements Spool {
  private readonly pieces: string[] = [];

  write(text: string): void {
    this.pieces.push(text);
  }

  replay(write: (text: string) => void): void {
    for (const piece of this.pieces) write(piece);
  }
}

export interface FleetOutput {
  /** The next snapshot, in the report's order, with its piece when a worker rendered it (renderPiece). */
  add(outcome: SnapshotOutcome, piece?: RenderedPiece): void;
  /** Writes the whole output (through `writeBytes` too, when given) and returns the summary (for the exit code). */
  finish(write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): FleetSummary;
}

export type FleetFormat = 'json' | 'junit' | 'sarif' | 'table';

export interface FleetOutputOptions {
  format: FleetFormat;
  ruleSet: RuleSetName;
  withGpo: readonly string[];
  style: TableStyle;
}

export function fleetOutput(options: FleetOutputOptions, spool: Spool): FleetOutput {
  const summarizer = new FleetSummarizer();
  const piece = pieceWriter(options, spool);
  return {
    add(outcome, rendered) {
      summarizer.add(outcome, rendered?.tally);
      piece.add(outcome, rendered);
    },
    finish(write, writeBytes) {
      const summary = summarizer.summary();
      piece.finish(summary, write, writeBytes);
      return summary;
    },
  };
}

/**
 * A snapshot's piece of the output, rendered on the worker thread that judged it, with what the
 * fleet summary reads of it: only these cross to the main thread, instead of the whole
 * evaluation (issue 15, P3).
 */
export type RenderedPiece = ({ json: string } | { junit: Suite }) & { tally: SnapshotTally };

/**
 * What a worker sends for `format`: the piece when the format's piece depends on this snapshot
 * alone (JSON, JUnit), and then the outcome without its findings, since the piece's tally is all
 * the main thread reads of them. A SARIF result and the table's causes depend on the others, so
 * for those the outcome keeps its findings as plain objects. The policy projection never crosses
 * (it holds functions).
 */
export function renderPiece(
  format: string,
  outcome: SnapshotOutcome,
): { outcome: SnapshotOutcome; piece: RenderedPiece | undefined } {
  if (outcome.kind === 'failed') return { outcome, piece: undefined };
  // A structured clone keeps own data members only, so findings cross as plain objects (plainFinding).
  if (format !== 'json' && format !== 'junit') {
    const evaluation = { ...outcome.evaluation, findings: outcome.evaluation.findings.map(plainFinding) };
    return { outcome: { ...outcome, policy: null, evaluation }, piece: undefined };
  }
  const tally = tallySnapshot(outcome.evaluation);
  const piece =
    format === 'json' ? { json: jsonPiece(outcome, JSON_INDENT), tally } : { junit: junitSuite(outcome), tally };
  return {
    outcome: {
      ...outcome,
      policy: null,
      evaluation: { ...outcome.evaluation, findings: [], reasons: [], diagnostics: [] },
    },
    piece,
  };
}

const JSON_INDENT = '    ';

function jsonPiece(outcome: SnapshotOutcome, indent: string): string {
  let text = '';
  writeJsonValue(reportSnapshot(outcome), indent, (piece) => (text += piece));
  return text;
}

interface PieceWriter {
  add(outcome: SnapshotOutcome, piece?: RenderedPiece): void;
  finish(summary: FleetSummary, write: (text: string) => void, writeBytes?: (bytes: Uint8Array) => void): void;
}

function pieceWriter(options: FleetOutputOptions, spool: Spool): PieceWriter {
  if (options.format === 'json') return jsonPieces(options, spool);
  if (options.format === 'sarif') return sarifPieces(spool);
  if (options.format === 'junit') return junitPieces(spool);
  const failures: FailedSnapshot[] = [];
  const causes = new FleetCauseTally();
  return {
    add: (outcome) => {
      if (outcome.kind === 'failed') failures.push(outcome);
      causes.add(outcome);
    },
    finish: (summary, write) =>
      write(
        renderFleetSummaryTable(
          summary,
          failures,
          causes.top(DEFAULT_SUMMARY_LIMITS.worstHosts),
          options.ruleSet,
          options.style,
        ),
      ),
  };
}

/**
 * The array `key` of the document `head` (rendered with that array empty) filled from the spool:
 * `count` elements written there at `indent`, each after a comma but the first.
 */
function spliceArray(
  head: string,
  key: string,
  indent: string,
  count: number,
  spool: Spool,
  write: (text: string) => void,
  writeBytes: ((bytes: Uint8Array) => void) | undefined,
): void {
  const marker = `${JSON.stringify(key)}: []`;
  const at = head.lastIndexOf(marker);
  if (count === 0 || at < 0) {
    write(head);
    return;
  }
  write(head.slice(0, at + marker.length - 1));
  spool.replay(write, writeBytes);
  write(`\n${indent.slice(2)}]${head.slice(at + marker.length)}`);
}

function collect(value: unknown): string {
  let text = '';
  writeJsonValue(value, '', (piece) => (text += piece));
  return `${text}\n`;
}

function jsonPieces(options: FleetOutputOptions, spool: Spool): PieceWriter {
  const indent = JSON_INDENT;
  let count = 0;
  return {
    add(outcome, piece) {
      spool.write(`${count++ === 0 ? '' : ','}\n${indent}`);
      if (piece !== undefined && 'json' in piece) spool.write(piece.json);
      else writeJsonValue(reportSnapshot(outcome), indent, (text) => spool.write(text));
    },
    finish(summary, write, writeBytes) {
      spliceArray(
        collect({ ...reportHeader(summary, options.ruleSet, options.withGpo), snapshots: [] }),
        'snapshots',
        indent,
        count,
        spool,
        write,
        writeBytes,
      );
    },
  };
}

function sarifPieces(spool: Spool): PieceWriter {
  const run = new SarifRunBuilder();
  const indent = '        ';
  let count = 0;
  return {
    add(outcome) {
      for (const result of run.add(outcome)) {
        spool.write(`${count++ === 0 ? '' : ','}\n${indent}`);
        writeJsonValue(result, indent, (text) => spool.write(text));
      }
    },
    finish(_summary, write, writeBytes) {
      spliceArray(collect(run.log([])), 'results', indent, count, spool, write, writeBytes);
    },
  };
}

function junitPieces(spool: Spool): PieceWriter {
  const total: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  return {
    add(outcome, piece) {
      const suite = piece !== undefined && 'junit' in piece ? piece.junit : junitSuite(outcome);
      addCounts(total, suite.counts);
      spool.write(suiteText(suite));
    },
    finish(_summary, write, writeBytes) {
      write(junitHead(total));
      spool.replay(write, writeBytes);
      write(JUNIT_TAIL);
    },
  };
}
