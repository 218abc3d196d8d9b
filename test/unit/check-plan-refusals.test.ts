import assert from 'node:assert/strict';
import { checkPlanAgainstFacts, checkPlanStructure } from '../../src/core/check-plan';
import type { PlanDocument } from '../../src/core/plan';
import { runInProcess } from '../helpers/in-process';
import { ANON, enginePlans, say, tampered, type Planned } from '../helpers/check-plan-cases';

/**
 * check-plan stands between a saved plan file, which anyone who can write it can change, and a
 * change to the machine. Each refusal is one line a person acts on, so these tests pin what each
 * one says. This file: GPO edits (the GptTmpl.inf line an administrator pastes, the baseline
 * entries an edit removes) and the command's output; check-plan-actions.test.ts: the actions
 * and the undo list.
 */

const STIG =
  'the DISA STIG for domain-joined member servers (WN22-MS-000080 and its 2016/2019 equivalents: Local account or Local account and member of Administrators)';

describe('check-plan: refusals of GPO edits', () => {
  let local: Planned;
  let localOptedIn: Planned;
  let gpo: Planned;
  before(() => ({ local, localOptedIn, gpo } = enginePlans()));

  it("the engine's plans are the ones these cases change, and they pass", () => {
    assert.deepEqual(
      local.document.actions.map((action) => [action.action, action.right, action.sid, action.temporary]),
      [
        ['grant', 'SeNetworkLogonRight', ANON, false],
        ['revoke', 'SeDenyNetworkLogonRight', ANON, false],
      ],
    );
    assert.deepEqual(
      gpo.document.gpoEdits.map((edit) => [edit.right, edit.line, edit.baselineConflicts?.map((c) => c.sid)]),
      [
        ['SeNetworkLogonRight', `SeNetworkLogonRight = *S-1-5-32-544,*${ANON}`, undefined],
        ['SeDenyNetworkLogonRight', 'SeDenyNetworkLogonRight = ', ['S-1-5-113']],
      ],
    );
    for (const plan of [local, localOptedIn, gpo]) {
      assert.equal(checkPlanStructure(plan.document), undefined);
      assert.equal(checkPlanAgainstFacts(plan.document, plan.derived), undefined);
    }
  });

  it("a GPO edit's line is one line of the right's SIDs and plain account names, or null", () => {
    const expected = (right: string) => `one line "${right} = " followed by SIDs (*S-1-...) and plain account names`;
    const cases: [string, string | null, string | undefined][] = [
      ['plain names', 'SeNetworkLogonRight = Web Admins,CONTOSO\\svc-web,*S-1-5-32-544', undefined],
      ['an empty list', 'SeNetworkLogonRight = ', undefined],
      ['no line (withheld)', null, undefined],
      ['two empty entries', 'SeNetworkLogonRight = ,', '""'],
      [
        'a line break and a second right',
        'SeNetworkLogonRight = *S-1-5-32-544\r\nSeDebugPrivilege = *S-1-1-0',
        '"*S-1-5-32-544\\r\\nSeDebugPrivilege = *S-1-1-0"',
      ],
      ['text after a SID', 'SeNetworkLogonRight = *S-1-5-32-544x', '"*S-1-5-32-544x"'],
      ['a quote before a SID', 'SeNetworkLogonRight = "*S-1-5-32-544', '"\\"*S-1-5-32-544"'],
      ['a comment', 'SeNetworkLogonRight = *S-1-5-32-544,Web Admins;Everyone', '"Web Admins;Everyone"'],
      ['a substitution', 'SeNetworkLogonRight = %USERNAME%', '"%USERNAME%"'],
      ['a padded name', 'SeNetworkLogonRight = *S-1-5-32-544, Web Admins', '" Web Admins"'],
      ["another right's line", 'SeDenyNetworkLogonRight = *S-1-5-32-544', '"SeDenyNetworkLogonRight = *S-1-5-32-544"'],
      ['no spaces around =', 'SeNetworkLogonRight=*S-1-5-32-544', '"SeNetworkLogonRight=*S-1-5-32-544"'],
    ];
    for (const [name, line, found] of cases) {
      const plan = tampered(gpo, (document) => {
        document.gpoEdits[0]!.line = line;
        if (line === null) document.gpoEdits[0]!.lineWithheld = 'the GPO lists "a,b", which is not a plain name';
      });
      const want =
        found === undefined
          ? undefined
          : `/gpoEdits/0/line: expected ${expected('SeNetworkLogonRight')}, found ${found}`;
      assert.equal(say(checkPlanStructure(plan)), want, name);
    }
    // The second edit is checked too, and its pointer names it.
    const second = tampered(gpo, (document) => {
      document.gpoEdits[1]!.line = 'SeDenyNetworkLogonRight = *S-1-5-113\nSeNetworkLogonRight = *S-1-1-0';
    });
    assert.equal(
      say(checkPlanStructure(second)),
      `/gpoEdits/1/line: expected ${expected('SeDenyNetworkLogonRight')}, found "*S-1-5-113\\nSeNetworkLogonRight = *S-1-1-0"`,
    );
  });

  it('a GPO edit lists exactly the baseline entries it removes: none hidden, none invented, none reworded', () => {
    const removing = `the baseline conflicts of removing *S-1-5-32-545, *S-1-5-113 from SeDenyNetworkLogonRight: S-1-5-113 (${STIG})`;
    const cases: [string, (document: PlanDocument) => void, string][] = [
      [
        'hidden',
        (document) => delete document.gpoEdits[1]!.baselineConflicts,
        `/gpoEdits/1/baselineConflicts: expected ${removing}, found none`,
      ],
      [
        'another SID',
        (document) => (document.gpoEdits[1]!.baselineConflicts![0]!.sid = 'S-1-5-114'),
        `/gpoEdits/1/baselineConflicts: expected ${removing}, found S-1-5-114 (${STIG})`,
      ],
      [
        'another name',
        (document) => (document.gpoEdits[1]!.baselineConflicts![0]!.name = 'NT AUTHORITY\\Everyone'),
        `/gpoEdits/1/baselineConflicts: expected ${removing}, found S-1-5-113 (${STIG})`,
      ],
      [
        'another baseline',
        (document) => (document.gpoEdits[1]!.baselineConflicts![0]!.requiredBy = 'the CIS benchmark'),
        `/gpoEdits/1/baselineConflicts: expected ${removing}, found S-1-5-113 (the CIS benchmark)`,
      ],
      [
        'invented on an edit that removes nothing',
        (document) => (document.gpoEdits[0]!.baselineConflicts = document.gpoEdits[1]!.baselineConflicts),
        `/gpoEdits/0/baselineConflicts: expected the baseline conflicts of removing nothing from SeNetworkLogonRight: none, found S-1-5-113 (${STIG})`,
      ],
      [
        'one invented beside the real one',
        (document) =>
          document.gpoEdits[1]!.baselineConflicts!.push({
            sid: 'S-1-5-32-545',
            name: 'BUILTIN\\Users',
            requiredBy: 'no baseline',
          }),
        `/gpoEdits/1/baselineConflicts: expected ${removing}, found S-1-5-113 (${STIG}), S-1-5-32-545 (no baseline)`,
      ],
    ];
    for (const [name, change, want] of cases) assert.equal(say(checkPlanStructure(tampered(gpo, change))), want, name);
  });

  it('check-plan prints a refusal as one line on stderr and exits 3', () => {
    const plan = tampered(gpo, (document) => (document.gpoEdits[0]!.line = 'SeNetworkLogonRight = Web Admins\r\n'));
    const checked = runInProcess(['check-plan', '--plan', '-'], JSON.stringify(plan));
    assert.equal(checked.status, 3);
    assert.equal(checked.stdout, '');
    assert.equal(
      checked.stderr,
      'iis-logon-rights: invalid input: stdin (at /gpoEdits/0/line): expected one line "SeNetworkLogonRight = " followed by SIDs (*S-1-...) and plain account names, found "Web Admins\\r\\n"\n',
    );
  });
});
