import assert from 'node:assert/strict';
import { evaluateIdentities } from '../../src/core/evaluate-identities';
import type { AnonymousScope } from '../../src/core/model';
import { projectPolicy } from '../../src/core/policy';
import { applicationPoolSid } from '../../src/core/sids';
import { accounts, DOMAIN_ANON, iis, LOCAL_ANON, scope, template, WEB01 } from '../helpers/builders';

/**
 * Notes about the configuration behind a finding (configuration-notes.ts): a web.config IIS
 * refuses (HTTP 500.19 before any logon), and an unlocked anonymousAuthentication section whose
 * web.config files the snapshot may lack. Each is a note and a sentence of the message.
 */

function findings(scopes: AnonymousScope[]) {
  return evaluateIdentities({
    iis: iis(scopes),
    policy: projectPolicy(
      template({
        SeNetworkLogonRight: ['*S-1-1-0'],
        SeServiceLogonRight: [`*${applicationPoolSid('DefaultAppPool')}`],
      }),
      new Map(),
      false,
    ),
    accounts: accounts(LOCAL_ANON, DOMAIN_ANON),
    host: WEB01,
    ruleSet: 'documented',
  }).findings;
}

const UNLOCKED = { anonymousUnlockedAt: '<location path="Default Web Site" overrideMode="Allow"> (line 9)' };
const CONNECT_AS = {
  userName: DOMAIN_ANON.name,
  logonMethod: 'ClearText' as const,
  passwordSet: true,
  physicalPath: '\\\\files\\content',
  definedAt: 'site "Default Web Site" virtual directory /',
};

describe('notes about the configuration behind a finding', () => {
  it('a refused web.config: every finding at the path says IIS answers 500.19 first', () => {
    const refused = [
      '/web.config: <location overrideMode="Deny"> locks anonymousAuthentication (line 3)',
      '/app/web.config: the section is not declared (line 1)',
    ];
    const note = `IIS answers HTTP 500.19 for Site "Default Web Site" path / before any logon: it refuses ${refused[0]}; ${refused[1]}. No logon right fixes that; this verdict is for the identity IIS uses once that web.config is fixed.`;
    for (const finding of findings([scope({ userName: 'WEB01\\anon', refusedWebConfigs: refused })])) {
      assert.deepEqual(finding.notes, [note], finding.role);
      assert.ok(finding.message.endsWith(` Note: ${note}`), finding.message);
    }
  });

  it('an empty list of refused web.config files says nothing', () => {
    for (const finding of findings([scope({ userName: 'WEB01\\anon', refusedWebConfigs: [] })]))
      assert.deepEqual(finding.notes, [], finding.role);
  });

  it('unlocked: the pool identity standing in for userName of blanks is noted, a connect-as account is not', () => {
    const noted = findings([
      scope({ userName: '  ', ...UNLOCKED }),
      scope({ site: 'B', userName: '', connectAs: CONNECT_AS, ...UNLOCKED }),
    ]).map((finding) => [
      finding.site,
      finding.role,
      finding.notes.some((note) => note.startsWith('anonymousAuthentication is unlocked for this path')),
    ]);
    assert.deepEqual(noted, [
      ['Default Web Site', 'worker-process', true],
      ['B', 'worker-process', true],
      ['B', 'connect-as', false],
    ]);
  });
});
