import { InputError } from './core/errors';
import { EXIT_CODES, type ExitCode } from './core/exit-codes';
import { judgeSnapshot } from './core/judge';
import { buildPlan } from './core/plan';
import { checkPlanAgainstFacts, checkPlanStructure, type PlanProblem } from './core/check-plan';
import { readLimited } from './io/facts';
import { readPlanDocument } from './io/plan-document';
import { loadBaselineGpo } from './io/with-gpo';
import { stringifyJson } from './render/text-escape';
import { loadSnapshotOption, writeLog } from './command-io';
import type { CommandIo } from './command';
import type { CliOptions } from './command-line';

/**
 * check-plan: a plan is valid only against facts. With --snapshot every action must be one the
 * engine plans for that snapshot now, under the plan's own rule set and opt-ins (and the same
 * --with-gpo baselines); without it only the structural rules are checked, and stderr says so.
 * The plan is printed back only when it passes. Files come through io.files, so the Node CLI
 * and the in-process engine read them alike.
 */
export function runCheckPlan(options: CliOptions, io: CommandIo): ExitCode {
  const planFile = options.plan === '-' ? 'stdin' : options.plan;
  const document = readPlanDocument(options.plan === '-' ? io.readStdin() : readLimited(io.files, options.plan, 'plan.json'), planFile);
  let problem: PlanProblem | undefined;
  if (options.snapshot === '') {
    problem = checkPlanStructure(document);
  } else {
    const planned = document.withGpo ?? [];
    if (planned.length !== options.withGpo.length || planned.some((path, index) => path !== options.withGpo[index])) {
      throw new InputError(planFile, { pointer: '/withGpo' }, `the same --with-gpo baselines as given to check-plan (${options.withGpo.length === 0 ? 'none' : options.withGpo.join(', ')})`, planned.length === 0 ? 'none' : planned.join(', '));
    }
    const snapshot = loadSnapshotOption(options.snapshot, io);
    const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet: document.ruleSet, withGpo: options.withGpo.map((path) => loadBaselineGpo(path, io.files)) });
    problem = checkPlanAgainstFacts(document, buildPlan(evaluation, policy, { allowTemporaryFix: document.options.allowTemporaryFix }));
  }
  if (problem !== undefined) throw new InputError(planFile, { pointer: problem.pointer }, problem.expected, problem.found);
  if (options.snapshot === '') writeLog(io.stderr, options.logFormat === 'json', 'warn', `${planFile}: checked the plan's structure only; give --snapshot to check every action against the facts before applying it`);
  io.stdout.write(`${stringifyJson(document, 2)}\n`);
  return EXIT_CODES.success.code;
}
