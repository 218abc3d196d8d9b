// The tests' oracle for plans is the engine's own model of what LSA does with a plan (DSC
// what-if reports the state it predicts); its unit tests are in test/unit/core-small.test.ts.
export { applyActionsToPolicy } from '../../src/core/plan-effect';
