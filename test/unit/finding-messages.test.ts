import assert from 'node:assert/strict';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import type { Snapshot } from '../../src/core/model';
import {
  accounts,
  DOMAIN_ANON,
  gpoAssignment,
  groupPolicyResult,
  iis,
  LOCAL_ANON,
  pool,
  scope,
  template,
  WEB01,
} from '../helpers/builders';

/**
 * The finding for each status, with the SIDs that grant and deny, the policy entries that could
 * not be resolved, and the sentence the explanation shows: exact, because it is the answer.
 */

const ANON = 'S-1-5-21-1000-2000-3000-1005';
const WHO = `anonymous account WEB01\\anon (${ANON})`;
const WHERE = 'Site "Default Web Site" path /';
const NETWORK = 'Access this computer from the network (SeNetworkLogonRight)';
const DENY_NETWORK = 'Deny access to this computer from the network (SeDenyNetworkLogonRight)';
const BASELINE = 'GPO "CONTOSO Server Baseline" {11111111-2222-3333-4444-555555555555}';
const SYMPTOM = ' Symptom: anonymous requests fail with HTTP 401.1 (logon failed).';
const AFTER = ' After that refresh anonymous requests fail with HTTP 401.1 (logon failed).';

function groupPolicy(...assignments: ReturnType<typeof gpoAssignment>[]): Snapshot['groupPolicy'] {
  return [groupPolicyResult(assignments)];
}

function findings(
  overrides: Partial<Snapshot>,
): { status: string; name: string; grantedBy: string[]; deniedBy: string[]; unresolved: string[]; message: string }[] {
  const snapshot: Snapshot = {
    name: 'WEB01',
    localPolicy: template({}),
    iis: iis([scope({ userName: 'WEB01\\anon' })]),
    groupPolicy: [],
    accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
    host: WEB01,
    ...overrides,
  };
  // The first finding of each scope is its anonymous identity; the worker process findings after it have their own suite.
  const all = judgeSnapshot(snapshot, { ruleSet: 'documented', withGpo: [] }).evaluation.findings;
  return all
    .filter(
      (finding, index) => index === 0 || all[index - 1]!.site !== finding.site || all[index - 1]!.path !== finding.path,
    )
    .map((finding) => ({
      status: finding.status,
      name: finding.identity.name,
      grantedBy: finding.grantedBy,
      deniedBy: finding.deniedBy,
      unresolved: finding.unresolvedHolders.map((holder) => `${holder.right}:${holder.name}`),
      message: finding.message,
    }));
}

describe('findings: status, matches and message', () => {
  it('ok, naming the granting SID and the entries that could not be resolved', () => {
    assert.deepEqual(findings({ localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0', 'Ghost Group'] }) }), [
      {
        status: 'ok',
        name: 'WEB01\\anon',
        grantedBy: ['S-1-1-0'],
        deniedBy: [],
        unresolved: ['SeNetworkLogonRight:Ghost Group'],
        message: `${WHERE}: ${WHO} holds ${NETWORK} through Everyone (S-1-1-0). Policy entries that could not be resolved: "Ghost Group" in SeNetworkLogonRight.`,
      },
    ]);
    assert.equal(
      findings({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-11'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-11'])),
      })[0]!.message,
      `${WHERE}: ${WHO} holds ${NETWORK} through NT AUTHORITY\\Authenticated Users (S-1-5-11), and ${BASELINE} keeps granting it.`,
    );
  });

  it('missing, and missing until the owning GPO applies', () => {
    assert.deepEqual(findings({ localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544', 'Nobody'] }) }), [
      {
        status: 'missing',
        name: 'WEB01\\anon',
        grantedBy: [],
        deniedBy: [],
        unresolved: ['SeNetworkLogonRight:Nobody'],
        message: `${WHERE}: ${WHO} lacks ${NETWORK}; no SID in its token holds it. Policy entries that could not be resolved: "Nobody" in SeNetworkLogonRight.${SYMPTOM}`,
      },
    ]);
    assert.equal(
      findings({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', [`*${ANON}`])),
      })[0]!.message,
      `${WHERE}: ${WHO} lacks ${NETWORK}; no SID in its token holds it. The owning ${BASELINE} grants it, so the next Group Policy refresh should add it.${SYMPTOM}`,
    );
  });

  it('denied, by its own name in a deny right', () => {
    assert.deepEqual(
      findings({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['WEB01\\anon'] }),
      }),
      [
        {
          status: 'denied',
          name: 'WEB01\\anon',
          grantedBy: ['S-1-1-0'],
          deniedBy: [ANON],
          unresolved: [],
          message: `${WHERE}: ${WHO} is denied ${NETWORK} by ${DENY_NETWORK} held by WEB01\\anon (${ANON}).${SYMPTOM}`,
        },
      ],
    );
  });

  it('revoked at the next refresh, by a GPO deny or by a GPO allow list without it', () => {
    assert.equal(
      findings({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-113'])),
      })[0]!.message,
      `${WHERE}: ${WHO} holds ${NETWORK} now through Everyone (S-1-1-0), but ${BASELINE} defines ${DENY_NETWORK} with NT AUTHORITY\\Local account (S-1-5-113), so the next Group Policy refresh removes it.${AFTER}`,
    );
    const revoked = findings({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
      groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])),
    })[0]!;
    assert.equal(revoked.status, 'revoked-at-refresh');
    assert.equal(
      revoked.message,
      `${WHERE}: ${WHO} holds ${NETWORK} now through Everyone (S-1-1-0), but ${BASELINE} defines ${NETWORK} without any SID in the account's token, so the next Group Policy refresh removes it.${AFTER}`,
    );
  });

  it('blocked by a GPO, through its deny right or its allow list', () => {
    const denied = findings({
      localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'], SeDenyNetworkLogonRight: ['*S-1-5-113'] }),
      groupPolicy: groupPolicy(gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-113'])),
    })[0]!;
    assert.deepEqual([denied.status, denied.deniedBy], ['gpo-blocked', ['S-1-5-113']]);
    assert.equal(
      denied.message,
      `${WHERE}: ${WHO} is denied ${NETWORK} by ${DENY_NETWORK} held by NT AUTHORITY\\Local account (S-1-5-113), which ${BASELINE} defines; a local change would be undone at the next refresh, so the fix belongs in the GPO.${SYMPTOM}`,
    );
    assert.equal(
      findings({
        localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }),
        groupPolicy: groupPolicy(gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])),
      })[0]!.message,
      `${WHERE}: ${WHO} lacks ${NETWORK}, which ${BASELINE} defines without any SID in the account's token; a local change would be undone at the next refresh, so the fix belongs in the GPO.${SYMPTOM}`,
    );
  });

  it('unresolved: an account the host did not resolve, and a pool that is not there', () => {
    assert.deepEqual(findings({ iis: iis([scope({ userName: 'CONTOSO\\ghost' })]) }), [
      {
        status: 'unresolved',
        name: 'CONTOSO\\ghost',
        grantedBy: [],
        deniedBy: [],
        unresolved: [],
        message: `${WHERE}: anonymous account CONTOSO\\ghost needs ${NETWORK}, but "CONTOSO\\ghost" is not in accounts.json, so its SID and groups are unknown; resolve the account on the host and collect again.${SYMPTOM}`,
      },
    ]);
    assert.deepEqual(
      findings({
        iis: iis([
          scope({ userName: '', applicationPool: 'Nope' }),
          scope({ site: 'B', userName: '', applicationPool: null }),
        ]),
      }).map((finding) => [finding.status, finding.name, finding.message]),
      [
        [
          'unresolved',
          '(identity of application pool "Nope", which is not defined)',
          `${WHERE}: anonymous requests run as the application pool identity (userName=""), but the path is served by application pool "Nope", which is not defined; its identity cannot be judged.`,
        ],
        [
          'unresolved',
          '(identity of no application pool)',
          'Site "B" path /: anonymous requests run as the application pool identity (userName=""), but the path is served by no application pool; its identity cannot be judged.',
        ],
      ],
    );
  });

  it('the identity of a finding that never reached a rule: the configured name, or what stands in for it', () => {
    const identities = (overrides: Partial<Snapshot>) =>
      judgeSnapshot(
        {
          name: 'WEB01',
          localPolicy: template({}),
          iis: iis([]),
          groupPolicy: [],
          accounts: accounts(LOCAL_ANON),
          host: WEB01,
          ...overrides,
        },
        { ruleSet: 'documented', withGpo: [] },
      ).evaluation.findings.map((finding) => finding.identity);
    assert.deepEqual(
      identities({
        iis: iis([
          scope({ enabled: false, userName: 'WEB01\\anon' }),
          scope({ site: 'B', enabled: false, userName: '' }),
        ]),
      }),
      [
        { name: 'WEB01\\anon', sid: null, kind: 'unknown', accountKind: 'unknown', definedAt: 'server level' },
        {
          name: '(application pool identity)',
          sid: null,
          kind: 'unknown',
          accountKind: 'unknown',
          definedAt: 'server level',
        },
      ],
    );
    assert.deepEqual(identities({ iis: iis([scope({ userName: '', applicationPool: 'Nope' })]) }), [
      {
        name: '(identity of application pool "Nope", which is not defined)',
        sid: null,
        kind: 'app-pool-identity',
        accountKind: 'unknown',
        definedAt: 'server level',
      },
    ]);
  });

  it('revoked or blocked by the allow list while the same GPO also owns a deny right that does not catch the identity', () => {
    const both = (local: string[]) =>
      findings({
        localPolicy: template({ SeNetworkLogonRight: local }),
        groupPolicy: groupPolicy(
          gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544']),
          gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-32-546']),
        ),
      })[0]!;
    const revoked = both(['*S-1-1-0']);
    assert.equal(revoked.status, 'revoked-at-refresh');
    assert.equal(
      revoked.message,
      `${WHERE}: ${WHO} holds ${NETWORK} now through Everyone (S-1-1-0), but ${BASELINE} defines ${NETWORK} without any SID in the account's token, so the next Group Policy refresh removes it.${AFTER}`,
    );
    const blocked = both(['*S-1-5-32-544']);
    assert.equal(blocked.status, 'gpo-blocked');
    assert.equal(
      blocked.message,
      `${WHERE}: ${WHO} lacks ${NETWORK}, which ${BASELINE} defines without any SID in the account's token; a local change would be undone at the next refresh, so the fix belongs in the GPO.${SYMPTOM}`,
    );
  });

  it('not required for a pool identity that needs no right from policy, citing the rule', () => {
    const [finding] = findings({
      iis: iis([scope({ userName: '' })], [pool('DefaultAppPool', { identityType: 'NetworkService' })]),
    });
    assert.equal(finding!.status, 'not-required');
    assert.match(
      finding!.message,
      /^Site "Default Web Site" path \/: worker process identity NT AUTHORITY\\NETWORK SERVICE \(S-1-5-20\) needs no logon right from policy \(.+\)\.$/,
    );
  });

  it('not required: anonymous access off, and IUSR under the documented rules', () => {
    assert.deepEqual(
      findings({ iis: iis([scope({ enabled: false })]) }).map((finding) => [finding.status, finding.message]),
      [
        [
          'not-required',
          `${WHERE}: anonymous authentication is disabled, so no anonymous identity needs a logon right.`,
        ],
      ],
    );
    const iusr = findings({ iis: iis([scope({ userName: 'IUSR' })]) })[0]!;
    assert.equal(iusr.status, 'not-required');
    assert.match(
      iusr.message,
      /^Site "Default Web Site" path \/: NT AUTHORITY\\IUSR \(S-1-5-17\) is not checked under the documented rules: the evidence that it needs Access this computer from the network \(SeNetworkLogonRight\) is unconfirmed \(.*\)\. Use --rules conservative to enforce it\.$/,
    );
  });
});
