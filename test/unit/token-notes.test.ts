import assert from 'node:assert/strict';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Account, GpoRightAssignment, HostInfo, Snapshot } from '../../src/core/model';
import type { RuleSetName } from '../../src/core/rules';
import { applicationPoolSid } from '../../src/core/sids';
import { accounts, gpoAssignment, groupPolicyResult, iis, scope, template, WEB01 } from '../helpers/builders';

/**
 * What a verdict rests on that the snapshot did not establish, said in the finding's notes and
 * message (docs/rules.md, "Evidence"): a grant only through an inferred BUILTIN\Users membership,
 * and a token SID whose presence is unconfirmed that a deny right names.
 */

const USERS_NOTE = /^The grant rests on BUILTIN\\Users, inferred because accounts\.json listed neither/;
const DEPENDS = /the documented rules leave it out, so the verdict depends on it: --rules conservative assumes it\.$/;

/** A local account with nothing collected about its groups: accounts.json gave no `groups` field. */
const BARE_LOCAL: Account = { name: 'WEB01\\anon', sid: 'S-1-5-21-1000-2000-3000-1005', kind: 'local', groups: [] };
const BARE_DOMAIN: Account = { name: 'CONTOSO\\svc-anon', sid: 'S-1-5-21-7-8-9-1105', kind: 'domain', groups: [] };

function judge(options: {
  account: Account;
  rights: Record<string, string[]>;
  ruleSet?: RuleSetName;
  host?: HostInfo;
  gpo?: GpoRightAssignment[];
  role?: 'anonymous-user' | 'worker-process';
}) {
  const snapshot: Snapshot = {
    name: 'WEB01',
    localPolicy: template(options.rights),
    iis: iis([scope({ userName: options.account.name })]),
    groupPolicy: options.gpo === undefined ? [] : [groupPolicyResult(options.gpo)],
    accounts: accounts(options.account),
    host: options.host ?? WEB01,
  };
  const { evaluation } = judgeSnapshot(snapshot, { ruleSet: options.ruleSet ?? 'documented', withGpo: [] });
  return evaluation.findings.find((finding) => finding.role === (options.role ?? 'anonymous-user'))!;
}

describe('notes on what a verdict rests on', () => {
  describe('a grant only through an inferred BUILTIN\\Users', () => {
    const cases: {
      title: string;
      account: Account;
      allow: string[];
      ruleSet?: RuleSetName;
      status: string;
      grantedBy: string[];
      noted: boolean;
    }[] = [
      {
        title: 'nothing collected, Users alone grants: ok, noted',
        account: BARE_LOCAL,
        allow: ['*S-1-5-32-545'],
        status: 'ok',
        grantedBy: ['S-1-5-32-545'],
        noted: true,
      },
      {
        title: 'the conservative rules also credit an inferred membership for an allow right, and note it',
        account: BARE_LOCAL,
        allow: ['*S-1-5-32-545'],
        ruleSet: 'conservative',
        status: 'ok',
        grantedBy: ['S-1-5-32-545'],
        noted: true,
      },
      {
        title: 'Everyone grants as well: the verdict does not rest on the inference',
        account: BARE_LOCAL,
        allow: ['*S-1-5-32-545', '*S-1-1-0'],
        status: 'ok',
        grantedBy: ['S-1-5-32-545', 'S-1-1-0'],
        noted: false,
      },
      {
        title: 'Users collected as a group of the account: confirmed, not noted',
        account: { ...BARE_LOCAL, groups: ['S-1-5-32-545'], groupsCollected: true },
        allow: ['*S-1-5-32-545'],
        status: 'ok',
        grantedBy: ['S-1-5-32-545'],
        noted: false,
      },
      {
        title: 'groups collected without Users: nothing is inferred, so Users grants nothing',
        account: { ...BARE_LOCAL, groupsCollected: true },
        allow: ['*S-1-5-32-545'],
        status: 'missing',
        grantedBy: [],
        noted: false,
      },
      {
        title: 'another inferred SID (This Organization) grants: no note about Users',
        account: BARE_DOMAIN,
        allow: ['*S-1-5-15'],
        status: 'ok',
        grantedBy: ['S-1-5-15'],
        noted: false,
      },
    ];
    for (const entry of cases) {
      it(entry.title, () => {
        const finding = judge({
          account: entry.account,
          rights: { SeNetworkLogonRight: entry.allow },
          ...(entry.ruleSet ? { ruleSet: entry.ruleSet } : {}),
        });
        assert.equal(finding.status, entry.status);
        assert.deepEqual(finding.grantedBy, entry.grantedBy);
        const noted = finding.notes.filter((note) => USERS_NOTE.test(note));
        assert.equal(noted.length, entry.noted ? 1 : 0, finding.notes.join(' | '));
        assert.equal(finding.message.includes('Note: The grant rests on BUILTIN\\Users'), entry.noted, finding.message);
      });
    }

    it('a grant that only the next refresh keeps through Users is noted too', () => {
      const finding = judge({
        account: BARE_LOCAL,
        rights: { SeNetworkLogonRight: ['*S-1-1-0'] },
        gpo: [gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-545'])],
      });
      assert.equal(finding.status, 'ok');
      assert.deepEqual(finding.afterRefresh?.grantedBy, ['S-1-5-32-545']);
      assert.equal(finding.notes.filter((note) => USERS_NOTE.test(note)).length, 1, finding.notes.join(' | '));
    });
  });

  describe('an unconfirmed token SID that a deny right names', () => {
    /** NT 6.1 without `localAccountSids`: whether S-1-5-113 is in a local account's token is unknown. */
    const WS2008R2: HostInfo = { ...WEB01, osVersion: '6.1.7601' };
    const LOCAL = { ...BARE_LOCAL, groups: ['S-1-5-32-545'], groupsCollected: true };
    const LOCAL_ACCOUNT_NOTE =
      "Deny access to this computer from the network (SeDenyNetworkLogonRight) lists S-1-5-113, and whether this account's token carries it is unconfirmed (Local account: added to the logon of every local account (NT 6.1/6.2: only with KB 2871997, and host.json does not say whether it is installed)); the documented rules leave it out, so the verdict depends on it: --rules conservative assumes it.";

    const cases: {
      title: string;
      deny: string[];
      gpoDeny?: string[];
      ruleSet: RuleSetName;
      status: string;
      notes: string[];
    }[] = [
      {
        title: 'documented: ok, and the note says the verdict depends on it',
        deny: ['*S-1-5-113'],
        ruleSet: 'documented',
        status: 'ok',
        notes: [LOCAL_ACCOUNT_NOTE],
      },
      {
        title: 'conservative: the SID denies, and there is nothing left to note',
        deny: ['*S-1-5-113'],
        ruleSet: 'conservative',
        status: 'denied',
        notes: [],
      },
      {
        title: 'the deny entry written as a name counts the same',
        deny: ['NT AUTHORITY\\Local account'],
        ruleSet: 'documented',
        status: 'ok',
        notes: [LOCAL_ACCOUNT_NOTE],
      },
      {
        title: 'only the GPO that wins at the next refresh lists it: still noted',
        deny: ['*S-1-5-32-546'],
        gpoDeny: ['*S-1-5-32-546', '*S-1-5-113'],
        ruleSet: 'documented',
        status: 'ok',
        notes: [LOCAL_ACCOUNT_NOTE],
      },
      {
        title: 'the deny right names other SIDs only: nothing to note',
        deny: ['*S-1-5-32-546', 'Guest'],
        ruleSet: 'documented',
        status: 'ok',
        notes: [],
      },
    ];
    for (const entry of cases) {
      it(entry.title, () => {
        const finding = judge({
          account: LOCAL,
          rights: { SeNetworkLogonRight: ['*S-1-5-32-545'], SeDenyNetworkLogonRight: entry.deny },
          ruleSet: entry.ruleSet,
          host: WS2008R2,
          ...(entry.gpoDeny ? { gpo: [gpoAssignment('SeDenyNetworkLogonRight', entry.gpoDeny)] } : {}),
        });
        assert.equal(finding.status, entry.status);
        assert.deepEqual(finding.notes, entry.notes);
        for (const note of entry.notes) assert.ok(finding.message.includes(` Note: ${note}`), finding.message);
      });
    }

    it('IIS_IUSRS in "Deny log on as a service" and an ApplicationPoolIdentity pool: noted under documented', () => {
      const poolSid = applicationPoolSid('DefaultAppPool');
      for (const deny of [['*S-1-5-32-568'], ['IIS_IUSRS']]) {
        const finding = judge({
          account: LOCAL,
          rights: {
            SeNetworkLogonRight: ['*S-1-1-0'],
            SeServiceLogonRight: [`*${poolSid}`],
            SeDenyServiceLogonRight: deny,
          },
          role: 'worker-process',
        });
        assert.equal(finding.status, 'ok', deny[0]);
        assert.equal(finding.notes.length, 1, finding.notes.join(' | '));
        assert.match(finding.notes[0]!, /^Deny log on as a service \(SeDenyServiceLogonRight\) lists S-1-5-32-568, /);
        assert.match(finding.notes[0]!, /\(IIS_IUSRS: injected into the worker token at run time; .*\); /);
        assert.match(finding.notes[0]!, DEPENDS);
      }
    });
  });

  describe("IIS's own grant of Log on as a service to a pool identity", () => {
    const poolSid = applicationPoolSid('DefaultAppPool');
    const cases: { title: string; service: string[]; ruleSet: RuleSetName; status: string; holders: string[] }[] = [
      {
        title: 'the list names the pool: that entry grants, and IIS adds nothing',
        service: [`*${poolSid}`],
        ruleSet: 'documented',
        status: 'ok',
        holders: [`*${poolSid}`],
      },
      {
        title: 'the list lacks the pool: IIS writes it itself under the documented rules',
        service: ['*S-1-5-20'],
        ruleSet: 'documented',
        status: 'ok',
        holders: ['(granted by IIS at worker process start)'],
      },
      {
        title: 'the conservative rules do not credit that (a support blog, not a product document)',
        service: ['*S-1-5-20'],
        ruleSet: 'conservative',
        status: 'missing',
        holders: [],
      },
    ];
    for (const entry of cases) {
      it(entry.title, () => {
        const finding = judge({
          account: BARE_DOMAIN,
          rights: { SeNetworkLogonRight: ['*S-1-1-0'], SeServiceLogonRight: entry.service },
          ruleSet: entry.ruleSet,
          role: 'worker-process',
        });
        assert.equal(finding.status, entry.status);
        assert.deepEqual(
          finding.matches!.current.grantedBy.map((match) => match.holder),
          entry.holders,
        );
        assert.deepEqual(finding.grantedBy, entry.holders.length === 0 ? [] : [poolSid]);
      });
    }
  });
});
