import assert from 'node:assert/strict';
import { gpoAssignment, LOCAL_ANON, scope, template } from '../helpers/builders';
import { judge } from './evaluate-identities-helpers';

describe('evaluateIdentities under Group Policy', () => {
  it('reports revoked-at-refresh when a GPO defines the right without the account (the IISRESET story)', () => {
    const localPolicy = template({ SeNetworkLogonRight: ['*S-1-5-32-544', `*${LOCAL_ANON.sid}`] });
    const result = judge({
      localPolicy,
      scopes: [scope({ userName: 'WEB01\\anon' })],
      gpo: [gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])],
    });
    const [finding] = result.findings;
    assert.equal(finding!.status, 'revoked-at-refresh');
    assert.deepEqual(finding!.grantedBy, [LOCAL_ANON.sid]);
    assert.deepEqual(finding!.afterRefresh, { grantedBy: [], deniedBy: [] });
    assert.equal(finding!.allowRightOwner!.name, 'CONTOSO Server Baseline');
    assert.match(finding!.message, /GPO "CONTOSO Server Baseline" \{11111111-2222-3333-4444-555555555555\}/);
  });

  it('reports gpo-blocked when the account lacks a GPO-owned right, and when a GPO-owned deny catches it', () => {
    const localPolicy = template({ SeNetworkLogonRight: ['*S-1-5-32-544'] });
    const lacking = judge({
      localPolicy,
      scopes: [scope({ userName: 'CONTOSO\\svc-anon' })],
      gpo: [gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544'])],
    });
    assert.equal(lacking.findings[0]!.status, 'gpo-blocked');
    const deniedLocal = template({ SeNetworkLogonRight: ['*S-1-5-11'], SeDenyNetworkLogonRight: ['*S-1-5-113'] });
    const denied = judge({
      localPolicy: deniedLocal,
      scopes: [scope({ userName: 'WEB01\\anon' })],
      gpo: [gpoAssignment('SeDenyNetworkLogonRight', ['*S-1-5-113'], 'DISA STIG')],
    });
    assert.equal(denied.findings[0]!.status, 'gpo-blocked');
    assert.equal(denied.findings[0]!.denyRightOwner!.name, 'DISA STIG');
  });

  it('keeps a finding ok when the owning GPO also grants the right', () => {
    const localPolicy = template({ SeNetworkLogonRight: ['*S-1-5-11'] });
    const result = judge({
      localPolicy,
      scopes: [scope({ userName: 'CONTOSO\\svc-anon' })],
      gpo: [gpoAssignment('SeNetworkLogonRight', ['*S-1-5-32-544', '*S-1-5-11'])],
    });
    assert.equal(result.findings[0]!.status, 'ok');
  });
});
