import assert from 'node:assert/strict';
import { skipUnlessPsTool, type PsAnalysis, type PsClass } from './ps-tools';
import {
  CMDLET_ONLY_PARAMETERS,
  TOOL_SETUP_TIMEOUT_MS,
  byName,
  functionsIn,
  instanceSchema,
  moduleFiles,
  schemaType,
  schemaTypeOf,
} from './module-checks-helpers';

describe('IisLogonRightsDsc module, commands, the class resource and the schema (real PowerShell parser)', function () {
  let psm1: PsAnalysis;
  let publicFiles: PsAnalysis[];

  before(function () {
    this.timeout(TOOL_SETUP_TIMEOUT_MS);
    skipUnlessPsTool(this, 'IisLogonRightsDsc module checks');
    ({ psm1, publicFiles } = moduleFiles());
  });

  it('public commands: advanced functions, an OutputType on each that writes objects, ShouldProcess on each that changes anything', function () {
    const changing = [
      'Set-IisAnonymousLogonRight',
      'Undo-IisAnonymousLogonRight',
      'Export-IisLogonRightsSnapshot',
      'Set-IisLogonRightsNodeJsPath',
      'Set-IisLogonRightsEngineHost',
    ];
    const silent = ['Set-IisLogonRightsNodeJsPath', 'Set-IisLogonRightsEngineHost'];
    for (const fn of functionsIn(publicFiles)) {
      assert.ok(fn.cmdletBinding, `${fn.name} is an advanced function`);
      assert.equal(
        fn.cmdletBinding.supportsShouldProcess,
        changing.includes(fn.name),
        `${fn.name} SupportsShouldProcess`,
      );
      assert.equal(fn.outputTypes.length > 0, !silent.includes(fn.name), `${fn.name} OutputType`);
      if (changing.includes(fn.name)) {
        assert.deepEqual(
          ['WHATIF', 'CONFIRM'].filter((name) => !fn.help!.parameters.includes(name)),
          [],
          `${fn.name} documents -WhatIf and -Confirm`,
        );
      }
    }
    const set = byName(functionsIn(publicFiles), 'Set-IisAnonymousLogonRight');
    const undo = byName(functionsIn(publicFiles), 'Undo-IisAnonymousLogonRight');
    assert.equal(set.cmdletBinding?.confirmImpact, 'Medium');
    assert.equal(undo.cmdletBinding?.supportsShouldProcess, true);
    assert.deepEqual(
      undo.parameters.filter((parameter) => parameter.mandatory).map((parameter) => parameter.name),
      ['BackupPath'],
    );
  });

  it('the class resource mirrors schemas/dsc-instance.schema.json: names, types, Key = required, NotConfigurable = readOnly, defaults', function () {
    const resource = byName(psm1.classes, 'IisAnonymousLogonRight');
    assert.ok(resource.isDscResource);
    const schemaNames = Object.keys(instanceSchema.properties).filter((name) => !name.startsWith('_'));
    const dscProperties = resource.properties.filter((property) => property.dscProperty !== null);
    assert.deepEqual(
      dscProperties.map((property) => property.name.toLowerCase()).sort(),
      schemaNames.map((name) => name.toLowerCase()).sort(),
    );
    for (const property of dscProperties) {
      const schemaName = schemaNames.find((name) => name.toLowerCase() === property.name.toLowerCase())!;
      const schema = instanceSchema.properties[schemaName]!;
      const mapped = schemaTypeOf(property.type);
      assert.equal(
        mapped.type,
        schemaType(schema),
        `${property.name}: ${property.type} vs ${JSON.stringify(schema.type ?? schema.enum)}`,
      );
      assert.equal(
        property.dscProperty!.key,
        instanceSchema.required.includes(schemaName),
        `${property.name}: Key iff required`,
      );
      assert.equal(
        property.dscProperty!.notConfigurable,
        schema.readOnly === true,
        `${property.name}: NotConfigurable iff readOnly`,
      );
      if (schema.default !== undefined) {
        const literal = typeof schema.default === 'boolean' ? `$${schema.default}` : `'${String(schema.default)}'`;
        assert.equal(property.defaultValue, literal, `${property.name}: default`);
      }
      if (mapped.elementClass !== undefined) {
        const element: PsClass = byName(psm1.classes, mapped.elementClass);
        const itemProperties = schema.items?.properties ?? {};
        assert.deepEqual(
          element.properties.map((item) => item.name.toLowerCase()).sort(),
          Object.keys(itemProperties)
            .map((name) => name.toLowerCase())
            .sort(),
          `${element.name} vs ${schemaName}.items`,
        );
        for (const item of element.properties) {
          assert.equal(
            schemaTypeOf(item.type).type,
            'string',
            `${element.name}.${item.name} is a string (Machine Configuration needs strings)`,
          );
          assert.ok(item.dscProperty !== null, `${element.name}.${item.name} has [DscProperty()]`);
        }
      }
    }
    const reason = byName(psm1.classes, 'IisLogonRightsReason');
    assert.deepEqual(
      reason.properties.map((property) => property.name),
      ['Code', 'Phrase'],
      'Machine Configuration: exactly Code and Phrase',
    );
    assert.deepEqual(
      resource.methods.map((method) => `${method.returnType} ${method.name}`),
      ['IisAnonymousLogonRight Get', 'bool Test', 'void Set'].map((text) => text.replace('bool', 'System.Boolean')),
    );
  });

  it('the class methods only delegate to Get-, Test- and Set-IisAnonymousLogonRight', function () {
    const resource = byName(psm1.classes, 'IisAnonymousLogonRight');
    const loopLine = psm1.commands.find((command) => command.name === 'Export-ModuleMember')!.line;
    // The resource class ends where the next class (the engine's file access) begins.
    const end = Math.min(loopLine, ...psm1.classes.map((entry) => entry.line).filter((line) => line > resource.line));
    const inClass = psm1.commands
      .filter((command) => command.line > resource.line && command.line < end)
      .map((command) => command.name);
    assert.deepEqual(inClass, [
      'Get-IisAnonymousLogonRight',
      'Test-IisAnonymousLogonRight',
      'Set-IisAnonymousLogonRight',
    ]);
  });

  it("the cmdlets take the desired-state properties with the schema's names and values, and site names from the pipeline", function () {
    const writable = Object.entries(instanceSchema.properties).filter(
      ([name, schema]) => !name.startsWith('_') && schema.readOnly !== true,
    );
    const expectations: Record<string, string[]> = {
      'Get-IisAnonymousLogonRight': ['scope', 'ruleSet'],
      'Test-IisAnonymousLogonRight': ['scope', 'ruleSet'],
      'Set-IisAnonymousLogonRight': ['scope', 'ruleSet', 'allowTemporaryFix'],
    };
    for (const [command, properties] of Object.entries(expectations)) {
      const fn = byName(functionsIn(publicFiles), command);
      for (const parameter of fn.parameters) {
        const property = writable.find(([name]) => name.toLowerCase() === parameter.name.toLowerCase());
        if (property === undefined) {
          assert.ok(
            parameter.name in CMDLET_ONLY_PARAMETERS,
            `${command} -${parameter.name} is neither a desired-state property nor a documented cmdlet-only parameter`,
          );
          continue;
        }
        const [, schema] = property;
        if (schemaType(schema) === 'boolean')
          assert.equal(
            parameter.type,
            'System.Management.Automation.SwitchParameter',
            `${command} -${parameter.name} is a switch`,
          );
        if (schema.default !== undefined && schemaType(schema) === 'string')
          assert.equal(parameter.defaultValue, `'${String(schema.default)}'`, `${command} -${parameter.name} default`);
      }
      assert.deepEqual(
        properties.filter(
          (name) => !fn.parameters.some((parameter) => parameter.name.toLowerCase() === name.toLowerCase()),
        ),
        [],
        `${command} lacks a property`,
      );
      const scope = byName(fn.parameters, 'Scope');
      assert.equal(scope.type, 'System.String[]');
      assert.equal(scope.defaultValue, "@('*')", 'all sites by default, as the schema describes *');
      assert.ok(
        scope.valueFromPipeline && scope.valueFromPipelineByPropertyName,
        `${command} -Scope from the pipeline`,
      );
      assert.ok(
        scope.aliases.includes('Name'),
        `${command} -Scope binds the Name property of Get-IISSite and Get-Website output`,
      );
    }
  });
});
