import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkPlanStructure } from '../../src/core/check-plan';
import { type PlanDocument } from '../../src/core/plan';
import { readPlanDocument } from '../../src/io/plan-document';
import { runInProcess } from '../helpers/in-process';
import { caseArbitrary } from '../helpers/plan-cases';
import { tamperingArbitrary } from '../helpers/plan-tampering';
import { REPO_ROOT } from '../helpers/cli';
import { IDENTITY_ROLES, type IdentityRole } from '../../src/core/roles';
import { assertEveryRole, countRoles, planFor, verdict } from './check-plan-helpers';

/**
 * A plan is valid only against facts. Every plan the engine writes passes check-plan against the
 * facts it was made from; every tampered one (tamperingArbitrary: each field, each action kind,
 * undo order, foreign SIDs, duplicates, duplicate JSON keys) is refused. CHECK_PLAN_RUNS sets the
 * number of tampered plans (10,000 in npm test; npm run fuzz raises it), CHECK_PLAN_ENGINE_RUNS
 * the number of engine plans (2,000; the mutation run lowers both).
 */
const RUNS = Number(process.env.CHECK_PLAN_RUNS ?? 10_000);
const CLI_RUNS = Number(process.env.CHECK_PLAN_CLI_RUNS ?? 200);
const ENGINE_RUNS = Number(process.env.CHECK_PLAN_ENGINE_RUNS ?? 2_000);

describe('check-plan against the facts', function () {
  this.timeout(600_000);

  it('passes every plan the engine writes, with and without facts', () => {
    let actions = 0;
    const roles = new Map<IdentityRole, number>();
    fc.assert(
      fc.property(caseArbitrary, (testCase) => {
        const { document, derived, roles: planRoles } = planFor(testCase);
        countRoles(roles, planRoles);
        actions += document.actions.length;
        const text = JSON.stringify(document, null, 2);
        assert.equal(verdict(text, derived), undefined, text);
        assert.equal(checkPlanStructure(readPlanDocument(Buffer.from(text), 'plan.json')), undefined);
      }),
      { numRuns: ENGINE_RUNS },
    );
    assert.ok(actions > ENGINE_RUNS / 2, `plans with actions were exercised (${actions} actions)`);
    assertEveryRole(roles, 'engine plan');
  });

  it(`refuses ${RUNS.toLocaleString('en-US')} tampered plans, every kind of tampering`, () => {
    const kinds = new Map<string, number>();
    const roles = new Map<IdentityRole, number>();
    const tampered = caseArbitrary.chain((testCase) => {
      const planned = planFor(testCase);
      return tamperingArbitrary(planned.document).map((tampering) => ({
        tampering,
        derived: planned.derived,
        roles: planned.roles,
      }));
    });
    fc.assert(
      fc.property(tampered, ({ tampering, derived, roles: planRoles }) => {
        kinds.set(tampering.kind, (kinds.get(tampering.kind) ?? 0) + 1);
        countRoles(roles, planRoles);
        const message = verdict(tampering.text, derived);
        assert.ok(message !== undefined, `${tampering.kind} passed:\n${tampering.text}`);
      }),
      { numRuns: RUNS },
    );
    // Every class of tampering was tried (the counts are printed for the record).
    console.log(
      `      tampered plans by kind: ${[...kinds]
        .sort()
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ')}`,
    );
    console.log(
      `      tampered plans acting for: ${[...roles]
        .sort()
        .map(([role, count]) => `${IDENTITY_ROLES[role].label} ${count}`)
        .join(', ')}`,
    );
    assertEveryRole(roles, 'tampered plan');
    for (const kind of [
      'extra action',
      'extra undo',
      'empty actions, undo kept',
      'duplicate actions key',
      'foreign SID, account kept',
      'other right',
      'grant and revoke swapped',
      'other account name',
      'temporary flipped',
      'a fix the action does not make',
      'duplicate action',
      'action dropped, undo kept',
      'undo entry dropped',
      'undo reordered',
      'opt-in removed',
    ]) {
      assert.ok((kinds.get(kind) ?? 0) > 0, `no "${kind}" tampering was generated`);
    }
  });

  describe('through the check-plan command', () => {
    const examples = [
      'iis10-specificuser-pool-missing-batch',
      'iis10-local-account-denied',
      'iis10-gpo-blocked',
      'iis6-gpo-revoked-at-refresh',
    ];

    const run = runInProcess;

    function examplePlan(name: string, allowTemporaryFix: boolean): { snapshot: string; document: PlanDocument } {
      const snapshot = join(REPO_ROOT, 'examples', 'snapshots', name);
      const planned = run([
        'plan',
        '--snapshot',
        snapshot,
        '--format',
        'json',
        ...(allowTemporaryFix ? ['--allow-temporary-fix'] : []),
      ]);
      assert.equal(planned.status, 0, planned.stderr);
      return { snapshot, document: JSON.parse(planned.stdout) as PlanDocument };
    }

    it('passes the example plans, and says on stderr when it had no facts', () => {
      for (const name of examples) {
        for (const temporary of [false, true]) {
          const { snapshot, document } = examplePlan(name, temporary);
          const text = JSON.stringify(document);
          const checked = run(['check-plan', '--plan', '-', '--snapshot', snapshot], text);
          assert.equal(checked.status, 0, `${name}: ${checked.stderr}`);
          assert.equal(checked.stderr, '');
          assert.deepEqual(JSON.parse(checked.stdout), document);
          const shapeOnly = run(['check-plan', '--plan', '-'], text);
          assert.equal(shapeOnly.status, 0);
          assert.match(
            shapeOnly.stderr,
            /^iis-logon-rights: stdin: checked the plan's structure only; give --snapshot to check every action against the facts before applying it\n$/,
          );
        }
      }
    });

    it(`exits 3 with one line naming the offending element for ${CLI_RUNS} tampered example plans`, () => {
      const planned = examples.flatMap((name) => [examplePlan(name, false), examplePlan(name, true)]);
      fc.assert(
        fc.property(
          fc
            .constantFrom(...planned)
            .chain(({ snapshot, document }) =>
              tamperingArbitrary(document).map((tampering) => ({ snapshot, tampering })),
            ),
          ({ snapshot, tampering }) => {
            const checked = run(['check-plan', '--plan', '-', '--snapshot', snapshot], tampering.text);
            assert.equal(checked.status, 3, `${tampering.kind}: ${checked.stderr}`);
            assert.equal(checked.stdout, '', 'nothing printed that could be taken for a checked plan');
            assert.match(
              checked.stderr,
              /^iis-logon-rights: invalid input: stdin \((line \d+|at \/[^)]*)\): expected [^\n]+\n$/,
              tampering.kind,
            );
          },
        ),
        { numRuns: CLI_RUNS },
      );
    });

    it('refuses the classes from issue 13 by name, with facts', () => {
      const { snapshot, document } = examplePlan('iis10-specificuser-pool-missing-batch', false);
      const action = document.actions[0]!;
      const inverse = (entry: typeof action) => ({
        action: entry.action === 'grant' ? 'revoke' : 'grant',
        right: entry.right,
        sid: entry.sid,
        account: entry.account,
        temporary: entry.temporary,
      });
      const everyone = {
        action: 'revoke' as const,
        right: 'SeDenyNetworkLogonRight',
        sid: 'S-1-1-0',
        account: 'Everyone',
        temporary: false,
        fixes: [],
      };
      const cases: [string, unknown, RegExp][] = [
        [
          'an extra revoke of Everyone',
          { ...document, actions: [action, everyone], undo: [inverse(everyone), inverse(action)] },
          /\/actions\/1\/sid\): expected the identity's own SID/,
        ],
        [
          "Everyone under the user's name",
          { ...document, actions: [{ ...action, sid: 'S-1-1-0' }], undo: [{ ...inverse(action), sid: 'S-1-1-0' }] },
          /\/actions\/0\/sid\)/,
        ],
        [
          'revoke on an allow right',
          { ...document, actions: [{ ...action, action: 'revoke' }], undo: [{ ...inverse(action), action: 'grant' }] },
          /\/actions\/0\): expected revoke only on a deny right/,
        ],
        [
          'a deny right granted to Administrators',
          {
            ...document,
            actions: [{ ...action, action: 'grant', right: 'SeDenyNetworkLogonRight', sid: 'S-1-5-32-544' }],
            undo: [],
          },
          /\/actions\/0\): expected grant only on an allow right/,
        ],
        [
          'temporary without the opt-in',
          { ...document, actions: [{ ...action, temporary: true }], undo: [{ ...inverse(action), temporary: true }] },
          /\/actions\/0\/temporary\): expected temporary only in a plan made with --allow-temporary-fix/,
        ],
        [
          'no actions, an undo revoking Everyone',
          {
            ...document,
            actions: [],
            undo: [{ ...everyone, action: 'revoke', right: 'SeNetworkLogonRight', fixes: undefined }],
          },
          /\/undo\/0\)/,
        ],
        [
          'an undo that is not the inverse',
          { ...document, undo: [{ ...inverse(action), sid: 'S-1-5-32-544' }] },
          /\/undo\/0\): expected the inverse of every action in reverse order/,
        ],
      ];
      for (const [name, plan, pattern] of cases) {
        const checked = run(
          ['check-plan', '--plan', '-', '--snapshot', snapshot],
          JSON.stringify(plan, (key, value: unknown) => (key === 'fixes' && value === undefined ? undefined : value)),
        );
        assert.equal(checked.status, 3, `${name}: ${checked.stderr}`);
        assert.match(checked.stderr, pattern, name);
      }
      const duplicateKey = JSON.stringify(document).replace(/^\{/, `{"actions":${JSON.stringify([everyone])},`);
      assert.match(
        run(['check-plan', '--plan', '-', '--snapshot', snapshot], duplicateKey).stderr,
        /stdin \(line 1\): expected each key at most once in an object/,
      );
      assert.match(
        run(['check-plan', '--plan', '-'], duplicateKey).stderr,
        /stdin \(line 1\): expected each key at most once in an object/,
      );
    });

    it('refuses a plan made with other --with-gpo baselines, and --rules (the plan has its own)', () => {
      const { snapshot, document } = examplePlan('iis10-gpo-blocked', false);
      const checked = run(
        ['check-plan', '--plan', '-', '--snapshot', snapshot],
        JSON.stringify({ ...document, withGpo: ['baseline.inf'] }),
      );
      assert.equal(checked.status, 3);
      assert.match(
        checked.stderr,
        /\(at \/withGpo\): expected the same --with-gpo baselines as given to check-plan \(none\), found baseline\.inf/,
      );
      assert.equal(
        run(['check-plan', '--plan', '-', '--snapshot', snapshot, '--rules', 'conservative'], JSON.stringify(document))
          .status,
        2,
      );
      // Both from stdin is one request document { plan, facts }; a bare plan is not one.
      const bare = run(['check-plan', '--plan', '-', '--snapshot', '-'], JSON.stringify(document));
      assert.equal(bare.status, 3);
      assert.match(bare.stderr, /expected a check-plan request \{ "plan", "facts" \}/);
    });
  });
});
