import assert from 'node:assert/strict';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Account, Snapshot } from '../../src/core/model';
import { buildPlan } from '../../src/core/plan';
import { parseAccountsJson } from '../../src/parse/accounts-json';
import { accounts, DOMAIN_ANON, iis, scope, template, WEB01 } from '../helpers/builders';

/**
 * accounts.json `groupsIncomplete`: the collector could not read an account's domain groups, so
 * its token may hold groups the snapshot does not list. A verdict of ok is confirmed only when no
 * deny entry could be, or contain, such a group; otherwise it is unresolved, never a false ok.
 */

const REASON = 'The server is not operational.';
const anon = (overrides: Partial<Account> = {}): Account => ({
  ...DOMAIN_ANON,
  groupsCollected: true,
  groupsIncomplete: REASON,
  ...overrides,
});

function judge(account: Account, deny: string[], extra: Account[] = []) {
  const snapshot: Snapshot = {
    name: 'WEB01',
    localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-11', '*S-1-5-32-544'], SeDenyNetworkLogonRight: deny }),
    iis: iis([scope({ userName: DOMAIN_ANON.name })]),
    groupPolicy: [],
    accounts: accounts(account, ...extra),
    host: WEB01,
  };
  const judged = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] });
  const finding = judged.evaluation.findings.find((entry) => entry.role === 'anonymous-user')!;
  return { judged, finding };
}

describe('domain groups that could not be read (groupsIncomplete)', () => {
  it('a deny right naming a domain group makes an ok verdict unresolved, naming the reason and the entry', () => {
    const { finding } = judge(anon(), ['*S-1-5-21-7-8-9-2001']);
    assert.equal(finding.status, 'unresolved');
    assert.ok(finding.message.includes(REASON), finding.message);
    assert.ok(finding.message.includes('*S-1-5-21-7-8-9-2001'), finding.message);
    assert.ok(finding.message.includes('HTTP 401.1'), finding.message);
  });

  it('the same snapshot with the groups read says ok: the unlisted group is what is unknown', () => {
    const { groupsIncomplete: _dropped, ...complete } = anon();
    assert.equal(judge(complete, ['*S-1-5-21-7-8-9-2001']).finding.status, 'ok');
  });

  it('deny entries no group can be or contain (computed well-known SIDs) leave ok standing, with a note', () => {
    const { finding } = judge(anon(), ['*S-1-5-113', '*S-1-5-7']);
    assert.equal(finding.status, 'ok');
    assert.ok(
      finding.notes.some((note) => note.includes(REASON) && note.includes('the verdict stands')),
      finding.notes.join(' | '),
    );
  });

  it('an alias in the deny list counts unless its collected members hold no domain or local principal', () => {
    const guests = (members: string[] | undefined): Account => ({
      name: 'BUILTIN\\Guests',
      sid: 'S-1-5-32-546',
      kind: 'builtin',
      groups: [],
      ...(members === undefined ? {} : { members }),
    });
    assert.equal(judge(anon(), ['*S-1-5-32-546']).finding.status, 'unresolved', 'members not collected');
    assert.equal(
      judge(anon(), ['*S-1-5-32-546'], [guests(['S-1-5-21-1000-2000-3000-501'])]).finding.status,
      'unresolved',
      'a member an unlisted group could be',
    );
    assert.equal(judge(anon(), ['*S-1-5-32-546'], [guests(['S-1-5-7'])]).finding.status, 'ok', 'only ANONYMOUS LOGON');
  });

  it('the unresolved message lists every suspect entry of the deny right, then the symptom', () => {
    const { finding } = judge(anon(), ['*S-1-5-21-7-8-9-2001', '*S-1-5-7', '*S-1-5-21-7-8-9-2002']);
    assert.equal(finding.status, 'unresolved');
    assert.ok(
      finding.message.includes(
        'Deny access to this computer from the network (SeDenyNetworkLogonRight) lists *S-1-5-21-7-8-9-2001, *S-1-5-21-7-8-9-2002, which a group missing',
      ),
      finding.message,
    );
    assert.match(finding.message, / Symptom: [^.]*HTTP 401\.1/);
  });

  it('a deny entry written as a name counts by what it resolves to; a name nothing resolves is a suspect', () => {
    const cases: [string[], string][] = [
      [['NT AUTHORITY\\ANONYMOUS LOGON'], 'ok'],
      [['Guests'], 'unresolved'],
      [['CONTOSO\\Kiosk Users'], 'unresolved'],
    ];
    for (const [deny, status] of cases) assert.equal(judge(anon(), deny).finding.status, status, deny[0]);
  });

  it('an alias counts if any one of its collected members could be an unlisted group', () => {
    const guests: Account = {
      name: 'BUILTIN\\Guests',
      sid: 'S-1-5-32-546',
      kind: 'builtin',
      groups: [],
      members: ['S-1-5-7', 'S-1-5-21-7-8-9-3001'],
    };
    assert.equal(judge(anon(), ['*S-1-5-32-546'], [guests]).finding.status, 'unresolved');
  });

  it('a deny already found stands, with a note; nothing unlisted can undo a deny', () => {
    const { finding } = judge(anon(), ['*S-1-5-21-7-8-9-513']);
    assert.equal(finding.status, 'denied');
    assert.ok(
      finding.notes.some((note) => note.includes(REASON) && note.includes('no unlisted group can undo')),
      finding.notes.join(' | '),
    );
  });

  it('the plan refuses the unresolved finding with the reason, and changes nothing', () => {
    const { judged } = judge(anon(), ['*S-1-5-21-7-8-9-2001']);
    const plan = buildPlan(judged.evaluation, judged.policy, { allowTemporaryFix: false });
    assert.deepEqual(plan.actions, []);
    assert.match(plan.refused[0]!.reason, /domain groups could not be read/);
  });

  it('accounts.json carries the field through the schema, and refuses an empty reason', () => {
    const document = {
      accounts: [
        { name: DOMAIN_ANON.name, sid: DOMAIN_ANON.sid, kind: 'domain', groups: [], groupsIncomplete: REASON },
      ],
    };
    assert.equal(parseAccountsJson(document, 'accounts.json').accounts[0]!.groupsIncomplete, REASON);
    assert.throws(
      () => parseAccountsJson({ accounts: [{ ...document.accounts[0], groupsIncomplete: '' }] }, 'accounts.json'),
      /accounts\.json/,
    );
  });
});
