// npm run fuzz: the tampered-plan properties at the full count set in full-run.ts.
import '../unit/check-plan-properties.test';
