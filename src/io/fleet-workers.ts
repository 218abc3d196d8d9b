import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { SnapshotOutcome } from '../core/fleet-summary';
import type { JudgeOptions } from '../core/judge-snapshot';
import { defectMessage, judgeFleetEntry, type FleetEntry } from './judge-fleet';
import type { LoadOptions } from './snapshot';

/**
 * `report` over a large fleet judges snapshots on worker threads as well as on the main thread,
 * one thread per core. Snapshots are handed out one at a time through a shared counter, so a
 * huge snapshot does not hold up a whole share of the fleet; every outcome is put back at its
 * index, so the report is the same, byte for byte, as a sequential run.
 *
 * The main thread waits synchronously (Atomics.wait, receiveMessageOnPort), which keeps runCli
 * synchronous for every caller.
 */

/** Below this many snapshots starting a worker (about one bundle start-up) costs more than it saves. */
export const MIN_SNAPSHOTS_FOR_WORKERS = 50;

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

/** The worker's data when this thread is a fleet worker, else undefined. */
export function fleetWorkerData(argv: readonly string[]): FleetWorkerData | undefined {
  if (argv[2] !== FLEET_WORKER_ARGUMENT) return undefined;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && isFleetWorkerData(workerData) ? workerData : undefined;
}

// Slots of the shared Int32Array.
const NEXT = 0;
const POSTED = 1;

export interface FleetWorkerData {
  tag: typeof WORKER_TAG;
  paths: string[];
  options: JudgeOptions & LoadOptions;
  state: SharedArrayBuffer;
  port: MessagePort;
}

type WorkerMessage = { index: number; outcome: SnapshotOutcome } | { index: number; defect: string };

function isFleetWorkerData(data: unknown): data is FleetWorkerData {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === WORKER_TAG;
}

/** How many worker threads to start besides the main thread: none for a small fleet or one core. */
export function fleetWorkerCount(snapshots: number): number {
  if (snapshots < MIN_SNAPSHOTS_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism(), 8) - 1);
}

/**
 * Judges the entries on the main thread and `workers` threads running `script` (a file that calls
 * runFleetWorker when it sees FleetWorkerData). Policies are never kept: a projection holds
 * functions, which cannot cross threads, so JUnit (which explains findings) stays sequential.
 * A defect on one snapshot, on any thread, is that snapshot's failed outcome, as in the
 * sequential run. Outcomes are handed to `onOutcome` in the entries' order as soon as every one
 * before them is in, so only those judged ahead of a slower one wait in memory.
 */
export function judgeFleetOnThreads(
  entries: readonly FleetEntry[],
  options: JudgeOptions & LoadOptions,
  script: string,
  workers: number,
  onOutcome: (outcome: SnapshotOutcome) => void,
  onProgress?: (done: number, total: number, name: string) => void,
): void {
  const waiting = new Map<number, SnapshotOutcome>();
  let nextInOrder = 0;
  const toJudge: number[] = [];
  let done = 0;
  const record = (index: number, outcome: SnapshotOutcome) => {
    waiting.set(index, outcome);
    for (let ready = waiting.get(nextInOrder); ready !== undefined; ready = waiting.get(nextInOrder)) {
      waiting.delete(nextInOrder++);
      onOutcome(ready);
    }
    done++;
    const entry = entries[index]!;
    onProgress?.(done, entries.length, entry.kind === 'failed' ? entry.name : entry.path);
  };
  entries.forEach((entry, index) => (entry.kind === 'failed' ? record(index, entry) : toJudge.push(index)));
  const paths = toJudge.map((index) => (entries[index] as { path: string }).path);
  const state = new SharedArrayBuffer(8);
  const counters = new Int32Array(state);
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  const { MessageChannel, receiveMessageOnPort, Worker: WorkerThread } = workerThreads();
  try {
    for (let count = 0; count < workers; count++) {
      const { port1, port2 } = new MessageChannel();
      const workerData: FleetWorkerData = { tag: WORKER_TAG, paths, options, state, port: port2 };
      threads.push(
        new WorkerThread(script, {
          argv: [FLEET_WORKER_ARGUMENT],
          workerData,
          transferList: [port2],
          stdout: false,
          stderr: false,
        }),
      );
      ports.push(port1);
    }
    let received = 0;
    const drain = () => {
      for (const port of ports) {
        for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
          const data = message.message as WorkerMessage;
          received++;
          const index = toJudge[data.index]!;
          record(
            index,
            'defect' in data
              ? { kind: 'failed', name: paths[data.index]!, error: defectMessage(paths[data.index]!, data.defect) }
              : data.outcome,
          );
        }
      }
    };
    // The main thread takes snapshots from the same counter until none is left.
    for (let next = Atomics.add(counters, NEXT, 1); next < paths.length; next = Atomics.add(counters, NEXT, 1)) {
      record(
        toJudge[next]!,
        judgeFleetEntry({ kind: 'snapshot', path: paths[next]! }, { ...options, keepPolicy: false }),
      );
      drain();
    }
    // Then waits for what the workers took; each posts its outcome before bumping POSTED.
    for (;;) {
      drain();
      if (done === entries.length) break;
      const posted = Atomics.load(counters, POSTED);
      if (received < posted) continue;
      Atomics.wait(counters, POSTED, posted, 1000);
    }
  } finally {
    for (const thread of threads) void thread.terminate();
    for (const port of ports) port.close();
  }
}

/** The body of a worker thread: judges snapshots from the shared counter until none is left. */
export function runFleetWorker(data: FleetWorkerData): void {
  const counters = new Int32Array(data.state);
  const post = (message: WorkerMessage) => {
    data.port.postMessage(message);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  for (let next = Atomics.add(counters, NEXT, 1); next < data.paths.length; next = Atomics.add(counters, NEXT, 1)) {
    try {
      post({
        index: next,
        outcome: judgeFleetEntry({ kind: 'snapshot', path: data.paths[next]! }, { ...data.options, keepPolicy: false }),
      });
    } catch (error) {
      // Only posting can fail here (judgeFleetEntry turns every error into an outcome).
      post({ index: next, defect: error instanceof Error ? error.message : String(error) });
    }
  }
  // The port stays open: closing it could drop outcomes the main thread has not received yet.
}
