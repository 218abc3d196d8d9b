import assert from 'node:assert/strict';
import { ALL_STATUSES, FINDING_STATUSES, type FindingStatus } from '../../src/core/status';
import { assertValidResult, runBundle } from '../helpers/cli';
import { type GeneratedHost } from '../helpers/fleet';

export type Summary = Partial<Record<FindingStatus, number>>;

export interface Oracle {
  summary: Summary;
  inDesiredState: boolean;
}

export const variantOf = (host: GeneratedHost) => `${host.template}/${host.fault}`;

/** What `test` says about one snapshot: the reference the fleet report must agree with. */
export function judgeAlone(path: string, ...extra: string[]): Oracle {
  const run = runBundle(['test', '--snapshot', path, '--format', 'json', ...extra]);
  assert.ok(run.status === 0 || run.status === 1, `test ${path}: exit ${run.status} ${run.stderr}`);
  const document = JSON.parse(run.stdout);
  assertValidResult(document);
  return { summary: document.summary, inDesiredState: document.inDesiredState };
}

export function loadError(path: string): string {
  const run = runBundle(['test', '--snapshot', path, '--format', 'json']);
  assert.equal(run.status, 3, run.stderr);
  return run.stderr.trimEnd().replace(/^iis-logon-rights: invalid input: /, '');
}

export function addSummary(total: Record<FindingStatus, number>, summary: Summary): void {
  for (const [status, count] of Object.entries(summary) as [FindingStatus, number][]) total[status] += count;
}

export function zeroes(): Record<FindingStatus, number> {
  return Object.fromEntries(ALL_STATUSES.map((status) => [status, 0])) as Record<FindingStatus, number>;
}

export function problemsIn(summary: Summary): number {
  return (Object.entries(summary) as [FindingStatus, number][])
    .filter(([status]) => !FINDING_STATUSES[status].inDesiredState)
    .reduce((sum, [, count]) => sum + count, 0);
}
