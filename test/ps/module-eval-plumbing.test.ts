import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { escapeText } from '../../src/render/text-escape';
import { psQuote, runPowerShell, REPO_ROOT, type PsErrorRecord } from './ps-tools';
import { MODULE_MANIFEST, assertClean, describeModuleEval, evalInModule, values } from './module-eval-helpers';

describeModuleEval(
  "IisLogonRightsDsc in a PowerShell runspace, the module's plumbing: help, JSON, exit codes, stderr and escaping",
  () => {
    it("Test-ModuleManifest accepts the manifest, and the help system finds every command's help and the about topic", function () {
      const result = runPowerShell(`
      $manifest = Test-ModuleManifest -Path ${psQuote(MODULE_MANIFEST)}
      $manifest.Version.ToString()
      @($manifest.ExportedDscResources) -join ','
      Import-Module ${psQuote(MODULE_MANIFEST)}
      foreach ($command in @((Get-Module -Name 'IisLogonRightsDsc').ExportedFunctions.Keys)) {
        $help = Get-Help -Name $command -Full
        '{0}|{1}|{2}|{3}' -f $command, ($help.Synopsis.Length -gt 20), @($help.Examples.Example).Count, (@($help.Parameters.Parameter | ForEach-Object { $_.Name }) -join ',')
      }
      ([System.String] (Get-Help -Name 'about_IisLogonRightsDsc')).StartsWith('TOPIC')
    `);
      assertClean(result);
      const output = values(result);
      assert.equal(
        output[0],
        (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
      );
      assert.equal(output[1], 'IisAnonymousLogonRight');
      const help = new Map(
        (output.slice(2, -1) as string[]).map((line) => [line.split('|')[0]!, line.split('|').slice(1)]),
      );
      assert.deepEqual([...help.keys()].sort(), [
        'Export-IisLogonRightsSnapshot',
        'Get-IisAnonymousLogonRight',
        'Set-IisAnonymousLogonRight',
        'Set-IisLogonRightsEngineHost',
        'Set-IisLogonRightsNodeJsPath',
        'Test-IisAnonymousLogonRight',
        'Undo-IisAnonymousLogonRight',
      ]);
      for (const [command, [synopsis, examples]] of help) {
        assert.equal(synopsis, 'True', `${command} synopsis`);
        assert.ok(Number(examples) >= 1, `${command} examples`);
      }
      assert.deepEqual(help.get('Set-IisAnonymousLogonRight')![2]!.split(','), [
        'Scope',
        'RuleSet',
        'AllowTemporaryFix',
        'BackupPath',
        'BackupRetention',
        'GroupPolicySource',
        'PassThru',
        'WhatIf',
        'Confirm',
      ]);
      assert.equal(output.at(-1), true);
    });

    it('ConvertTo-IisLogonRightsJson writes ASCII JSON: escapes, order, one-element and empty arrays, custom objects, enums', function () {
      const result = evalInModule(`
      ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ z = 'q"b\\s'; a = @('one'); e = @(); n = $null; t = $true; i = 42; d = 1.5; o = [pscustomobject] @{ k = 'v' }; w = [System.DayOfWeek]::Monday; u = "caf$([char] 0xE9) $([char] 0xD83D)$([char] 0xDE00) tab$([char] 9)" })
      ConvertTo-IisLogonRightsJson -InputObject @('only') -Indent
      ConvertTo-IisLogonRightsJson -InputObject ([ordered] @{ nested = @{ deeper = @{ deepest = @(1, @(2, 3)) } } })
      $big = 'name="x" ' * 250000
      $json = ConvertTo-IisLogonRightsJson -InputObject $big
      [pscustomobject] @{ Length = $json.Length }
      try { ConvertTo-IisLogonRightsJson -InputObject ([System.IO.FileInfo]::new('x')) } catch { 'refused: ' + $_.Exception.Message }
    `);
      assertClean(result);
      const [first, indented, nested, big, refused] = values(result) as [
        string,
        string,
        string,
        { Length: number },
        string,
      ];
      assert.match(first, /^[\x20-\x7e]*$/, 'ASCII only');
      assert.deepEqual(JSON.parse(first), {
        z: 'q"b\\s',
        a: ['one'],
        e: [],
        n: null,
        t: true,
        i: 42,
        d: 1.5,
        o: { k: 'v' },
        w: 'Monday',
        u: 'caf\u00e9 \u{1f600} tab\t',
      });
      assert.deepEqual(
        Object.keys(JSON.parse(first)),
        ['z', 'a', 'e', 'n', 't', 'i', 'd', 'o', 'w', 'u'],
        'ordered keys kept',
      );
      assert.equal(indented, '[\n  "only"\n]');
      assert.deepEqual(JSON.parse(nested), { nested: { deeper: { deepest: [1, [2, 3]] } } }, 'no depth cut-off');
      // A 2.25 MB string, written whole (its time is the mocha timeout's business, not an assertion's).
      assert.equal(big.Length, 9 * 250000 + 2 + 250000 * 2, 'every quote escaped');
      assert.match(refused, /^refused: ConvertTo-IisLogonRightsJson: cannot write a value of type System.IO.FileInfo/);
    });

    it("maps each engine exit code to an ErrorRecord with the table's ErrorId and category, and back to the v3 exit code", function () {
      const result = evalInModule(`
      foreach ($code in 2, 3, 4, 137) {
        ConvertTo-IisLogonRightsEngineError -ExitCode $code -ErrorMessage @('invalid input: secedit.inf line 3: expected a SID', '') -Command 'dsc get'
      }
      foreach ($entry in (Get-IisLogonRightsEngineContract).ExitCodes) { [System.String] [System.Management.Automation.ErrorCategory] $entry.Category }
      $records = @(
        (ConvertTo-IisLogonRightsEngineError -ExitCode 2 -Command 'test'),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 3 -Command 'test'),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 4 -Command 'test'),
        (New-IisLogonRightsErrorRecord -ErrorId 'IisLogonRightsNotInDesiredState' -Message 'remains' -Category InvalidResult),
        (New-IisLogonRightsErrorRecord -ErrorId 'IisLogonRightsNodeJsNotFound' -Message 'no node' -Category ObjectNotFound),
        (ConvertTo-IisLogonRightsEngineError -ExitCode 137 -Command 'test')
      )
      $thrown = try { throw 'something else' } catch { $_ }
      @(foreach ($record in $records + $thrown) { Get-IisLogonRightsExitCode -ErrorRecord $record }) -join ','
    `);
      assertClean(result);
      const output = values(result);
      const records = output.slice(0, 4) as PsErrorRecord[];
      assert.deepEqual(
        records.map((record) => [record.fullyQualifiedErrorId, record.category, record.targetObject]),
        [
          ['IisLogonRightsEngineUsageError', 'InvalidArgument', 'dsc get'],
          ['IisLogonRightsEngineInvalidInput', 'InvalidData', 'dsc get'],
          ['IisLogonRightsEngineInternalError', 'NotSpecified', 'dsc get'],
          ['IisLogonRightsEngineCrashed', 'OperationStopped', 'dsc get'],
        ],
      );
      assert.equal(
        records[1]!.message,
        'iis-logon-rights dsc get failed with exit code 3 (invalidInput): invalid input: secedit.inf line 3: expected a SID',
      );
      assert.match(records[1]!.recommendedAction ?? '', /collect the snapshot again/);
      assert.match(records[3]!.message ?? '', /exit code 137, which the engine never returns itself/);
      assert.deepEqual(
        output.slice(4, 11),
        [
          'NotSpecified',
          'InvalidResult',
          'InvalidArgument',
          'InvalidData',
          'NotSpecified',
          'OperationStopped',
          'WriteError',
        ],
        'every table category is an ErrorCategory',
      );
      assert.equal(
        output[11],
        `${EXIT_CODES.usage.code},${EXIT_CODES.invalidInput.code},${EXIT_CODES.internal.code},1,5,5,5`,
      );
    });

    it("replays the engine's stderr: warn to Warning, info to Verbose, debug and trace to Debug; error and non-JSON lines returned", function () {
      const result = evalInModule(`
      $VerbosePreference = 'Continue'
      $DebugPreference = 'Continue'
      $lines = @(
        '{"warn":"no Group Policy facts: ownership unknown"}',
        '{"info":"3 sites judged"}',
        '{"debug":"token of IUSR"}',
        '{"trace":"parsed 12 lines"}',
        '{"error":"invalid input: secedit.inf: expected [Privilege Rights]"}',
        'node:internal/modules/cjs/loader:1228 throw err;',
        '{"warn":"a","info":"two keys"}',
        '{"warn": 3}',
        '{not json',
        ''
      ) -join "\`r\`n"
      $returned = Write-IisLogonRightsEngineDiagnostic -StandardError $lines
      @($returned).Count
      $returned
    `);
      assertClean(result);
      assert.deepEqual(result.warnings, ['no Group Policy facts: ownership unknown']);
      assert.deepEqual(result.debug, ['token of IUSR', 'parsed 12 lines']);
      assert.deepEqual(result.verbose, [
        '3 sites judged',
        'iis-logon-rights: invalid input: secedit.inf: expected [Privilege Rights]',
        'iis-logon-rights: node:internal/modules/cjs/loader:1228 throw err;',
        'iis-logon-rights: {"warn":"a","info":"two keys"}',
        'iis-logon-rights: {"warn": 3}',
        'iis-logon-rights: {not json',
      ]);
      assert.deepEqual(values(result), [
        5,
        'invalid input: secedit.inf: expected [Privilege Rights]',
        'node:internal/modules/cjs/loader:1228 throw err;',
        '{"warn":"a","info":"two keys"}',
        '{"warn": 3}',
        '{not json',
      ]);
    });

    it("shows every character in messages as the engine's escapeText does: the same class, the same escapes", function () {
      // Every BMP code point but the surrogates, in one string, through the module's helper.
      let text = '';
      for (let code = 0; code < 0x10000; code++) if (code < 0xd800 || code > 0xdfff) text += String.fromCharCode(code);
      const result = evalInModule(`
      $text = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}'))
      $shown = ConvertTo-IisLogonRightsDisplayText -Text $text
      [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($shown))
      ConvertTo-IisLogonRightsDisplayText -Text $shown
      ConvertTo-IisLogonRightsDisplayText -Text ''
    `);
      assertClean(result);
      const [shown, twice, empty] = values(result) as [string, string, string];
      assert.equal(Buffer.from(shown, 'base64').toString('utf8'), escapeText(text));
      assert.equal(twice, escapeText(text), 'escaping twice changes nothing');
      assert.equal(empty, '');
    });
  },
);
