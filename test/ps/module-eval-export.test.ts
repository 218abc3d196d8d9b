import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBundle } from '../helpers/cli';
import { psQuote, type PsErrorRecord } from './ps-tools';
import {
  MISSING_BATCH,
  assertClean,
  describeModuleEval,
  evalInModule,
  validateAccounts,
  validateRsop,
  values,
} from './module-eval-helpers';

describeModuleEval(
  'IisLogonRightsDsc in a PowerShell runspace, exporting a snapshot: secedit and gpresult exports and the whole collector',
  ({ tempFolder }) => {
    it('secedit and gpresult exports: unique temp files, exit code checked, files removed either way', function () {
      const result = evalInModule(`
      $global:NativeCalls = [System.Collections.Generic.List[object]]::new()
      function script:Invoke-IisLogonRightsNativeCommand {
        param ([string] $FilePath, [string[]] $ArgumentList)
        $global:NativeCalls.Add([pscustomobject] @{ File = [System.IO.Path]::GetFileName($FilePath); Arguments = $ArgumentList })
        $out = $ArgumentList[[System.Array]::IndexOf($ArgumentList, $(if ($ArgumentList -contains '/cfg') { '/cfg' } else { '/x' })) + 1]
        if ($global:NativeExit -eq 0) { [System.IO.File]::WriteAllText($out, "[Unicode]\`r\`nUnicode=yes\`r\`n[Privilege Rights]\`r\`nSeNetworkLogonRight = *S-1-5-11\`r\`n", [System.Text.Encoding]::Unicode) }
        elseif ($ArgumentList -contains '/log') { [System.IO.File]::WriteAllText($ArgumentList[[System.Array]::IndexOf($ArgumentList, '/log') + 1], 'Task is completed. Errors were encountered.') }
        [pscustomobject] @{ ExitCode = $global:NativeExit; Output = 'secedit output' }
      }
      $global:NativeExit = 0
      Export-IisLogonRightsUserRightsPolicy
      Export-IisLogonRightsGroupPolicyResult
      $global:NativeExit = 3
      try { Export-IisLogonRightsUserRightsPolicy } catch { $_ }
      try { Export-IisLogonRightsGroupPolicyResult } catch { $_ }
      foreach ($call in $global:NativeCalls) { ($call.File + ' ' + ($call.Arguments -join ' ')) }
      @(foreach ($call in $global:NativeCalls) { foreach ($argument in $call.Arguments) { if ($argument -like '*iis-logon-rights-*' -and [System.IO.File]::Exists($argument)) { $argument } } }).Count
    `);
      assertClean(result);
      const output = values(result);
      assert.equal(
        output[0],
        '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-5-11\r\n',
        'UTF-16LE file read through its BOM',
      );
      assert.equal(output[1], output[0]);
      const [seceditFailed, gpresultFailed] = output.slice(2, 4) as PsErrorRecord[];
      assert.equal(
        seceditFailed!.fullyQualifiedErrorId,
        'IisLogonRightsSeceditFailed,Export-IisLogonRightsUserRightsPolicy',
      );
      assert.match(
        seceditFailed!.message ?? '',
        /failed with exit code 3 and wrote no file\. secedit output Task is completed\. Errors were encountered\./,
      );
      assert.equal(
        gpresultFailed!.fullyQualifiedErrorId,
        'IisLogonRightsGpresultFailed,Export-IisLogonRightsGroupPolicyResult',
      );
      const calls = output.slice(4, 8) as string[];
      assert.match(
        calls[0]!,
        /^secedit\.exe \/export \/areas USER_RIGHTS \/cfg \S+iis-logon-rights-[0-9a-f]{32}\.inf \/log \S+iis-logon-rights-[0-9a-f]{32}\.log \/quiet$/,
      );
      assert.match(calls[1]!, /^gpresult\.exe \/scope computer \/x \S+iis-logon-rights-[0-9a-f]{32}\.xml \/f$/);
      assert.notEqual(calls[0], calls[2], 'a new temp name each time');
      assert.equal(output[8], 0, 'no temp file left behind');
    });

    it('the collector with only the Windows calls replaced: Export-IisLogonRightsSnapshot writes a folder the engine judges like the original', function () {
      const out = tempFolder('iislr-export-');
      const snapshot = join(out, 'WEB03');
      const gpo = 'CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com';
      const result = evalInModule(`
      $global:Example = ${psQuote(MISSING_BATCH)}
      function script:Export-IisLogonRightsUserRightsPolicy { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($global:Example, 'secedit.inf')) }
      function script:Get-IisLogonRightsIisConfiguration {
        [pscustomobject] @{ FileName = 'applicationHost.config'; Path = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config'; Text = ConvertTo-IisLogonRightsRedactedText -Text ([System.IO.File]::ReadAllText([System.IO.Path]::Combine($global:Example, 'applicationHost.config'))) }
      }
      function script:Get-IisLogonRightsCimInstance {
        param ([string] $Namespace, [string] $ClassName)
        if ($ClassName -eq 'RSOP_GPO') { return @([pscustomobject] @{ id = ${psQuote(gpo)}; name = 'CONTOSO Servers - User Rights' }) }
        return @([pscustomobject] @{ UserRight = 'SeNetworkLogonRight'; AccountList = @('*S-1-5-32-544', '*S-1-5-11'); precedence = [uint32] 1; GPOID = ${psQuote(gpo)} })
      }
      function script:Get-IisLogonRightsHostFact { [ordered] @{ computerName = 'WEB03'; domain = 'CONTOSO'; domainJoined = $true; osVersion = '10.0.20348'; iisVersion = '10.0'; collectedAt = '2024-09-17T07:52:40Z' } }
      function script:Get-IisLogonRightsLocalGroupMember { @{ 'S-1-5-32-545' = @('S-1-5-4', 'S-1-5-11', 'S-1-5-21-2060260628-1893702904-3285376245-513'); 'S-1-5-32-568' = @('S-1-5-17'); 'S-1-5-32-546' = @('S-1-5-21-496250926-734067688-4248505504-501') } }
      function script:Get-IisLogonRightsDomainGroup { param ([string] $Sid) @('S-1-5-21-2060260628-1893702904-3285376245-513', 'S-1-5-21-2060260628-1893702904-3285376245-1605') }
      function script:Resolve-IisLogonRightsSidName {
        param ([string] $Sid)
        @{ 'S-1-5-113' = 'NT AUTHORITY\\Local account'; 'S-1-5-32-545' = 'BUILTIN\\Users'; 'S-1-5-32-546' = 'BUILTIN\\Guests'; 'S-1-5-32-568' = 'BUILTIN\\IIS_IUSRS' }[$Sid]
      }
      function script:Resolve-IisLogonRightsAccountSid {
        param ([string] $Name, [string] $ComputerName)
        $known = @{
          'CONTOSO\\svc-reports' = @('S-1-5-21-2060260628-1893702904-3285376245-1604', 'CONTOSO\\svc-reports')
          'IUSR' = @('S-1-5-17', 'NT AUTHORITY\\IUSR')
          'IIS APPPOOL\\Docs' = @('S-1-5-82-148096289-3303703753-901187016-2394630330-3443985100', 'IIS APPPOOL\\Docs')
          'IIS APPPOOL\\DefaultAppPool' = @('S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415', 'IIS APPPOOL\\DefaultAppPool')
          'Guest' = @('S-1-5-21-496250926-734067688-4248505504-501', 'WEB03\\Guest')
        }
        if (-not $known.ContainsKey($Name)) { throw 'Some or all identity references could not be translated.' }
        [pscustomobject] @{ Sid = $known[$Name][0]; CanonicalName = $known[$Name][1] }
      }
      $written = Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)}
      $written.PSObject.TypeNames[0] + ' ' + $written.ComputerName + ' ' + ($written.Files -join ',')
      try { Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)} } catch { $_.FullyQualifiedErrorId }
      $null = Export-IisLogonRightsSnapshot -Path ${psQuote(snapshot)} -Force
      'forced'
    `);
      assertClean(result);
      assert.deepEqual(values(result), [
        'IisLogonRightsDsc.Snapshot WEB03 secedit.inf,applicationHost.config,rsop.json,accounts.json,host.json',
        'IisLogonRightsSnapshotExists,Export-IisLogonRightsSnapshot',
        'forced',
      ]);
      assert.deepEqual(readdirSync(snapshot).sort(), [
        'accounts.json',
        'applicationHost.config',
        'host.json',
        'rsop.json',
        'secedit.inf',
      ]);
      const accounts = JSON.parse(readFileSync(join(snapshot, 'accounts.json'), 'utf8')) as {
        accounts: { name: string; kind: string; groups?: string[]; members?: string[] }[];
        unresolved: { name: string }[];
      };
      assert.ok(validateAccounts(accounts), JSON.stringify(validateAccounts.errors));
      assert.deepEqual(
        accounts.accounts.map(
          (account) =>
            `${account.name} ${account.kind} ${account.groups?.join(',') ?? `members ${account.members!.join(',')}`}`,
        ),
        [
          // In the order the engine's accounts command lists the names: anonymous, then pools.
          'NT AUTHORITY\\IUSR builtin S-1-5-32-545,S-1-5-32-568',
          'IIS APPPOOL\\DefaultAppPool virtual S-1-5-32-545,S-1-5-32-568',
          'CONTOSO\\svc-reports domain S-1-5-21-2060260628-1893702904-3285376245-1605,S-1-5-21-2060260628-1893702904-3285376245-513,S-1-5-32-545',
          'IIS APPPOOL\\Docs virtual S-1-5-32-545,S-1-5-32-568',
          'WEB03\\Guest local S-1-5-32-546', // Guests only: the built-in Guest gets no Authenticated Users, so no Users
          // Every local group with its members, under the name the host gives it, for the engine's alias membership.
          'BUILTIN\\Users builtin members S-1-5-4,S-1-5-11,S-1-5-21-2060260628-1893702904-3285376245-513',
          'BUILTIN\\Guests builtin members S-1-5-21-496250926-734067688-4248505504-501',
          'BUILTIN\\IIS_IUSRS builtin members S-1-5-17',
        ],
      );
      assert.equal(
        JSON.parse(readFileSync(join(snapshot, 'host.json'), 'utf8')).localAccountSids,
        true,
        'S-1-5-113 translates on this host',
      );
      // ReportsPool runs as CONTOSO\\svc-reports, so IIS APPPOOL\\ReportsPool is never looked up.
      assert.deepEqual(
        accounts.unresolved.map((entry) => entry.name),
        [],
      );
      assert.ok(validateRsop(JSON.parse(readFileSync(join(snapshot, 'rsop.json'), 'utf8'))));
      assert.doesNotMatch(
        readFileSync(join(snapshot, 'applicationHost.config'), 'utf8'),
        /\[enc:/,
        'no encrypted password leaves the host',
      );
      const judged = JSON.parse(runBundle(['get', '--snapshot', snapshot, '--format', 'json']).stdout) as {
        findings: { site: string; status: string }[];
      };
      const original = JSON.parse(runBundle(['get', '--snapshot', MISSING_BATCH, '--format', 'json']).stdout) as {
        findings: { site: string; status: string }[];
      };
      assert.deepEqual(
        judged.findings.map((finding) => `${finding.site} ${finding.status}`),
        original.findings.map((finding) => `${finding.site} ${finding.status}`),
      );
    });
  },
);
