import assert from 'node:assert/strict';
import { parseFixture, scope, scopeNames } from './applicationhost-helpers';

describe('applicationHost.config parser: own fixtures', function () {
  it('hardened-specific-user: userName="" for a SpecificUser site, case-insensitive paths, inheritInChildApplications', function () {
    const config = parseFixture('hardened-specific-user.applicationHost.config');
    assert.deepEqual(config.applicationPools.get('shoppool'), {
      name: 'ShopPool',
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-shop',
      logonType: 'LogonBatch',
      line: 25,
    });
    assert.deepEqual(config.applicationPools.get('shopapipool'), {
      name: 'ShopApiPool',
      identityType: 'SpecificUser',
      userName: 'CONTOSO\\svc-shop-api',
      logonType: 'LogonService',
      line: 28,
    });
    assert.equal(config.applicationPools.get('intranetpool')?.identityType, 'NetworkService');
    // The pool's own password is not part of the model.
    assert.ok(!JSON.stringify([...config.applicationPools.values()]).includes('enc:'));

    assert.deepEqual(scopeNames(config), [
      'Shop|/|site',
      'Shop|/api|application',
      'Shop|/legacy|application',
      'Shop|/media|virtual-directory',
      'Intranet|/|site',
      'Intranet|/hr|application',
      'Intranet|/hr/payroll|location',
    ]);
    const shop = scope(config, 'Shop', '/');
    assert.equal(shop.applicationPool, 'ShopPool');
    assert.deepEqual(shop.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: '<location path="Shop"> (line 88)',
    });
    assert.equal(scope(config, 'Shop', '/media').applicationPool, 'ShopPool');

    // Shop/api sets only enabled: the userName "" from <location path="Shop"> is kept.
    const api = scope(config, 'Shop', '/api');
    assert.equal(api.applicationPool, 'ShopApiPool');
    assert.deepEqual(api.anonymous, {
      enabled: false,
      userName: '',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: '<location path="Shop"> (line 88)',
    });

    // Written "shop/LEGACY/" with attributes over four lines; the application takes the site's applicationDefaults pool.
    const legacy = scope(config, 'Shop', '/legacy');
    assert.equal(legacy.applicationPool, 'DefaultAppPool');
    assert.equal(legacy.anonymous.userName, 'CONTOSO\\legacy-anon');
    assert.equal(legacy.anonymous.logonMethod, 'Batch');
    assert.equal(legacy.anonymous.passwordSet, true);
    // The element's start tag spans lines 106-109; either end is a fair line to report.
    assert.match(legacy.anonymous.definedAt, /^<location path="shop\/LEGACY\/"> \(line 10[6-9]\)$/);
    assert.ok(!JSON.stringify(config).includes('bGVnYWN5'), 'password value must never be kept');

    // inheritInChildApplications="false" on Intranet: the root gets it, the /hr application does not.
    assert.deepEqual(scope(config, 'Intranet', '/').anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'Network',
      passwordSet: false,
      definedAt: '<location path="Intranet"> (line 118)',
    });
    const hr = scope(config, 'Intranet', '/hr');
    assert.equal(hr.applicationPool, 'HrPool');
    assert.deepEqual(hr.anonymous, {
      enabled: true,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 78)',
    });
    const payroll = scope(config, 'Intranet', '/hr/payroll');
    assert.equal(payroll.applicationPool, 'HrPool');
    assert.deepEqual(payroll.anonymous, {
      enabled: false,
      userName: 'IUSR',
      logonMethod: 'ClearText',
      passwordSet: false,
      definedAt: 'server level (line 78)',
    });
    assert.deepEqual(config.diagnostics, []);
  });

  it('shared-hosting: identity from applicationPoolDefaults, location path ".", vdir under a child application', function () {
    const config = parseFixture('shared-hosting.applicationHost.config');
    assert.deepEqual(config.applicationPools.get('customer-a.example'), {
      name: 'customer-a.example',
      identityType: 'NetworkService',
      userName: '',
      logonType: 'LogonService',
      line: 12,
    });
    assert.deepEqual(config.applicationPools.get('customer-b.example'), {
      name: 'Customer-B.Example',
      identityType: 'NetworkService',
      userName: '',
      logonType: 'LogonService',
      line: 15,
    });
    assert.deepEqual(config.applicationPools.get('customer-b-api'), {
      name: 'customer-b-api',
      identityType: 'ApplicationPoolIdentity',
      userName: '',
      logonType: 'LogonService',
      line: 16,
    });

    assert.deepEqual(scopeNames(config), [
      'customer-a.example|/|site',
      'Customer B (www)|/|site',
      'Customer B (www)|/api|application',
      'Customer B (www)|/api/docs|virtual-directory',
    ]);
    // <location path="."> is the server level: it overrides the root section attribute by attribute.
    const a = scope(config, 'customer-a.example', '/');
    assert.equal(a.applicationPool, 'customer-a.example');
    assert.deepEqual(a.anonymous, {
      enabled: true,
      userName: 'HOSTING\\anon-web',
      logonMethod: 'Network',
      passwordSet: true,
      definedAt: 'server level (line 49)',
    });
    // The pool name is reported as the application wrote it; the map is keyed in lower case.
    assert.equal(scope(config, 'Customer B (www)', '/').applicationPool, 'customer-b.example');
    const docs = scope(config, 'Customer B (www)', '/api/docs');
    assert.equal(docs.applicationPool, 'customer-b-api');
    assert.equal(docs.line, 33);
    // password="" clears the inherited password.
    assert.deepEqual(docs.anonymous, {
      enabled: true,
      userName: '',
      logonMethod: 'Network',
      passwordSet: false,
      definedAt: '<location path="customer b (www)/API/Docs"> (line 58)',
    });
    assert.deepEqual(config.diagnostics, []);
  });
});
