import type { PlanDocument } from '../../src/core/plan';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlanStructure } from '../../src/core/check-plan';
import { psQuote, type PsErrorRecord } from './ps-tools';
import {
  GPO_BLOCKED,
  MISSING_BATCH,
  REPORTS_SID,
  assertClean,
  describeModuleEval,
  evalInModule,
  grantedCopy,
  validatePlan,
  values,
} from './module-eval-helpers';

describeModuleEval(
  'IisLogonRightsDsc in a PowerShell runspace, Get, Test and Set: the cmdlets, the class resource, backups, Undo and GPO-owned rights',
  ({ tempFolder, temporary }) => {
    it('Get- and Test-IisAnonymousLogonRight judge a snapshot through node, take site names from the pipeline, and fail with stable ids', function () {
      const result = evalInModule(`
      $state = Get-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)}
      $state.PSObject.TypeNames[0]
      $state.InDesiredState
      @($state.Findings | ForEach-Object { '{0}{1} {2} {3} {4}' -f $_.Site, $_.Path, $_.Account, $_.Status, $_.InDesiredState }) -join '|'
      @($state.Reasons | ForEach-Object { $_.Code }) -join '|'
      @([pscustomobject] @{ Name = 'Reports' }, [pscustomobject] @{ Name = 'Docs' } | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)}) -join ','
      @('reports' | Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)} -Detailed | ForEach-Object { $_.PSObject.TypeNames[0] + ' ' + $_.Right + ' ' + $_.Status }) -join '|'
      Test-IisAnonymousLogonRight -SnapshotPath ${psQuote(MISSING_BATCH)} -RuleSet conservative
      try { Get-IisAnonymousLogonRight -Scope 'Nope' -SnapshotPath ${psQuote(MISSING_BATCH)} } catch { $_ }
    `);
      assertClean(result);
      const output = values(result);
      assert.deepEqual(output.slice(0, 7), [
        'IisLogonRightsDsc.State',
        false,
        'Default Web Site/ NT AUTHORITY\\IUSR not-required True|Default Web Site/ IIS APPPOOL\\DefaultAppPool ok True|Reports/ CONTOSO\\svc-reports missing False|Docs/ IIS APPPOOL\\Docs ok True',
        'IisAnonymousLogonRight:IisAnonymousLogonRight:Missing',
        'False,True',
        'IisLogonRightsDsc.Finding SeBatchLogonRight missing',
        false,
      ]);
      const failure = output[7] as PsErrorRecord;
      assert.equal(failure.fullyQualifiedErrorId, 'IisLogonRightsEngineInvalidInput,Get-IisAnonymousLogonRight');
      assert.match(failure.message ?? '', /found "Nope"/);
    });

    it('the class resource: Get, Test and Set delegate to the cmdlets; Set applies the plan through LSA and checks the result', function () {
      const after = grantedCopy(MISSING_BATCH, 'SeBatchLogonRight', REPORTS_SID);
      temporary.push(after);
      const backups = tempFolder('iislr-backup-');
      const result = evalInModule(`
      function script:Get-IisLogonRightsDefaultBackupRoot { ${psQuote(backups)} }
      $type = [IisAnonymousLogonRight]
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource = $type::new()
      $resource.Scope = 'Reports'
      $current = $resource.Get()
      $current.GetType().Name
      $current.InDesiredState
      @($current.Reasons | ForEach-Object { $_.GetType().Name + ' ' + $_.Code }) -join '|'
      @($current.Findings | ForEach-Object { $_.GetType().Name + ' ' + $_.Account + ' ' + $_.Right + ' ' + $_.Status }) -join '|'
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource.Test()
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $resource.Set()
      $global:IisLogonRightsTestLsaCalls -join '|'
      $global:IisLogonRightsTestSnapshotCalls
      $resource.Test()
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}
      try { $resource.Set() } catch { $_ }
    `);
      assertClean(result);
      const output = values(result);
      assert.deepEqual(output.slice(0, 8), [
        'IisAnonymousLogonRight',
        false,
        'IisLogonRightsReason IisAnonymousLogonRight:IisAnonymousLogonRight:Missing',
        'IisLogonRightsFinding CONTOSO\\svc-reports SeBatchLogonRight missing',
        false,
        `get ${REPORTS_SID}|add ${REPORTS_SID} SeBatchLogonRight`,
        2,
        true,
      ]);
      const failed = output[8] as PsErrorRecord;
      assert.equal(failed.fullyQualifiedErrorId, 'IisLogonRightsNotInDesiredState,Set-IisAnonymousLogonRight');
      assert.match(
        failed.message ?? '',
        /Scope Reports is still not in the desired state after Set \(1 change\(s\) applied\)\. What remains: Site "Reports" path \/: worker process identity CONTOSO\\svc-reports .* lacks Log on as a batch job.* HTTP 503/,
      );
      assert.equal(readdirSync(backups).length, 2, 'one backup per Set that changed something');
    });

    it('Set -WhatIf changes nothing and writes no backup; Set writes the backup first; Undo restores and checks rights-before.json', function () {
      const after = grantedCopy(MISSING_BATCH, 'SeBatchLogonRight', REPORTS_SID);
      temporary.push(after);
      const backups = tempFolder('iislr-backup-');
      const result = evalInModule(`
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath ${psQuote(backups)} -WhatIf
      'whatif: ' + ($global:IisLogonRightsTestLsaCalls -join '|') + ' / collections: ' + $global:IisLogonRightsTestSnapshotCalls
      [System.IO.Directory]::Exists(${psQuote(backups)}) -and @([System.IO.Directory]::GetDirectories(${psQuote(backups)})).Count -gt 0
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(MISSING_BATCH)}, ${psQuote(after)}
      $change = Set-IisAnonymousLogonRight -Scope 'Reports' -BackupPath ${psQuote(backups)} -PassThru -Confirm:$false
      $change.PSObject.TypeNames[0] + ' ' + $change.InDesiredState + ' ' + @($change.Applied).Count + ' ' + $change.Applied[0].PSObject.TypeNames[0]
      $change.BackupPath
      $global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ','
      $change | Undo-IisAnonymousLogonRight -WhatIf
      'undo whatif: ' + ($global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ',')
      $undone = Undo-IisAnonymousLogonRight -BackupPath $change.BackupPath -PassThru -Confirm:$false
      $undone.Operation + ' ' + (@($undone.Applied | ForEach-Object { $_.Action + ' ' + $_.Right }) -join ',')
      'after undo: [' + ($global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}] -join ',') + ']'
      $global:IisLogonRightsTestLsa[${psQuote(REPORTS_SID)}].Add('SeBatchLogonRight')
      function script:Remove-IisLogonRightsAccountRight { param ([string] $Sid, [string] $Right) }
      try { Undo-IisAnonymousLogonRight -BackupPath ([System.IO.Path]::Combine($change.BackupPath, 'plan.json')) -Confirm:$false } catch { $_ }
      try { Undo-IisAnonymousLogonRight -BackupPath ${psQuote(join(backups, 'nothing-here'))} } catch { $_ }
    `);
      assertClean(result);
      const output = values(result);
      assert.equal(output[0], 'whatif:  / collections: 1', 'WhatIf: no LSA call at all, and no second collection');
      assert.equal(output[1], false, 'WhatIf writes no backup');
      assert.equal(output[2], 'IisLogonRightsDsc.ChangeResult True 1 IisLogonRightsDsc.PlanAction');
      const backup = output[3] as string;
      assert.deepEqual(readdirSync(backup).sort(), [
        'README.txt',
        'manifest.json',
        'plan.json',
        'rights-before.json',
        'secedit.inf',
      ]);
      const plan = JSON.parse(readFileSync(join(backup, 'plan.json'), 'utf8')) as {
        actions: { action: string; sid: string }[];
        undo: { action: string; right: string }[];
      };
      assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
      assert.deepEqual(
        plan.actions.map((action) => `${action.action} ${action.sid}`),
        [`grant ${REPORTS_SID}`],
      );
      assert.deepEqual(
        plan.undo.map((action) => `${action.action} ${action.right}`),
        ['revoke SeBatchLogonRight'],
      );
      assert.deepEqual(JSON.parse(readFileSync(join(backup, 'rights-before.json'), 'utf8')), { [REPORTS_SID]: [] });
      assert.match(
        readFileSync(join(backup, 'secedit.inf'), 'utf8'),
        /^SeBatchLogonRight = \*S-1-5-32-544,\*S-1-5-32-551,\*S-1-5-32-559\r?$/m,
        'the export from before the change',
      );
      assert.equal(output[4], 'SeBatchLogonRight');
      assert.equal(output[5], 'undo whatif: SeBatchLogonRight', 'Undo -WhatIf changes nothing');
      assert.equal(output[6], 'Undo revoke SeBatchLogonRight');
      assert.equal(output[7], 'after undo: []');
      const incomplete = output[8] as PsErrorRecord;
      assert.equal(incomplete.fullyQualifiedErrorId, 'IisLogonRightsUndoIncomplete,Undo-IisAnonymousLogonRight');
      assert.match(
        incomplete.message ?? '',
        /CONTOSO\\svc-reports holds SeBatchLogonRight now, but did not hold it before the change/,
      );
      assert.equal(
        (output[9] as PsErrorRecord).fullyQualifiedErrorId,
        'IisLogonRightsBackupNotFound,Undo-IisAnonymousLogonRight',
      );
    });

    it('a finding under a GPO-owned right is refused with its GPO fix: nothing applied, no backup, and Set fails naming it', function () {
      const backups = tempFolder('iislr-backup-');
      const result = evalInModule(`
      Use-IisLogonRightsTestBoundary -SnapshotFolder ${psQuote(GPO_BLOCKED)}
      try { Set-IisAnonymousLogonRight -BackupPath ${psQuote(backups)} -Confirm:$false } catch { $_ }
      'lsa calls: ' + $global:IisLogonRightsTestLsaCalls.Count
    `);
      assert.equal(result.terminatingError, null);
      const output = values(result);
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0]!, /^Not changed: CONTOSO\\svc-anon at .* \(gpo-blocked\): .* Fix: /);
      const failed = output[0] as PsErrorRecord;
      assert.equal(failed.fullyQualifiedErrorId, 'IisLogonRightsNotInDesiredState,Set-IisAnonymousLogonRight');
      assert.match(failed.message ?? '', /\(0 change\(s\) applied\)\. What remains: .*CONTOSO\\svc-anon/);
      assert.equal(output[1], 'lsa calls: 0');
      assert.deepEqual(readdirSync(backups), []);
    });

    it("a plan narrowed to the approved actions keeps only their undo entries and still passes check-plan's structural rules", function () {
      const grant = {
        action: 'grant',
        right: 'SeNetworkLogonRight',
        sid: 'S-1-5-21-1-2-3-1001',
        account: 'WEB01\\anon',
        temporary: false,
      };
      const revoke = {
        action: 'revoke',
        right: 'SeDenyNetworkLogonRight',
        sid: 'S-1-5-21-1-2-3-1002',
        account: 'WEB01\\anon2',
        temporary: true,
      };
      const plan = {
        planVersion: 1,
        tool: { name: 'iis-logon-rights', version: '0.1.0' },
        snapshot: 'WEB01',
        ruleSet: 'documented',
        options: { allowTemporaryFix: true },
        actions: [
          { ...grant, fixes: [{ site: 'A', path: '/', status: 'missing' }] },
          { ...revoke, fixes: [{ site: 'B', path: '/', status: 'denied' }] },
        ],
        undo: [
          { ...revoke, action: 'grant' },
          { ...grant, action: 'revoke' },
        ],
        refused: [],
        gpoEdits: [],
        verify: 'collect again and test',
      };
      assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
      const result = evalInModule(`
      $checked = [pscustomobject] @{ Plan = ConvertFrom-Json -InputObject ${psQuote(JSON.stringify(plan))} }
      $subset = Select-IisLogonRightsApprovedPlan -Plan $checked.Plan -ApprovedIndex 1
      ConvertTo-IisLogonRightsJson -InputObject $subset
      @(foreach ($action in $checked.Plan.actions) { Get-IisLogonRightsActionDescription -Action $action }) -join '|'
    `);
      assertClean(result);
      const [subsetText, descriptions] = values(result) as [string, string];
      const subset = JSON.parse(subsetText) as typeof plan;
      // Read-IisLogonRightsPlan checks it against the facts in Set; here the structural rules.
      assert.ok(validatePlan(subset), JSON.stringify(validatePlan.errors));
      assert.equal(checkPlanStructure(subset as unknown as PlanDocument), undefined);
      assert.deepEqual(
        subset.actions.map((action) => `${action.action} ${action.right} ${action.sid}`),
        ['revoke SeDenyNetworkLogonRight S-1-5-21-1-2-3-1002'],
      );
      assert.deepEqual(
        subset.undo.map((action) => `${action.action} ${action.right} ${action.sid}`),
        ['grant SeDenyNetworkLogonRight S-1-5-21-1-2-3-1002'],
      );
      assert.deepEqual(
        { ...subset, actions: [], undo: [] },
        { ...plan, actions: [], undo: [] },
        'everything else unchanged',
      );
      assert.equal(
        descriptions,
        'Grant SeNetworkLogonRight to WEB01\\anon (S-1-5-21-1-2-3-1001)|Remove WEB01\\anon2 (S-1-5-21-1-2-3-1002) from SeDenyNetworkLogonRight (temporary: a GPO owns this right, so the next Group Policy refresh undoes it)',
      );
    });
  },
);
