import { setFlagsFromString } from 'node:v8';

/**
 * V8's budget for inlining into one optimised function, in bytes of bytecode (V8's default is
 * 920). The engine's hot loops (the XML reader with the readers of the IIS model it calls, the
 * judging loop) hit the default with code that runs once per file, and the large functions it
 * made cost more to compile and to recompile than the calls they saved: at 200 the engine at
 * 10,000 sites took 564 ms against 661 ms, and 155 against 177 ms at 1,000 sites, in interleaved
 * runs, with the same output and peak memory (BENCHMARKS.md, helper `tokens2`).
 */
const INLINED_BYTECODE_BUDGET = 200;

/**
 * Tunes this process's V8 for the engine. Called by the CLI (and its fleet worker threads) before
 * the engine runs, and by the benchmark's engine measurements, which must run it as the CLI does;
 * a flag set here reaches only code V8 optimises afterwards.
 */
export function tuneV8ForTheEngine(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
}
