import assert from 'node:assert/strict';
import { join } from 'node:path';
import { accountsToResolve } from '../../src/core/accounts-to-resolve';
import { loadFactsValue } from '../../src/io/facts';
import { REPO_ROOT } from '../helpers/cli';
import { factsFromFolder } from '../helpers/facts';
import { runInProcess } from '../helpers/in-process';

/**
 * The names the collector resolves into accounts.json come from the engine (the accounts
 * command), which lists exactly what it will look up when it judges: the cases the PowerShell
 * re-parser used to cover, now against the engine's own parsers.
 */

const EXAMPLES = join(REPO_ROOT, 'examples', 'snapshots');
const MINIMAL_SECEDIT = '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeBatchLogonRight = *S-1-5-32-544\r\n';

function namesOf(files: Record<string, unknown>): string[] {
  return accountsToResolve(loadFactsValue({ factsVersion: 1, name: 'WEB03', files }, 'facts')).names;
}

function applicationHost(sites: string, pools = ''): string {
  return `<configuration><system.applicationHost><applicationPools>${pools}</applicationPools><sites>${sites}</sites></system.applicationHost></configuration>`;
}

describe('accountsToResolve: the names the collector must resolve', function () {
  it('lists anonymous, pool and policy names once each, in the order found, and leaves SIDs and privileges out', function () {
    const { files } = factsFromFolder(join(EXAMPLES, 'iis10-specificuser-pool-missing-batch'));
    // A member written by name only (no SID) in a logon right, and one in a privilege.
    const member = (name: string) =>
      `$&<q1:Member><Name xmlns="http://www.microsoft.com/GroupPolicy/Types">${name}</Name></q1:Member>`;
    const gpresult = files['gpresult.xml']!.replace(
      /<q1:Name>SeNetworkLogonRight<\/q1:Name>/,
      member('CONTOSO\\Batch Operators'),
    ).replace(/<q1:Name>SeDebugPrivilege<\/q1:Name>/, member('CONTOSO\\Debug Operators'));
    assert.notEqual(gpresult, files['gpresult.xml']);
    const names = namesOf({
      'secedit.inf': files['secedit.inf'],
      'applicationHost.config': files['applicationHost.config'],
      'gpresult.xml': gpresult,
      'rsop.json': [
        {
          right: 'SeDenyNetworkLogonRight',
          accounts: ['*S-1-5-114', 'CONTOSO\\Denied Web', 'guest'],
          precedence: 1,
          gpoId: 'LocalGPO',
        },
        { right: 'SeDebugPrivilege', accounts: ['CONTOSO\\Debuggers'], precedence: 1, gpoId: 'LocalGPO' },
      ],
    });
    assert.deepEqual(names, [
      'IUSR',
      'IIS APPPOOL\\DefaultAppPool',
      'CONTOSO\\svc-reports',
      'IIS APPPOOL\\Docs',
      'Guest',
      'CONTOSO\\Batch Operators',
      'CONTOSO\\Denied Web',
    ]);
  });

  it('lists the connect-as account each directory takes, its own or the defaults', function () {
    const names = namesOf({
      'secedit.inf': MINIMAL_SECEDIT,
      'applicationHost.config': applicationHost(
        '<virtualDirectoryDefaults userName="CONTOSO\\svc-default" /><site name="S" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="\\\\fs\\s" userName="CONTOSO\\svc-files" /><virtualDirectory path="/docs" physicalPath="\\\\fs\\docs" /></application></site>',
        '<add name="P" managedRuntimeVersion=""><processModel identityType="NetworkService" userName="CONTOSO\\stale" /></add>',
      ),
    });
    // P runs as NetworkService: its stale userName is never looked up, nor is IIS APPPOOL\P.
    // IUSR is the schema's anonymous default.
    assert.deepEqual(names, ['IUSR', 'CONTOSO\\svc-files', 'CONTOSO\\svc-default']);
  });

  it('lists each name trimmed, and never an empty name or a SID, with or without its *', function () {
    const apps = ['/', '/a', '/b', '/c', '/d'];
    const users = ['', ' CONTOSO\\svc-web ', '*S-1-5-21-1-2-3-1001', 'S-1-5-21-1-2-3-1002', 'S-1-5-*21'];
    const config = applicationHost(
      `<site name="S" id="1">${apps.map((path) => `<application path="${path}" applicationPool="P"><virtualDirectory path="/" physicalPath="c:\\s" /></application>`).join('')}</site>`,
      '<add name="P"><processModel identityType="NetworkService" /></add>',
    ).replace(
      '</configuration>',
      `${apps.map((path, index) => `<location path="S${path === '/' ? '' : path}"><system.webServer><security><authentication><anonymousAuthentication userName="${users[index]}" /></authentication></security></system.webServer></location>`).join('')}</configuration>`,
    );
    // "" is the pool identity (NetworkService: no lookup); SIDs need none either.
    assert.deepEqual(namesOf({ 'secedit.inf': MINIMAL_SECEDIT, 'applicationHost.config': config }), [
      'CONTOSO\\svc-web',
      'S-1-5-*21',
    ]);
  });

  it('a local policy without user rights (--allow-no-user-rights) still lists the IIS names', function () {
    const snapshot = loadFactsValue(
      {
        factsVersion: 1,
        name: 'WEB03',
        files: {
          'secedit.inf': '[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature="$CHICAGO$"\r\n',
          'applicationHost.config': applicationHost(
            '<site name="S" id="1"><application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="c:\\s" /></application></site>',
            '<add name="P" />',
          ),
        },
      },
      'facts',
      { allowNoUserRights: true },
    );
    assert.equal(snapshot.localPolicy.privilegeRights, null);
    assert.deepEqual(accountsToResolve(snapshot).names, ['IUSR', 'IIS APPPOOL\\P']);
  });

  it('lists the IIS 6 anonymous and pool (WAMUserName) accounts', function () {
    const { files } = factsFromFolder(join(EXAMPLES, 'iis6-gpo-revoked-at-refresh'));
    const names = namesOf({ 'secedit.inf': files['secedit.inf'], 'MetaBase.xml': files['MetaBase.xml'] });
    assert.ok(names.includes('WEB01\\IUSR_WEB01'), names.join(', '));
    const metabase = files['MetaBase.xml']!.replace(
      /(<IIsApplicationPool\tLocation ="\/LM\/W3SVC\/AppPools\/IntranetAppPool"\s+)AppPoolIdentityType="2"/,
      '$1AppPoolIdentityType="3" WAMUserName="CONTOSO\\svc-pool"',
    );
    assert.notEqual(metabase, files['MetaBase.xml'], 'the example names IntranetAppPool as written here');
    assert.ok(namesOf({ 'secedit.inf': files['secedit.inf'], 'MetaBase.xml': metabase }).includes('CONTOSO\\svc-pool'));
  });

  it('answers through the CLI as JSON, and a file that does not parse is exit 3 naming it', function () {
    const facts = factsFromFolder(join(EXAMPLES, 'iis10-gpo-blocked'), 'WEB05');
    const listed = runInProcess(['accounts', '--snapshot', '-'], JSON.stringify(facts));
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), {
      names: ['IUSR', 'CONTOSO\\svc-anon', 'IIS APPPOOL\\DefaultAppPool', 'IIS APPPOOL\\Partners', 'Guest'],
    });
    const broken = {
      factsVersion: 1,
      name: 'WEB',
      files: { 'secedit.inf': MINIMAL_SECEDIT, 'applicationHost.config': '<configuration><broken' },
    };
    const refused = runInProcess(['accounts', '--snapshot', '-', '--log-format', 'json'], JSON.stringify(broken));
    assert.equal(refused.status, 3);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^\{"error":"invalid input: stdin:\/files\/applicationHost\.config/);
    const usage = runInProcess(['accounts', '--snapshot', '-', '--rules', 'conservative'], JSON.stringify(facts));
    assert.equal(usage.status, 2);
  });
});
