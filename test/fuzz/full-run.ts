// Loaded by .mocharc.fuzz.json (npm run fuzz) before the suites: the full count and the per-case
// time bound. Inside npm test the same suites run 200 cases each with a generous bound.
process.env.FUZZ_RUNS ??= '10000';
process.env.FUZZ_CASE_LIMIT_MS ??= '1000';
// The two engine hosts (in-process Jint and node) compared on this many generated facts documents.
process.env.IIS_LOGON_RIGHTS_DIFFERENTIAL_CASES ??= '1000';
// .NET's XmlReader (test/ps/xml-events.test.ts) and the plain-XML reader (test/unit/xml-plain.test.ts)
// against saxes: this many documents of each kind.
process.env.IIS_LOGON_RIGHTS_XML_EVENT_CASES ??= '5000';
// check-plan's tampered plans (test/unit/check-plan-properties.test.ts, run again by test/fuzz/check-plan.test.ts).
process.env.CHECK_PLAN_RUNS ??= '100000';
process.env.CHECK_PLAN_CLI_RUNS ??= '2000';
// Cases that take minutes or hundreds of MB of disk (inputs at their size limits) run only here.
process.env.FUZZ_SLOW_CASES ??= '1';
