import assert from 'node:assert/strict';
import { ALL_SITES, desiredStateFrom, dscInstanceFrom, restrictToSite } from '../../src/core/dsc-instance';
import { InputError, UsageError, describeLocation, excerpt } from '../../src/core/errors';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { formatBytes, formatCount } from '../../src/core/limits';
import type { Snapshot } from '../../src/core/model';
import { canonicalRightName, describeRight, isLogonRight } from '../../src/core/rights';
import { applyActionsToPolicy } from '../helpers/policy-simulator';
import { accounts, iis, LOCAL_ANON, scope, template, WEB01 } from '../helpers/builders';

/** The small core helpers: errors, sizes, rights, the DSC instance and the policy simulator. */

describe('errors', () => {
  it('InputError and UsageError are named, and the message names file, location, expected and found', () => {
    const error = new InputError('f.json', { pointer: '' }, 'an object', 'null');
    assert.equal(error.name, 'InputError');
    assert.equal(error.message, 'f.json (at (document root)): expected an object, found null');
    assert.equal(new UsageError('bad option').name, 'UsageError');
    assert.equal(new UsageError('bad option').message, 'bad option');
    assert.equal(new InputError('f', {}, 'x', 'y').message, 'f: expected x, found y');
  });

  it('describeLocation joins line, column, element and pointer', () => {
    assert.equal(
      describeLocation({ line: 3, column: 7, element: '<a>', pointer: '/x' }),
      'line 3, column 7, element <a>, at /x',
    );
    assert.equal(describeLocation({ line: 3 }), 'line 3');
    assert.equal(describeLocation({}), '');
  });

  it('excerpt keeps text up to its length and shows control characters', () => {
    assert.equal(excerpt('abc', 3), '"abc"');
    assert.equal(excerpt('abcd', 3), '"abc..."');
    assert.equal(excerpt('a\tb'), '"a\\\\x09b"');
  });
});

describe('formatBytes', () => {
  it('whole MiB without decimals, others with one; KiB; bytes', () => {
    assert.deepEqual(
      [16 * 1024 * 1024, 1024 * 1024, 1.5 * 1024 * 1024, 1024 * 1024 - 1, 1024, 1536, 1023, 0].map(formatBytes),
      ['16 MiB', '1 MiB', '1.5 MiB', '1024.0 KiB', '1.0 KiB', '1.5 KiB', '1023 bytes', '0 bytes'],
    );
  });

  it('formatCount puts a comma between every group of three digits', () => {
    assert.deepEqual([0, 999, 1000, 200_000, 1_234_567, 1_000_000_000].map(formatCount), [
      '0',
      '999',
      '1,000',
      '200,000',
      '1,234,567',
      '1,000,000,000',
    ]);
  });
});

describe('rights', () => {
  it('canonical names, logon rights, and descriptions', () => {
    assert.equal(canonicalRightName('  senetworklogonright '), 'SeNetworkLogonRight');
    assert.equal(canonicalRightName('sedebugprivilege'), 'SeDebugPrivilege');
    assert.equal(canonicalRightName('SeMadeUp'), undefined);
    assert.equal(isLogonRight('SeBatchLogonRight'), true);
    assert.equal(isLogonRight('SeDebugPrivilege'), false);
    assert.equal(describeRight('SeBatchLogonRight'), 'Log on as a batch job (SeBatchLogonRight)');
    assert.equal(describeRight('SeDebugPrivilege'), 'Debug programs (SeDebugPrivilege)');
    assert.equal(describeRight('SeMadeUp'), 'SeMadeUp');
  });
});

describe('DSC instance', () => {
  const snapshot: Snapshot = {
    name: 'WEB01',
    localPolicy: template({ SeNetworkLogonRight: ['*S-1-1-0'] }),
    iis: iis([scope({ userName: 'WEB01\\anon' }), scope({ site: 'Shop', userName: 'WEB01\\anon' })]),
    groupPolicy: [],
    accounts: accounts(LOCAL_ANON),
    host: WEB01,
  };

  it("fills the desired state's defaults", () => {
    assert.deepEqual(desiredStateFrom({ scope: 'Shop' }), {
      scope: 'Shop',
      ruleSet: 'documented',
      allowTemporaryFix: false,
    });
    assert.deepEqual(desiredStateFrom({ scope: '*', ruleSet: 'conservative', allowTemporaryFix: true }), {
      scope: '*',
      ruleSet: 'conservative',
      allowTemporaryFix: true,
    });
  });

  it('narrows to one site by case-insensitive name, keeps all for *, and refuses a site that is not there', () => {
    assert.equal(restrictToSite(snapshot, ALL_SITES, 'stdin', { pointer: '/desired/scope' }), snapshot);
    assert.deepEqual(
      restrictToSite(snapshot, 'SHOP', 'stdin', { pointer: '/desired/scope' }).iis.scopes.map((entry) => entry.site),
      ['Shop'],
    );
    assert.equal(snapshot.iis.scopes.length, 2, 'the snapshot itself is left as it was');
    assert.throws(
      () => restrictToSite(snapshot, 'Blog', 'stdin', { pointer: '/desired/scope' }),
      (error: unknown) =>
        error instanceof InputError &&
        error.message ===
          'stdin (at /desired/scope): expected a site defined in applicationHost.config ("Default Web Site", "Shop") or *, found "Blog"',
    );
    const empty = { ...snapshot, iis: { ...snapshot.iis, scopes: [] } };
    assert.throws(
      () => restrictToSite(empty, 'Blog', 'stdin', {}),
      (error: unknown) =>
        error instanceof InputError &&
        error.expected === 'a site defined in applicationHost.config (it defines none) or *',
    );
  });

  it('reports the desired state, reasons and findings', () => {
    const { evaluation } = judgeSnapshot(restrictToSite(snapshot, 'Shop', 'stdin', {}), {
      ruleSet: 'documented',
      withGpo: [],
    });
    assert.deepEqual(dscInstanceFrom(desiredStateFrom({ scope: 'Shop' }), evaluation), {
      scope: 'Shop',
      ruleSet: 'documented',
      allowTemporaryFix: false,
      inDesiredState: true,
      reasons: evaluation.reasons.map((reason) => ({ code: reason.code, phrase: reason.phrase })),
      findings: [
        {
          site: 'Shop',
          path: '/',
          account: 'WEB01\\anon',
          sid: 'S-1-5-21-1000-2000-3000-1005',
          right: 'SeNetworkLogonRight',
          status: 'ok',
        },
        {
          site: 'Shop',
          path: '/',
          account: 'IIS APPPOOL\\DefaultAppPool',
          sid: 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415',
          right: 'SeServiceLogonRight',
          status: 'ok',
        },
      ],
    });
    const lacking = judgeSnapshot(
      { ...snapshot, localPolicy: template({ SeNetworkLogonRight: ['*S-1-5-32-544'] }) },
      { ruleSet: 'conservative', withGpo: [] },
    ).evaluation;
    const instance = dscInstanceFrom(desiredStateFrom({ scope: '*', ruleSet: 'conservative' }), lacking);
    assert.equal(instance.inDesiredState, false);
    // Under the conservative rules IIS's own grant of the service right to the pool SID is not credited either.
    assert.deepEqual(
      instance.reasons.map((reason) => reason.code),
      Array(4).fill('IisAnonymousLogonRight:IisAnonymousLogonRight:Missing'),
    );
    assert.deepEqual(
      instance.reasons.map((reason) => reason.phrase),
      lacking.reasons.map((reason) => reason.phrase),
    );
    assert.match(instance.reasons[0]!.phrase, /WEB01\\anon/);
    assert.deepEqual(
      instance.findings.map((finding) => [finding.site, finding.right, finding.status]),
      [
        ['Default Web Site', 'SeNetworkLogonRight', 'missing'],
        ['Default Web Site', 'SeServiceLogonRight', 'missing'],
        ['Shop', 'SeNetworkLogonRight', 'missing'],
        ['Shop', 'SeServiceLogonRight', 'missing'],
      ],
    );
  });
});

describe('applyActionsToPolicy', () => {
  const resolve = (name: string): string | undefined =>
    name.toLowerCase() === 'web01\\anon' ? 'S-1-5-21-1-2-3-1005' : undefined;

  it('grants once, revokes by SID or by a name that resolves to it, and drops a right nobody holds', () => {
    const policy = template({
      SeNetworkLogonRight: ['*S-1-5-32-544', 'WEB01\\anon'],
      SeBatchLogonRight: ['*S-1-5-21-1-2-3-1005'],
    });
    const after = applyActionsToPolicy(
      policy,
      [
        { action: 'grant', right: 'SeNetworkLogonRight', sid: 'S-1-5-21-1-2-3-1005' },
        { action: 'grant', right: 'SeServiceLogonRight', sid: 'S-1-5-20' },
        { action: 'revoke', right: 'SeBatchLogonRight', sid: 'S-1-5-21-1-2-3-1005' },
        { action: 'revoke', right: 'SeDenyNetworkLogonRight', sid: 'S-1-5-11' },
      ],
      resolve,
    );
    assert.deepEqual(
      [...after.privilegeRights!.entries()].map(([right, assignment]) => [
        right,
        assignment.right,
        assignment.holders.map((holder) => holder.written),
      ]),
      [
        ['SeNetworkLogonRight', 'SeNetworkLogonRight', ['*S-1-5-32-544', 'WEB01\\anon']],
        ['SeServiceLogonRight', 'SeServiceLogonRight', ['*S-1-5-20']],
      ],
    );
    const revoked = applyActionsToPolicy(
      policy,
      [{ action: 'revoke', right: 'SeNetworkLogonRight', sid: 'S-1-5-21-1-2-3-1005' }],
      resolve,
    );
    assert.deepEqual(
      revoked.privilegeRights!.get('SeNetworkLogonRight')!.holders.map((holder) => holder.written),
      ['*S-1-5-32-544'],
    );
    assert.equal(policy.privilegeRights!.get('SeNetworkLogonRight')!.holders.length, 2, 'the input is not changed');
    assert.deepEqual(
      [
        ...applyActionsToPolicy(
          { ...policy, privilegeRights: null },
          [{ action: 'grant', right: 'SeBatchLogonRight', sid: 'S-1-5-20' }],
          resolve,
        ).privilegeRights!.keys(),
      ],
      ['SeBatchLogonRight'],
    );
  });
});
