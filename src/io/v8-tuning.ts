import { setFlagsFromString } from 'node:v8';
import engineFlags from './v8-engine-flags.json';

/**
 * The V8 flags the engine runs under, from v8-engine-flags.json (build.mjs reads the same file:
 * the CLI's launcher sets them before it compiles the bundle, and its code cache is made under
 * them, as V8 refuses a cache made under other flags).
 *
 * `--max-inlined-bytecode-size-cumulative=200`: V8's budget for inlining into one optimised
 * function, in bytes of bytecode (V8's default is 920). The engine's hot loops (the XML reader
 * with the readers of the IIS model it calls, the judging loop) hit the default with code that
 * runs once per file, and the large functions it made cost more to compile and to recompile
 * than the calls they saved: at 200 the engine at 10,000 sites took 564 ms against 661 ms, and
 * 155 against 177 ms at 1,000 sites, in interleaved runs, with the same output and peak memory
 * (BENCHMARKS.md, helper `tokens2`).
 */
export const ENGINE_V8_FLAGS: readonly string[] = engineFlags.flags;

/**
 * Tunes this process's V8 for the engine. Called by the CLI (and its fleet worker threads) before
 * the engine runs, and by the benchmark's engine measurements, which must run it as the CLI does;
 * a flag set here reaches only code V8 optimises afterwards. Setting a flag again to the value
 * it has changes nothing (the launcher may have set them already).
 */
export function tuneV8ForTheEngine(): void {
  for (const flag of ENGINE_V8_FLAGS) setFlagsFromString(flag);
}
