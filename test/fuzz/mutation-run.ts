// Loaded by .mocharc.mutation.json (npm run mutation). Stryker runs the covering tests once per
// mutant, so the property and fuzz suites run fewer cases, from a fixed seed: a mutant is then
// killed or not the same way on every run.
import fc from 'fast-check';
import Mocha from 'mocha';

// A surviving mutant runs every test that covers it, and the property and fuzz suites cover most
// of core/ and parse/: with 25 fuzz cases, 10,000 tampered plans and 2,000 engine plans the run
// made 6 to 20 mutants a minute. These counts still reach every kind of case the tests count.
process.env.FUZZ_RUNS ??= '10';
process.env.PLAN_PROPERTY_RUNS ??= '100';
process.env.CHECK_PLAN_RUNS ??= '300';
process.env.CHECK_PLAN_ENGINE_RUNS ??= '300';
fc.configureGlobal({ seed: 20240601 });

/**
 * Stryker's per-test coverage credits code to the test whose beforeEach ran last, so what a
 * suite's before() hook computes (a parsed fixture, a judged example) is credited to a test of
 * some earlier suite, and a mutant there is then tried only against that unrelated test and
 * "survives". Coverage recorded while a before() hook runs is kept per suite here and credited
 * to every test of the suite instead.
 */
interface InstrumenterContext {
  currentTestId?: string;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

function instrumenterContext(): InstrumenterContext | undefined {
  return (globalThis as { __stryker__?: InstrumenterContext }).__stryker__;
}

const hookCoverage = new Map<Mocha.Suite, Record<string, number>>();

function addCoverage(target: Record<string, number>, covered: Record<string, number>): void {
  for (const [mutant, hits] of Object.entries(covered)) target[mutant] = (target[mutant] ?? 0) + hits;
}

function creditingHook(suite: Mocha.Suite, hook: Mocha.Func | Mocha.AsyncFunc): Mocha.Func | Mocha.AsyncFunc {
  const key = `before() of ${suite.fullTitle()}`;
  const begin = (): { previous: string | undefined } | undefined => {
    const context = instrumenterContext();
    if (context === undefined) return undefined;
    const previous = context.currentTestId;
    context.currentTestId = key;
    return { previous };
  };
  const end = (started: { previous: string | undefined } | undefined): void => {
    const context = instrumenterContext();
    if (context === undefined || started === undefined) return;
    context.currentTestId = started.previous;
    const covered = context.mutantCoverage?.perTest[key];
    if (covered === undefined) return;
    delete context.mutantCoverage!.perTest[key];
    const kept = hookCoverage.get(suite) ?? {};
    addCoverage(kept, covered);
    hookCoverage.set(suite, kept);
  };
  if (hook.length > 0) {
    return function (this: Mocha.Context, done: Mocha.Done) {
      const started = begin();
      (hook as Mocha.Func).call(this, (error?: unknown) => {
        end(started);
        done(error);
      });
    };
  }
  return function (this: Mocha.Context) {
    const started = begin();
    let result: unknown;
    try {
      result = (hook as () => unknown).call(this);
    } catch (error) {
      end(started);
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => end(started));
    end(started);
    return result as void;
  } as Mocha.Func;
}

const originalBeforeAll = Mocha.Suite.prototype.beforeAll as (this: Mocha.Suite, ...args: unknown[]) => Mocha.Suite;
Mocha.Suite.prototype.beforeAll = function (this: Mocha.Suite, ...args: unknown[]): Mocha.Suite {
  const hookAt = typeof args[0] === 'function' ? 0 : 1;
  const hook = args[hookAt];
  if (typeof hook === 'function') args[hookAt] = creditingHook(this, hook as Mocha.Func);
  return originalBeforeAll.apply(this, args);
} as typeof Mocha.Suite.prototype.beforeAll;

/**
 * A test's own `this.timeout(120_000)` is a runaway guard sized for `npm test`. Instrumented code on
 * a loaded machine runs several times slower, and one test past its guard in Stryker's dry run
 * stops the whole mutation run, so here no guard is shorter than ten minutes.
 */
const MUTATION_RUN_GUARD_MS = 600_000;
const originalTimeout = Mocha.Runnable.prototype.timeout as (this: Mocha.Runnable, ms?: number | string) => unknown;
Mocha.Runnable.prototype.timeout = function (this: Mocha.Runnable, ms?: number | string) {
  if (ms === undefined) return originalTimeout.call(this);
  const guarded = typeof ms === 'number' && ms > 0 && ms < MUTATION_RUN_GUARD_MS ? MUTATION_RUN_GUARD_MS : ms;
  return originalTimeout.call(this, guarded);
} as typeof Mocha.Runnable.prototype.timeout;

/**
 * Tests of size limits, at the limit: each pushes megabytes through a scanner or builds a
 * 10,000- to 150,000-element input. Instrumented, these 17 tests took 175 of the suite's 250 s, and
 * each mutant in the code they cover ran them, so the run made about 20 mutants a minute (six
 * hours in all). They are skipped here, shown as pending; the logic they pass through is
 * covered by the other tests at ordinary sizes, and a mutant that only they would kill now
 * counts as a survivor, so the score can only be lower for it, never higher.
 */
const AT_SCALE_ONLY = [
  /^refuses text over 16 MiB before parsing it$/,
  /^parses hostile shapes: 10,000 location tags on one path/,
  /^parses 20,000 sites with a location tag each$/,
  /^refuses a report over its size limit before decoding it$/,
  /: [\d,]+ elements pass the check, one more is refused$/,
  /without a stack overflow/,
  /^accepts a file of exactly its limit as far as size goes$/,
  /^counts characters, not bytes: a UTF-16LE line of the limit is read$/,
  /^reads a line of exactly the limit and refuses one character more/,
  /^regression: an inline artifact over its size limit was reported without a location$/,
  /^rejects a line longer than MAX_INF_LINE_LENGTH/,
];
const originalAddTest = Mocha.Suite.prototype.addTest as (this: Mocha.Suite, test: Mocha.Test) => Mocha.Suite;
Mocha.Suite.prototype.addTest = function (this: Mocha.Suite, test: Mocha.Test): Mocha.Suite {
  if (AT_SCALE_ONLY.some((pattern) => pattern.test(test.title))) test.pending = true;
  return originalAddTest.call(this, test);
} as typeof Mocha.Suite.prototype.addTest;

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    const context = instrumenterContext();
    const test = this.currentTest;
    if (context === undefined || test === undefined) return;
    for (let suite: Mocha.Suite | undefined = test.parent; suite !== undefined; suite = suite.parent) {
      const covered = hookCoverage.get(suite);
      if (covered === undefined) continue;
      const coverage = (context.mutantCoverage ??= { static: {}, perTest: {} });
      addCoverage((coverage.perTest[test.fullTitle()] ??= {}), covered);
    }
  },
};
