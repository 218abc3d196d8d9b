import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundle } from '../helpers/cli';
import { psQuote } from './ps-tools';
import {
  GPO_BLOCKED,
  MISSING_BATCH,
  REPORTS_SID,
  assertClean,
  describeModuleEval,
  evalInModule,
  validateAccounts,
  validateFacts,
  validateRsop,
  values,
} from './module-eval-helpers';

describeModuleEval(
  'IisLogonRightsDsc in a PowerShell runspace, collecting the facts: documents, redaction, shared configuration, RSoP and accounts',
  ({ tempFolder }) => {
    it('builds a facts document the engine accepts and judges exactly like the snapshot folder', function () {
      const result = evalInModule(`
      $folder = ${psQuote(MISSING_BATCH)}
      $files = [ordered] @{}
      foreach ($name in 'host.json', 'secedit.inf', 'applicationHost.config', 'gpresult.xml', 'accounts.json') {
        $files[$name] = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($folder, $name))
      }
      New-IisLogonRightsFactsDocument -Name 'WEB03' -Files $files
      $objects = [ordered] @{ 'secedit.inf' = $files['secedit.inf']; 'applicationHost.config' = $files['applicationHost.config']; 'host.json' = [ordered] @{ computerName = 'WEB03'; domainJoined = $true }; 'accounts.json' = [ordered] @{ accounts = @([ordered] @{ name = 'CONTOSO\\svc-reports'; sid = '${REPORTS_SID}'; kind = 'domain'; groups = @('S-1-5-32-545') }); unresolved = @([ordered] @{ name = 'CONTOSO\\gone'; reason = 'not found' }) }; 'rsop.json' = @() }
      New-IisLogonRightsFactsDocument -Name 'WEB03' -Files $objects
      try { New-IisLogonRightsFactsDocument -Name 'x' -Files @{ 'secedit.inf' = ''; 'web.config' = '' } } catch { $_.Exception.Message }
    `);
      assertClean(result);
      const [fromText, fromObjects, unknown] = values(result) as [string, string, string];
      for (const document of [fromText, fromObjects]) {
        assert.match(document, /^[\x20-\x7e]*$/, 'ASCII only');
        assert.ok(validateFacts(JSON.parse(document)), JSON.stringify(validateFacts.errors));
      }
      assert.deepEqual(
        Object.keys(JSON.parse(fromText).files),
        ['secedit.inf', 'applicationHost.config', 'gpresult.xml', 'accounts.json', 'host.json'],
        'the known order',
      );
      const viaStdin = runBundle(['get', '--snapshot', '-', '--format', 'json'], fromText);
      const viaFolder = runBundle(['get', '--snapshot', MISSING_BATCH, '--format', 'json']);
      assert.equal(viaStdin.status, 0, viaStdin.stderr);
      const strip = (text: string) => (JSON.parse(text) as { findings: unknown[] }).findings;
      assert.deepEqual(strip(viaStdin.stdout), strip(viaFolder.stdout));
      const objectRun = runBundle(['get', '--snapshot', '-', '--format', 'json'], fromObjects);
      assert.equal(objectRun.status, 0, objectRun.stderr);
      assert.match(unknown, /unknown snapshot file "web\.config"/);
    });

    it('redacts every password value in applicationHost.config and MetaBase.xml text, keeping lines and empty passwords', function () {
      const original = readFileSync(join(GPO_BLOCKED, 'applicationHost.config'), 'utf8');
      const secrets = [...original.matchAll(/password="([^"]+)"/g)].map((match) => match[1]!);
      assert.ok(secrets.length >= 1);
      const result = evalInModule(`
      ConvertTo-IisLogonRightsRedactedText -Text ([System.IO.File]::ReadAllText(${psQuote(join(GPO_BLOCKED, 'applicationHost.config'))}))
      ConvertTo-IisLogonRightsRedactedText -Text "<IIsWebVirtualDir AnonymousUserName='WEB01\\IUSR_WEB01'\`n  AnonymousUserPass='4963446270000000220000004000000' WAMUserPass=\`"\`" AnonymousPasswordSync='FALSE' passAnonymousToken=\`"true\`" />"
    `);
      assertClean(result);
      const [redacted, metabase] = values(result) as [string, string];
      for (const secret of secrets) assert.ok(!redacted.includes(secret), 'secret gone');
      assert.equal(redacted.split('\n').length, original.split('\n').length);
      assert.equal([...redacted.matchAll(/password="\[redacted\]"/g)].length, secrets.length);
      assert.equal(
        metabase,
        "<IIsWebVirtualDir AnonymousUserName='WEB01\\IUSR_WEB01'\n  AnonymousUserPass='[redacted]' WAMUserPass=\"\" AnonymousPasswordSync='FALSE' passAnonymousToken=\"true\" />",
      );
      const folder = tempFolder('iislr-redacted-');
      cpSync(GPO_BLOCKED, folder, { recursive: true });
      writeFileSync(join(folder, 'applicationHost.config'), redacted);
      const before = JSON.parse(runBundle(['get', '--snapshot', GPO_BLOCKED, '--format', 'json']).stdout) as {
        findings: unknown[];
      };
      const after = JSON.parse(runBundle(['get', '--snapshot', folder, '--format', 'json']).stdout) as {
        findings: unknown[];
      };
      assert.deepEqual(after.findings, before.findings, 'the engine judges the redacted file the same way');
    });

    it('follows redirection.config to shared configuration only when it is enabled', function () {
      const result = evalInModule(`
      $default = 'C:\\Windows\\System32\\inetsrv\\config'
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<configuration><configSections /><configurationRedirection /></configuration>' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<configuration><configurationRedirection enabled="false" path="\\\\files\\iis" /></configuration>' -DefaultFolder $default
      Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<?xml version="1.0" encoding="UTF-8"?><configuration><configurationRedirection enabled="true" path="\\\\files\\iis-shared" userName="CONTOSO\\iisshare" password="[enc:IISCngProvider:x:enc]" /></configuration>' -DefaultFolder $default
      try { Resolve-IisLogonRightsConfigurationFolder -RedirectionConfigText '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><configuration />' -DefaultFolder $default } catch { 'refused: ' + $_.Exception.GetBaseException().GetType().Name }
    `);
      assertClean(result);
      assert.deepEqual(values(result), [
        'C:\\Windows\\System32\\inetsrv\\config',
        'C:\\Windows\\System32\\inetsrv\\config',
        'C:\\Windows\\System32\\inetsrv\\config',
        '\\\\files\\iis-shared',
        'refused: XmlException',
      ]);
    });

    it('joins RSOP_UserPrivilegeRight with RSOP_GPO into rsop.json entries the schema and the engine accept', function () {
      const gpo = 'CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com';
      const result = evalInModule(`
      $rights = @(
        [pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544', '*S-1-5-11'); precedence = [uint32] 2; GPOID = 'LocalGPO' },
        [pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544'); precedence = [uint32] 1; GPOID = ${psQuote(gpo)} },
        [pscustomobject] @{ UserRight = 'SeBatchLogonRight'; AccountList = $null; precedence = [uint32] 1; GPOID = ${psQuote(gpo.toLowerCase())} }
      )
      $gpos = @([pscustomobject] @{ id = ${psQuote(gpo)}; name = 'CONTOSO Servers - User Rights' })
      ConvertTo-IisLogonRightsJson -InputObject (ConvertTo-IisLogonRightsRsopDocument -Right $rights -Gpo $gpos)
      ConvertTo-IisLogonRightsJson -InputObject (ConvertTo-IisLogonRightsRsopDocument -Right @() -Gpo @())
    `);
      assertClean(result);
      const [joined, empty] = values(result) as [string, string];
      const entries = JSON.parse(joined) as unknown[];
      assert.ok(validateRsop(entries), JSON.stringify(validateRsop.errors));
      assert.deepEqual(entries, [
        {
          right: 'SeBatchLogonRight',
          accounts: [],
          precedence: 1,
          gpoId: gpo.toLowerCase(),
          gpoName: 'CONTOSO Servers - User Rights',
        },
        {
          right: 'SeNetworkLogonRight',
          accounts: ['*S-1-5-32-544'],
          precedence: 1,
          gpoId: gpo,
          gpoName: 'CONTOSO Servers - User Rights',
        },
        {
          right: 'SeNetworkLogonRight',
          accounts: ['*S-1-5-32-544', '*S-1-5-11'],
          precedence: 2,
          gpoId: 'LocalGPO',
          gpoName: null,
        },
      ]);
      assert.equal(empty, '[]');
      const facts = {
        factsVersion: 1,
        name: 'WEB03',
        files: {
          'secedit.inf': readFileSync(join(MISSING_BATCH, 'secedit.inf'))
            .toString('utf16le')
            .replace(/^\uFEFF/, ''),
          'applicationHost.config': readFileSync(join(MISSING_BATCH, 'applicationHost.config'), 'utf8'),
          'rsop.json': entries,
        },
      };
      const run = runBundle(['get', '--snapshot', '-', '--format', 'json'], JSON.stringify(facts));
      assert.equal(run.status, 0, run.stderr);
    });

    it('accounts.json: canonical names and the spellings IIS used, token groups through local groups and well-known SIDs, unresolved kept', function () {
      const result = evalInModule(`
      $local = @{
        'S-1-5-32-545' = @('S-1-5-4', 'S-1-5-11', 'S-1-5-21-9-9-9-513')
        'S-1-5-32-568' = @('S-1-5-17')
        'S-1-5-32-546' = @('S-1-5-21-1-2-3-501')
        'S-1-5-32-555' = @('S-1-5-21-1-2-3-1001')
        'S-1-5-32-544' = @('S-1-5-21-1-2-3-500', 'S-1-5-21-9-9-9-512')
      }
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-1-2-3-1001' -Kind local -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-1-2-3-501' -Kind local -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-21-9-9-9-1604' -Kind domain -DomainGroup @('S-1-5-21-9-9-9-513', 'S-1-5-21-9-9-9-1605') -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-82-1-2-3-4-5' -Kind virtual -LocalGroupMember $local) -join ','
      (Resolve-IisLogonRightsTokenGroup -Sid 'S-1-5-17' -Kind builtin -LocalGroupMember $local) -join ','
      @(
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-21-1-2-3-1001' -CanonicalName 'WEB01\\anon' -ComputerName 'web01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-21-9-9-9-1604' -CanonicalName 'CONTOSO\\svc-reports' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-82-1-2-3-4-5' -CanonicalName 'IIS APPPOOL\\Docs' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-17' -CanonicalName 'NT AUTHORITY\\IUSR' -ComputerName 'WEB01'),
        (Get-IisLogonRightsAccountKind -Sid 'S-1-5-32-568' -CanonicalName 'BUILTIN\\IIS_IUSRS' -ComputerName 'WEB01')
      ) -join ','
      $document = ConvertTo-IisLogonRightsAccountsDocument -Resolution @(
        [pscustomobject] @{ Name = '.\\anon'; Error = $null; Sid = 'S-1-5-21-1-2-3-1001'; CanonicalName = 'WEB01\\anon'; Kind = 'local'; Groups = @('S-1-5-32-545') },
        [pscustomobject] @{ Name = 'svc-reports@contoso.com'; Error = $null; Sid = 'S-1-5-21-9-9-9-1604'; CanonicalName = 'CONTOSO\\svc-reports'; Kind = 'domain'; Groups = @(); GroupsIncomplete = 'The server is not operational.' },
        [pscustomobject] @{ Name = 'Guest'; Error = $null; Sid = 'S-1-5-21-1-2-3-501'; CanonicalName = 'WEB01\\Guest'; Kind = 'local'; Groups = @('S-1-5-32-546') },
        [pscustomobject] @{ Name = 'web01\\anon'; Error = $null; Sid = 'S-1-5-21-1-2-3-1001'; CanonicalName = 'WEB01\\anon'; Kind = 'local'; Groups = @('S-1-5-32-545') },
        [pscustomobject] @{ Name = 'CONTOSO\\gone'; Error = 'Some or all identity references could not be translated.' }
      )
      ConvertTo-IisLogonRightsJson -InputObject $document
    `);
      assertClean(result);
      const output = values(result);
      assert.deepEqual(output.slice(0, 5), [
        'S-1-5-32-545,S-1-5-32-555',
        'S-1-5-32-546',
        'S-1-5-21-9-9-9-1605,S-1-5-21-9-9-9-513,S-1-5-32-545', // Users through Domain Users; not Administrators (Domain Admins is not among its groups)
        'S-1-5-32-545,S-1-5-32-568',
        'S-1-5-32-545,S-1-5-32-568',
      ]);
      assert.equal(output[5], 'local,domain,virtual,builtin,builtin');
      const accounts = JSON.parse(output[6] as string) as {
        accounts: { name: string; sid: string }[];
        unresolved: unknown[];
      };
      assert.ok(validateAccounts(accounts), JSON.stringify(validateAccounts.errors));
      assert.deepEqual(
        accounts.accounts.map((account) => `${account.name}=${account.sid}`),
        [
          'WEB01\\anon=S-1-5-21-1-2-3-1001',
          'CONTOSO\\svc-reports=S-1-5-21-9-9-9-1604',
          'svc-reports@contoso.com=S-1-5-21-9-9-9-1604',
          'WEB01\\Guest=S-1-5-21-1-2-3-501',
        ],
      );
      assert.deepEqual(accounts.unresolved, [
        { name: 'CONTOSO\\gone', reason: 'Some or all identity references could not be translated.' },
      ]);
      // Both spellings of svc-reports carry why its domain groups are missing; the others (no such property) carry nothing.
      assert.deepEqual(
        accounts.accounts.map((account) => (account as { groupsIncomplete?: string }).groupsIncomplete ?? '-'),
        ['-', 'The server is not operational.', 'The server is not operational.', '-'],
      );
    });
  },
);
