import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { EXIT_CODES } from '../../src/core/exit-codes';
import { REPO_ROOT } from './ps-tools';
import {
  CANONICAL_IN_DESIRED_STATE,
  CONFIG_DOCUMENT,
  MANIFEST_PATH,
  instanceSchema,
  manifest,
  vendorAjv,
  vendorSchema,
} from './dsc-v3-helpers';

describe('DSC v3 resource manifest and configuration document (official 3.1.0 schemas)', function () {
  it('the manifest validates against resource_manifest.json (draft 2020-12)', function () {
    const schema = vendorSchema('resource_manifest.json');
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const validate = vendorAjv().compile(schema);
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  });

  it('what-if is the whatIf method: 3.1.0 rejects set\'s {"whatIfArg"} argument, which only the 3.2 engine reads', function () {
    const validate = vendorAjv().compile(vendorSchema('resource_manifest.json'));
    const withWhatIfArg = structuredClone(manifest);
    withWhatIfArg.set.args.push({ whatIfArg: '--what-if' });
    assert.equal(validate(withWhatIfArg), false);
    assert.ok(
      validate.errors?.some((error) => error.instancePath === `/set/args/${withWhatIfArg.set.args.length - 1}`),
    );
    assert.equal(manifest.whatIf.args.at(-1), 'whatif');
  });

  it('has no remote $ref anywhere: dsc 3.1 builds its validator without remote resolution, so one would fail every operation', function () {
    const remote: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}/${index}`));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          if (key === '$ref' && !(typeof child === 'string' && child.startsWith('#')))
            remote.push(`${path}/$ref: ${String(child)}`);
          walk(child, `${path}/${key}`);
        }
      }
    };
    walk(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')), '');
    assert.deepEqual(remote, []);
  });

  // The embedded schema is written from schemas/dsc-instance.schema.json by scripts/generate-tables.ts
  // (test/unit/generated-tables.test.ts fails when it is stale).
  it("the instance schema has _inDesiredState inline as DSC's canonical property defines it", function () {
    const canonical =
      vendorSchema('resource_manifest.json').$defs[
        'https://raw.githubusercontent.com/PowerShell/DSC/main/schemas/v3.1.0/resource/properties/inDesiredState.json'
      ]!;
    const ours = (
      instanceSchema as unknown as { patternProperties: Record<string, { type: string; readOnly: boolean }> }
    ).patternProperties['^_inDesiredState$']!;
    assert.ok(
      (canonical.type as string[]).includes(ours.type),
      'our _inDesiredState type is one the canonical property allows',
    );
    assert.equal(canonical.readOnly, ours.readOnly);
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);
    assert.ok(validate({ scope: '*', _inDesiredState: true }), "the test output's _inDesiredState is accepted");
    assert.equal(validate({ scope: '*', _inDesiredState: 'yes' }), false);
    assert.equal(validate({ scope: '*', _inDesired: true }), false, 'no other extra property');
  });

  it('why a patternProperty: the 3.1.0 manifest schema accepts _inDesiredState under properties only as the remote $ref', function () {
    const validate = vendorAjv().compile(vendorSchema('resource_manifest.json'));
    const inline = structuredClone(manifest);
    inline.schema.embedded.properties._inDesiredState = { type: 'boolean', readOnly: true };
    assert.equal(validate(inline), false);
    assert.ok(
      validate.errors?.some(
        (error) => error.instancePath === '/schema/embedded/properties/_inDesiredState' && error.keyword === 'enum',
      ),
    );
    inline.schema.embedded.properties._inDesiredState = { $ref: CANONICAL_IN_DESIRED_STATE };
    assert.ok(validate(inline), 'it wants the $ref that dsc 3.1 cannot resolve (PowerShell/DSC issue 1033)');
  });

  it('the example configuration document validates against config_document.json, and its instances against the resource schemas', function () {
    const document = JSON.parse(readFileSync(CONFIG_DOCUMENT, 'utf8')) as {
      parameters: Record<string, { defaultValue: unknown }>;
      resources: {
        type: string;
        properties: Record<string, unknown> & { resources?: { type: string; properties: Record<string, unknown> }[] };
      }[];
    };
    const ajv = vendorAjv();
    const validateDocument = ajv.compile(vendorSchema('config_document.json'));
    assert.ok(validateDocument(document), JSON.stringify(validateDocument.errors, null, 2));
    const native = document.resources.find((resource) => resource.type === manifest.type);
    assert.ok(native, `the document uses ${manifest.type}`);
    // Parameters resolved to their defaults, the way DSC would without --parameters.
    const resolved = Object.fromEntries(
      Object.entries(native.properties).map(([name, value]) => {
        const reference = typeof value === 'string' ? /^\[parameters\('(\w+)'\)\]$/.exec(value) : null;
        return [name, reference ? document.parameters[reference[1]!]!.defaultValue : value];
      }),
    );
    const validateInstance = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(instanceSchema);
    assert.ok(validateInstance(resolved), JSON.stringify(validateInstance.errors));
    const adapted = document.resources
      .flatMap((resource) => resource.properties.resources ?? [])
      .find((resource) => resource.type === 'IisLogonRightsDsc/IisAnonymousLogonRight');
    assert.ok(adapted, 'the class resource through the adapter');
    const schemaNames = Object.keys(instanceSchema.properties).map((name) => name.toLowerCase());
    assert.deepEqual(
      Object.keys(adapted.properties).filter((name) => !schemaNames.includes(name.toLowerCase())),
      [],
    );
  });
});

describe('DSC v3 resource manifest against the repository', function () {
  it('type, version and the operations: stdin input, the entry script beside the manifest, test and set return state', function () {
    const packageVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    assert.equal(manifest.type, 'IisLogonRights/AnonymousLogonRight');
    assert.equal(manifest.version, packageVersion);
    for (const [name, operation] of Object.entries({
      get: manifest.get,
      test: manifest.test,
      set: manifest.set,
      whatif: manifest.whatIf,
    })) {
      assert.equal(operation.executable, 'powershell', `${name}: Windows PowerShell 5.1 exists on every Windows host`);
      assert.equal(operation.input, 'stdin', `${name}: JSON on stdin, never in argv`);
      assert.deepEqual(operation.args.slice(-3), ['-File', './IisLogonRights.AnonymousLogonRight.ps1', name]);
      assert.ok(operation.args.includes('-NonInteractive') && operation.args.includes('-NoProfile'));
      assert.ok(existsSync(join(dirname(MANIFEST_PATH), 'IisLogonRights.AnonymousLogonRight.ps1')));
    }
    assert.equal(
      manifest.test.return,
      'state',
      'test is implemented (not synthetic) and returns the state with _inDesiredState',
    );
    assert.equal(manifest.set.return, 'state');
    assert.equal(
      manifest.set.implementsPretest,
      true,
      'set computes its own plan, which is empty in the desired state',
    );
    assert.equal(manifest.whatIf.return, 'state');
  });

  it("exitCodes: the engine's codes with the engine's meanings, plus 1 for a set that did not reach the state and 5 for host errors", function () {
    const codes = Object.keys(manifest.exitCodes)
      .map(Number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      codes,
      [...Object.values(EXIT_CODES).map((entry) => entry.code), 5].sort((a, b) => a - b),
    );
    for (const entry of Object.values(EXIT_CODES)) {
      if (entry.code === EXIT_CODES.notInDesiredState.code) continue;
      assert.equal(manifest.exitCodes[String(entry.code)], entry.meaning, `exit code ${entry.code}`);
    }
    assert.match(manifest.exitCodes['1']!, /set only: .*still not in the desired state/);
    assert.match(manifest.exitCodes['5']!, /^Host error:/);
  });
});
