// npm run package: the module as a server installs it.
//   out/IisLogonRightsDsc/<version>/  the module folder: manifest, psm1, Public/Private, Data,
//                                     Native, en-US, bin/ (both engine bundles, Jint and Acornima
//                                     for net462, net8.0 and, precompiled for the machine
//                                     that builds it, net10.0, with their licences), the DSC v3
//                                     manifest and entry, LICENSE
//   out/repository/IisLogonRightsDsc.<version>.nupkg   PowerShell Gallery format, published by
//                                     Publish-PSResource (pwsh from tools/pwsh) into that folder
//                                     repository, from which Install-PSResource installs it.
// `npm run package` builds first (node build.mjs); tests call packageModule() after their build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleSource = join(root, 'dsc', 'IisLogonRightsDsc');
export const PWSH = join(root, 'tools', 'pwsh', '.install', 'tool', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

/** What a module folder must hold besides the sources, or the package would not work. */
const REQUIRED_BUILT_FILES = [
  'bin/iis-logon-rights.engine.js',
  'bin/iis-logon-rights.cjs',
  'bin/net462/Jint.dll',
  'bin/net462/Acornima.dll',
  'bin/net462/System.Memory.dll',
  'bin/net8.0/Jint.dll',
  'bin/net8.0/Acornima.dll',
];

export function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/**
 * Builds the module folder and the .nupkg under `outRoot` (default out/); returns their paths.
 * Throws with a one-line reason when something is missing (run node build.mjs first).
 */
export function packageModule(outRoot = join(root, 'out')) {
  const version = packageVersion();
  const manifest = readFileSync(join(moduleSource, 'IisLogonRightsDsc.psd1'), 'utf8');
  if (!manifest.includes(`ModuleVersion        = '${version}'`))
    throw new Error(`IisLogonRightsDsc.psd1 does not say ModuleVersion = '${version}' (package.json's version)`);
  const missing = REQUIRED_BUILT_FILES.filter((file) => !existsSync(join(moduleSource, file)));
  if (missing.length > 0)
    throw new Error(`the module is not built: ${missing.join(', ')} missing (run node build.mjs)`);
  if (!existsSync(PWSH)) throw new Error(`${PWSH} is missing (bash tools/pwsh/install.sh installs it)`);

  const moduleFolder = join(outRoot, 'IisLogonRightsDsc', version);
  const repository = join(outRoot, 'repository');
  rmSync(join(outRoot, 'IisLogonRightsDsc'), { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
  mkdirSync(moduleFolder, { recursive: true });
  cpSync(moduleSource, moduleFolder, { recursive: true });
  // The DSC v3 manifest and its entry sit at the module's root: DSC_RESOURCE_PATH (or PATH)
  // pointing at the installed module folder finds the manifest, and the entry imports the
  // module beside it.
  for (const file of readdirSync(join(root, 'dsc', 'v3')))
    cpSync(join(root, 'dsc', 'v3', file), join(moduleFolder, file));
  cpSync(join(root, 'LICENSE'), join(moduleFolder, 'LICENSE'));

  const publish = spawnSync(
    PWSH,
    [
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-File',
      join(root, 'scripts', 'Publish-IisLogonRightsPackage.ps1'),
      '-ModuleFolder',
      moduleFolder,
      '-RepositoryFolder',
      repository,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' },
      timeout: 10 * 60_000,
    },
  );
  const nupkg = join(repository, `IisLogonRightsDsc.${version}.nupkg`);
  if (publish.status !== 0 || !existsSync(nupkg)) {
    throw new Error(
      `Publish-PSResource failed (exit ${publish.status}): ${`${publish.stdout}\n${publish.stderr}`.trim()}`,
    );
  }
  return { version, moduleFolder, repository, nupkg };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { moduleFolder, nupkg } = packageModule();
  console.error(`packaged ${moduleFolder.slice(root.length + 1)} and ${nupkg.slice(root.length + 1)}`);
}
