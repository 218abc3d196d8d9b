import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { InputError } from '../core/errors';
import type { SnapshotOutcome } from '../core/fleet-summary';
import type { JudgeOptions } from '../core/judge-snapshot';
import { defectMessage, judgeFleetEntry, type FleetEntry } from './judge-fleet';
import type { LoadOptions } from './snapshot';

/**
 * `report` in the CLI judges every snapshot on a worker thread, supervised by the main thread,
 * so that no snapshot can cost the report the others: a worker still judging its snapshot after
 * the time limit is terminated and replaced, a worker whose heap outgrows the memory limit
 * (Worker resourceLimits) is ended by Node and replaced, and a worker that dies of anything
 * else takes only its snapshot with it. Each of these is that snapshot's failed outcome.
 *
 * Snapshots are handed out one at a time, so a huge one does not hold up a share of the fleet,
 * and every outcome is put back at its index, so the report is the same, byte for byte, as a
 * sequential run. The main thread judges nothing: it has to stay free to notice a limit passing.
 */

const WORKER_TAG = 'iis-logon-rights/fleet-worker';

/**
 * The argument a fleet worker is started with, so the bundle can tell at start-up that it may be
 * a worker without loading node:worker_threads (a few milliseconds every cold `test` would pay).
 */
export const FLEET_WORKER_ARGUMENT = '--iis-logon-rights-fleet-worker';

type WorkerThreads = typeof import('node:worker_threads');

function workerThreads(): WorkerThreads {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as WorkerThreads;
}

export interface FleetWorkerData {
  tag: typeof WORKER_TAG;
  options: JudgeOptions & LoadOptions;
  /** Judge with the policy projection, for a `prerender` that needs it (JUnit explains findings). */
  keepPolicy: boolean;
  /** The output format, for the worker's `prerender` (cli.ts). */
  format: string;
}

/** The worker's data when this thread is a fleet worker, else undefined. */
export function fleetWorkerData(argv: readonly string[]): FleetWorkerData | undefined {
  if (argv[2] !== FLEET_WORKER_ARGUMENT) return undefined;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && isFleetWorkerData(workerData) ? workerData : undefined;
}

function isFleetWorkerData(data: unknown): data is FleetWorkerData {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === WORKER_TAG;
}

interface Task {
  task: number;
  path: string;
}

/**
 * A worker says once that it is ready (the engine is loaded), then what came of each snapshot.
 * It judges its snapshots in the order they were sent, one after the other, so the time of the
 * next one starts when the one before is answered: no message per start (every message between
 * threads takes a lock the other thread may hold).
 */
type WorkerMessage =
  { ready: true } | { task: number; outcome: SnapshotOutcome; rendered: unknown } | { task: number; defect: string };

/** What one snapshot may take: seconds from the moment a worker starts it, and MiB of V8 heap. */
export interface SnapshotLimits {
  seconds: number;
  memoryMiB: number;
}

/** How many worker threads judge a fleet: one per core (at most 8), and no more than there are snapshots. */
export function fleetWorkerCount(snapshots: number): number {
  return Math.max(1, Math.min(availableParallelism(), 8, snapshots));
}

interface Slot {
  worker: Worker;
  /** Indexes into `queue` of the snapshots handed to it, in the order it judges them: the first is under way. */
  tasks: number[];
  ready: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  ended: boolean;
}

/**
 * Snapshots handed to a worker at once: while it judges one, the next is already in its queue,
 * so it never waits for the main thread (busy writing the output) to send it more.
 */
const TASKS_IN_FLIGHT = 2;

/**
 * A worker's young generation, in MiB. Left to Node, each worker's grew as large as the main
 * thread's, and `report` over 5,000 snapshots peaked at 265-287 MiB, close to its 300 MiB
 * bound; at 16 it peaks at 234 MiB with the same CPU time, for small snapshots and for a
 * 10,000-site one alike (BENCHMARKS.md, P5).
 */
const WORKER_YOUNG_GENERATION_MIB = 16;

/**
 * Judges the entries on `workers` threads running `script` (a file that calls runFleetWorker
 * when it sees FleetWorkerData). Outcomes are handed to `onOutcome` in the entries' order as soon
 * as every one before them is in, with what the worker's `prerender` made of each; so only those
 * judged ahead of a slower one wait in memory. Rejects only when `onOutcome` throws.
 */
export function judgeFleetOnThreads(
  entries: readonly FleetEntry[],
  options: JudgeOptions & LoadOptions & { keepPolicy: boolean; format: string },
  script: string,
  workers: number,
  limits: SnapshotLimits,
  onOutcome: (outcome: SnapshotOutcome, rendered: unknown) => void,
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<void> {
  const { Worker: WorkerThread } = workerThreads();
  const { keepPolicy, format, ...judgeOptions } = options;
  const queue = entries.flatMap((entry, index) => (entry.kind === 'snapshot' ? [index] : []));
  const pathOf = (task: number) => (entries[queue[task]!] as { path: string }).path;
  const slots = new Set<Slot>();
  const waiting = new Map<number, { outcome: SnapshotOutcome; rendered: unknown }>();
  // Snapshots a worker had queued when it was stopped for another one: judged again elsewhere.
  const handBack: number[] = [];
  let nextInOrder = 0;
  let nextTask = 0;
  let done = 0;
  const takeTask = () => (handBack.length > 0 ? handBack.shift() : nextTask < queue.length ? nextTask++ : undefined);
  const tasksLeft = () => handBack.length > 0 || nextTask < queue.length;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const stopAll = () => {
      settled = true;
      for (const slot of slots) retire(slot);
    };
    const record = (index: number, outcome: SnapshotOutcome, rendered?: unknown) => {
      if (settled) return;
      try {
        waiting.set(index, { outcome, rendered });
        for (let ready = waiting.get(nextInOrder); ready !== undefined; ready = waiting.get(nextInOrder)) {
          waiting.delete(nextInOrder++);
          onOutcome(ready.outcome, ready.rendered);
        }
        done++;
        const entry = entries[index]!;
        onProgress?.(done, entries.length, entry.kind === 'failed' ? entry.name : entry.path);
      } catch (error) {
        stopAll();
        reject(error);
        return;
      }
      if (done === entries.length) {
        stopAll();
        resolve();
      }
    };
    const retire = (slot: Slot) => {
      slot.ended = true;
      clearTimeout(slot.timer);
      slots.delete(slot);
      // A thread stuck in a system call cannot be stopped at once; it must not keep the process up.
      slot.worker.unref();
      void slot.worker.terminate();
    };
    /** The worker is lost: the snapshot it was judging (else the first it had) fails with `reason`. */
    const fail = (slot: Slot, reason: (path: string) => string) => {
      retire(slot);
      const [culprit, ...queued] = slot.tasks;
      handBack.push(...queued);
      if (culprit !== undefined)
        record(queue[culprit]!, { kind: 'failed', name: pathOf(culprit), error: reason(pathOf(culprit)) });
      if (!settled && tasksLeft()) start();
    };
    const fill = (slot: Slot) => {
      while (slot.tasks.length < TASKS_IN_FLIGHT) {
        const task = takeTask();
        if (task === undefined) break;
        slot.tasks.push(task);
        slot.worker.postMessage({ task, path: pathOf(task) } satisfies Task);
      }
      if (slot.tasks.length === 0) retire(slot);
    };
    /** The time limit of the snapshot the worker is on now. */
    const arm = (slot: Slot) => {
      clearTimeout(slot.timer);
      if (slot.ended || !slot.ready || slot.tasks.length === 0) return;
      slot.timer = setTimeout(() => fail(slot, (path) => timeoutMessage(path, limits)), limits.seconds * 1000);
    };
    const onMessage = (slot: Slot, message: WorkerMessage) => {
      if (slot.ended) return;
      if ('ready' in message) {
        slot.ready = true;
        return arm(slot);
      }
      if (message.task !== slot.tasks[0]) return;
      slot.tasks.shift();
      const path = pathOf(message.task);
      if ('defect' in message)
        record(queue[message.task]!, { kind: 'failed', name: path, error: defectMessage(path, message.defect) });
      else record(queue[message.task]!, message.outcome, message.rendered);
      if (settled) return;
      fill(slot);
      arm(slot);
    };
    const start = () => {
      const workerData: FleetWorkerData = { tag: WORKER_TAG, options: judgeOptions, keepPolicy, format };
      const slot: Slot = {
        worker: new WorkerThread(script, {
          argv: [FLEET_WORKER_ARGUMENT],
          workerData,
          resourceLimits: {
            maxOldGenerationSizeMb: limits.memoryMiB,
            maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB,
          },
          stdout: false,
          stderr: false,
        }),
        tasks: [],
        ready: false,
        timer: undefined,
        ended: false,
      };
      slots.add(slot);
      slot.worker.on('message', (message: WorkerMessage) => onMessage(slot, message));
      slot.worker.on('error', (error: Error & { code?: string }) => {
        if (slot.ended) return;
        fail(slot, (path) =>
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? memoryMessage(path, limits)
            : defectMessage(path, `the worker thread judging it failed: ${error.message}`),
        );
      });
      slot.worker.on('exit', (code: number) => {
        if (slot.ended) return;
        fail(slot, (path) => defectMessage(path, `the worker thread judging it ended (exit code ${code})`));
      });
      fill(slot);
    };
    entries.forEach((entry, index) => {
      if (entry.kind === 'failed') record(index, entry);
    });
    if (done === entries.length) return;
    for (let count = 0; count < Math.min(workers, queue.length); count++) start();
  });
}

function timeoutMessage(path: string, limits: SnapshotLimits): string {
  return new InputError(
    path,
    {},
    `a snapshot judged within ${limits.seconds} s (--snapshot-timeout)`,
    'more time needed (judging was stopped there)',
  ).message;
}

function memoryMessage(path: string, limits: SnapshotLimits): string {
  return new InputError(
    path,
    {},
    `a snapshot judged within ${limits.memoryMiB} MiB of heap (--snapshot-memory)`,
    'more heap needed (judging was stopped there)',
  ).message;
}

/**
 * The body of a worker thread: judges each snapshot the main thread sends (inside `inHost`, which
 * sets up what the host offers, such as its decoder, for the judgement: the handler runs long
 * after this function has returned), and hands back what `prerender` makes of the outcome: the outcome to send (it must not hold the policy projection,
 * whose functions cannot cross threads) and what was rendered of it here, where the policy is.
 */
export function runFleetWorker(
  data: FleetWorkerData,
  prerender: (outcome: SnapshotOutcome) => { outcome: SnapshotOutcome; piece: unknown },
  inHost: <T>(work: () => T) => T,
): void {
  const port = workerThreads().parentPort!;
  port.postMessage({ ready: true } satisfies WorkerMessage);
  port.on('message', ({ task, path }: Task) => {
    try {
      const { outcome, piece } = inHost(() =>
        prerender(judgeFleetEntry({ kind: 'snapshot', path }, { ...data.options, keepPolicy: data.keepPolicy })),
      );
      port.postMessage({ task, outcome, rendered: piece } satisfies WorkerMessage);
    } catch (error) {
      // judgeFleetEntry turns every error into an outcome; rendering or posting may still fail.
      port.postMessage({
        task,
        defect: error instanceof Error ? error.message : String(error),
      } satisfies WorkerMessage);
    }
  });
}
