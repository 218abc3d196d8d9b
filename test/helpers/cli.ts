import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const REPO_ROOT = join(__dirname, '..', '..');
export const BUNDLE = join(REPO_ROOT, 'dist', 'iis-logon-rights.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bundle as a user would. `npm test` builds it first. */
export function runBundle(args: string[], input?: string | Buffer, env: Record<string, string> = {}): CliRun {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run node build.mjs (npm test does)`);
  const result = spawnSync(process.execPath, [BUNDLE, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder with the given files, removed by the returned cleanup. */
export function makeSnapshotFolder(files: Record<string, string | Buffer>): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'iis-logon-rights-'));
  for (const [name, content] of Object.entries(files)) {
    const target = join(path, name);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

let resultValidator: (((value: unknown) => boolean) & { errors?: unknown }) | undefined;

/** Validates a result document against schemas/result.schema.json; throws with ajv's errors. */
export function assertValidResult(document: unknown): void {
  if (!resultValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    resultValidator = ajv.compile(require('../../schemas/result.schema.json'));
  }
  if (!resultValidator(document))
    throw new Error(
      `result does not match schemas/result.schema.json: ${JSON.stringify(resultValidator.errors, null, 2)}`,
    );
}

export const MINIMAL_SECEDIT =
  '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeNetworkLogonRight = *S-1-1-0,*S-1-5-32-544,*S-1-5-32-545,*S-1-5-32-551\r\nSeDenyNetworkLogonRight = Guest\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n';

export const MINIMAL_APPLICATION_HOST = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <applicationPoolDefaults><processModel identityType="ApplicationPoolIdentity" /></applicationPoolDefaults>
      <add name="DefaultAppPool" />
    </applicationPools>
    <sites>
      <site name="Default Web Site" id="1">
        <application path="/" applicationPool="DefaultAppPool">
          <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />
        </application>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <security>
      <authentication>
        <anonymousAuthentication enabled="true" userName="WEB01\\anon" />
      </authentication>
    </security>
  </system.webServer>
</configuration>
`;

export const MINIMAL_ACCOUNTS = JSON.stringify({
  accounts: [{ name: 'WEB01\\anon', sid: 'S-1-5-21-1000-2000-3000-1005', kind: 'local', groups: ['S-1-5-32-545'] }],
});
