import { InputError } from './core/errors';
import { EXIT_CODES, type ExitCode } from './core/exit-codes';
import { judgeSnapshot } from './core/judge-snapshot';
import { buildPlan } from './core/plan';
import { checkPlanAgainstFacts, checkPlanStructure, type PlanProblem } from './core/check-plan';
import { checkUndoAgainstFacts } from './core/check-undo';
import { loadFactsValue, readLimited } from './io/facts';
import { readPlanDocument, readPlanValue, readRightsBefore } from './io/plan-document';
import { loadBaselineGpo } from './io/baseline-gpo';
import { parseJsonText } from './parse/accounts-json';
import { decodeText } from './parse/decode';
import { writeJson } from './render/json-stream';
import { renderPlan } from './render/plan';
import { loadSnapshotOption, writeLog } from './command-io';
import type { CommandIo } from './command';
import type { CliOptions } from './command-line';

/**
 * check-plan: a plan is valid only against facts. With --snapshot every action must be one the
 * engine plans for that snapshot now, under the plan's own rule set and opt-ins (and the same
 * --with-gpo baselines); with --undo the undo list is checked against the facts now and the
 * rights recorded before the change; without --snapshot only the structural rules are checked,
 * and stderr says so. The plan is printed back only when it passes. Files come through io.files
 * and stdin through io.readStdin, so the Node CLI and the in-process engine read them alike.
 */
export function runCheckPlan(options: CliOptions, io: CommandIo): ExitCode {
  const request = options.plan === '-' && options.snapshot === '-' ? readCheckPlanRequest(io, options.undo) : undefined;
  const planFile = request ? 'stdin:/plan' : options.plan === '-' ? 'stdin' : options.plan;
  const document = request
    ? readPlanValue(request.plan, planFile)
    : readPlanDocument(
        options.plan === '-' ? io.readStdin() : readLimited(io.files, options.plan, 'plan.json'),
        planFile,
      );
  let problem: PlanProblem | undefined;
  if (options.snapshot === '') {
    problem = checkPlanStructure(document);
  } else {
    const planned = document.withGpo ?? [];
    if (planned.length !== options.withGpo.length || planned.some((path, index) => path !== options.withGpo[index])) {
      throw new InputError(
        planFile,
        { pointer: '/withGpo' },
        `the same --with-gpo baselines as given to check-plan (${options.withGpo.length === 0 ? 'none' : options.withGpo.join(', ')})`,
        planned.length === 0 ? 'none' : planned.join(', '),
      );
    }
    const load = { allowNoUserRights: options.allowNoUserRights };
    const snapshot = request
      ? loadFactsValue(request.facts, 'stdin:/facts', load)
      : loadSnapshotOption(options.snapshot, io, load);
    const { evaluation, policy } = judgeSnapshot(snapshot, {
      ruleSet: document.ruleSet,
      withGpo: options.withGpo.map((path) => loadBaselineGpo(path, io.files)),
    });
    if (options.undo) {
      const rightsBefore = request
        ? readRightsBefore(request.rightsBefore, 'stdin:/rightsBefore')
        : readRightsBefore(
            parseJsonText(
              decodeText(readLimited(io.files, options.rightsBefore, 'plan.json'), options.rightsBefore).text,
              options.rightsBefore,
              'plan.json',
            ),
            options.rightsBefore,
          );
      problem = checkUndoAgainstFacts(document, evaluation, rightsBefore);
    } else {
      problem = checkPlanAgainstFacts(
        document,
        buildPlan(evaluation, policy, { allowTemporaryFix: document.options.allowTemporaryFix }),
      );
    }
  }
  if (problem !== undefined)
    throw new InputError(planFile, { pointer: problem.pointer }, problem.expected, problem.found);
  if (options.snapshot === '')
    writeLog(
      io.stderr,
      options.logFormat === 'json',
      'warn',
      `${planFile}: checked the plan's structure only; give --snapshot to check every action against the facts before applying it`,
    );
  if (options.format === 'table') io.stdout.write(renderPlan(document, { color: options.color, width: options.width }));
  else writeJson(document, (text) => void io.stdout.write(text));
  return EXIT_CODES.success.code;
}

/**
 * `check-plan --plan - --snapshot -`: one JSON document on stdin holds both, as the module sends
 * them: { "plan": {...}, "facts": {...} }, and with --undo "rightsBefore" too.
 */
function readCheckPlanRequest(io: CommandIo, undo: boolean): { plan: unknown; facts: unknown; rightsBefore: unknown } {
  const value = parseJsonText(decodeText(io.readStdin(), 'stdin').text, 'stdin', 'facts.json');
  const keys = undo ? ['plan', 'facts', 'rightsBefore'] : ['plan', 'facts'];
  const expected = `a check-plan request { ${keys.map((key) => `"${key}"`).join(', ')} } (--plan - and --snapshot - together)`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError('stdin', { pointer: '' }, expected, Array.isArray(value) ? 'an array' : typeof value);
  const request = value as Record<string, unknown>;
  const wrong = Object.keys(request).find((key) => !keys.includes(key)) ?? keys.find((key) => !(key in request));
  if (wrong !== undefined)
    throw new InputError(
      'stdin',
      { pointer: '' },
      expected,
      `${wrong in request ? 'the property' : 'no property'} ${JSON.stringify(wrong)}`,
    );
  return { plan: request.plan, facts: request.facts, rightsBefore: request.rightsBefore };
}
