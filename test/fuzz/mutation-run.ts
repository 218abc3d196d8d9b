// Loaded by .mocharc.mutation.json (npm run mutation). Stryker runs the covering tests once per
// mutant, so the property and fuzz suites run fewer cases, from a fixed seed: a mutant is then
// killed or not the same way on every run.
import fc from 'fast-check';

process.env.FUZZ_RUNS ??= '40';
process.env.PLAN_PROPERTY_RUNS ??= '300';
fc.configureGlobal({ seed: 20240601 });
