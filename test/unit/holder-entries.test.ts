import assert from 'node:assert/strict';
import { evaluateIdentities } from '../../src/core/evaluate-identities';
import type { ApplicationPool, GpoRightAssignment, HostInfo, PolicyHolder } from '../../src/core/model';
import { projectPolicy } from '../../src/core/policy';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid } from '../../src/core/sids';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  holders,
  iis,
  LOCAL_ANON,
  pool,
  scope,
  template,
  WEB01,
} from '../helpers/builders';

/**
 * How the entries of a right's list are matched against a token, and how a finding names them:
 * the first entry that names a SID is the one shown, in list order; an entry written as the
 * identity's own name stands for it; names nothing resolves are listed once each.
 */

const POOL_SID = applicationPoolSid('DefaultAppPool');
const POOL_NAME = 'IIS APPPOOL\\DefaultAppPool';

function judge(options: {
  rights: Record<string, PolicyHolder[]>;
  userName?: string;
  pools?: ApplicationPool[];
  gpo?: GpoRightAssignment[];
  ruleSet?: RuleSetName;
  host?: HostInfo;
  role?: string;
}) {
  const localPolicy = template({});
  for (const [right, entries] of Object.entries(options.rights))
    localPolicy.privilegeRights!.set(right, { right, holders: entries });
  const winners = new Map((options.gpo ?? []).map((assignment) => [assignment.right, assignment]));
  const { findings } = evaluateIdentities({
    iis: iis([scope({ userName: options.userName ?? 'WEB01\\anon' })], options.pools),
    policy: projectPolicy(localPolicy, winners, winners.size > 0),
    accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
    host: options.host ?? WEB01,
    ruleSet: options.ruleSet ?? 'documented',
  });
  return findings.find((finding) => finding.role === (options.role ?? 'anonymous-user'))!;
}

const writtenBy = (finding: ReturnType<typeof judge>) =>
  finding.matches!.current.grantedBy.map((match) => match.holder);

describe('entries of a right, matched against the token', () => {
  it('an entry naming the pool identity stands for its SID; other unresolvable names are listed once each', () => {
    // Conservative: IIS's own grant is not credited, so the name entry alone grants.
    const finding = judge({
      rights: {
        SeNetworkLogonRight: holders('*S-1-1-0'),
        SeServiceLogonRight: holders('CONTOSO\\ghost1', POOL_NAME, 'CONTOSO\\ghost2', 'contoso\\GHOST1'),
      },
      ruleSet: 'conservative',
      role: 'worker-process',
    });
    assert.equal(finding.status, 'ok');
    assert.deepEqual(finding.grantedBy, [POOL_SID]);
    assert.deepEqual(writtenBy(finding), [POOL_NAME]);
    assert.deepEqual(finding.unresolvedHolders, [
      { right: 'SeServiceLogonRight', name: 'CONTOSO\\ghost1' },
      { right: 'SeServiceLogonRight', name: 'CONTOSO\\ghost2' },
    ]);
    assert.equal(
      finding.message,
      `Site "Default Web Site" path /: worker process identity ${POOL_NAME} (${POOL_SID}) of application pool "DefaultAppPool" holds Log on as a service (SeServiceLogonRight) through ${POOL_NAME} (${POOL_SID}). Policy entries that could not be resolved: "CONTOSO\\ghost1" in SeServiceLogonRight, "CONTOSO\\ghost2" in SeServiceLogonRight.`,
    );
  });

  const order: { title: string; allow: string[]; grantedBy: string[]; written: string[]; named: string }[] = [
    {
      title: 'a SID listed twice matches through its first entry, and matches come in list order',
      allow: ['Everyone', '*S-1-5-11', '*S-1-1-0'],
      grantedBy: ['S-1-1-0', 'S-1-5-11'],
      written: ['Everyone', '*S-1-5-11'],
      named: 'Everyone (S-1-1-0), NT AUTHORITY\\Authenticated Users (S-1-5-11)',
    },
    {
      title: "the identity's SID listed before its name: the SID entry is the one shown",
      allow: [`*${LOCAL_ANON.sid}`, 'WEB01\\anon'],
      grantedBy: [LOCAL_ANON.sid],
      written: [`*${LOCAL_ANON.sid}`],
      named: `WEB01\\anon (${LOCAL_ANON.sid})`,
    },
    {
      title: "the identity's name listed before its SID: the name entry is the one shown",
      allow: ['web01\\ANON', `*${LOCAL_ANON.sid}`],
      grantedBy: [LOCAL_ANON.sid],
      written: ['web01\\ANON'],
      named: `WEB01\\anon (${LOCAL_ANON.sid})`,
    },
  ];
  for (const entry of order) {
    it(entry.title, () => {
      const finding = judge({ rights: { SeNetworkLogonRight: holders(...entry.allow) } });
      assert.equal(finding.status, 'ok');
      assert.deepEqual(finding.grantedBy, entry.grantedBy);
      assert.deepEqual(writtenBy(finding), entry.written);
      assert.ok(finding.message.endsWith(` through ${entry.named}.`), finding.message);
    });
  }
});

describe('how a finding names the entries that matched', () => {
  const cases: { title: string; entry: PolicyHolder; named: string }[] = [
    {
      title: 'a name entry, whatever its case, by the name of its SID',
      entry: { kind: 'name', name: 'everyone', written: 'everyone' },
      named: 'Everyone (S-1-1-0)',
    },
    {
      title: 'a SID entry with the name gpresult gave it, by that name',
      entry: { kind: 'sid', sid: 'S-1-5-21-7-8-9-513', name: 'CONTOSO\\Domain Users', written: '*S-1-5-21-7-8-9-513' },
      named: 'CONTOSO\\Domain Users (S-1-5-21-7-8-9-513)',
    },
    {
      title: 'a SID entry without a name, by the well-known name of the SID',
      entry: { kind: 'sid', sid: 'S-1-5-11', written: '*S-1-5-11' },
      named: 'NT AUTHORITY\\Authenticated Users (S-1-5-11)',
    },
  ];
  for (const entry of cases) {
    it(entry.title, () => {
      const finding = judge({ userName: DOMAIN_ANON.name, rights: { SeNetworkLogonRight: [entry.entry] } });
      assert.equal(finding.status, 'ok');
      assert.ok(
        finding.message.endsWith(
          ` holds Access this computer from the network (SeNetworkLogonRight) through ${entry.named}.`,
        ),
        finding.message,
      );
    });
  }

  it('a GPO that owns the right and lists the identity "keeps granting it"', () => {
    const finding = judge({
      rights: { SeNetworkLogonRight: holders('*S-1-1-0') },
      gpo: [gpoAssignment('SeNetworkLogonRight', ['*S-1-1-0'], 'Web Baseline', '{A}')],
    });
    assert.equal(finding.status, 'ok');
    assert.ok(
      finding.message.endsWith('through Everyone (S-1-1-0), and GPO "Web Baseline" {A} keeps granting it.'),
      finding.message,
    );
  });

  it("a pool that only IIS's own grant keeps after the refresh is said to be healed by IIS", () => {
    const finding = judge({
      rights: { SeNetworkLogonRight: holders('*S-1-1-0'), SeServiceLogonRight: holders(`*${POOL_SID}`) },
      gpo: [gpoAssignment('SeServiceLogonRight', ['*S-1-5-20'], 'Web Baseline', '{A}')],
      role: 'worker-process',
    });
    assert.equal(finding.status, 'ok');
    assert.match(
      finding.message,
      /; GPO "Web Baseline" \{A\} defines the right without it, but IIS adds the pool's own SID back whenever it starts a worker process\.$/,
    );
  });

  it('several notes are joined into one sentence each, after "Note:"', () => {
    const finding = judge({
      rights: { SeNetworkLogonRight: holders('*S-1-1-0'), SeServiceLogonRight: holders('*S-1-5-32-545') },
      pools: [pool('DefaultAppPool', { identityTypeDefaulted: true })],
      ruleSet: 'conservative',
      role: 'worker-process',
    });
    assert.equal(finding.notes.length, 2, finding.notes.join(' | '));
    assert.ok(finding.message.endsWith(` Note: ${finding.notes[0]} ${finding.notes[1]}`), finding.message);
    assert.match(finding.notes[0]!, /^Pool "DefaultAppPool" sets no identityType/);
    assert.match(finding.notes[1]!, /^The grant rests on BUILTIN\\Users/);
  });
});
