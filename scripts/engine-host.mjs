// Puts the in-process host's .NET assemblies into the module's bin folder: Jint 4.18.0 and
// Acornima 1.9.2 from NuGet, restored by `dotnet restore` of a small project into a git-ignored
// folder (tools/engine-host/.packages), then copied with their licence texts:
//   bin/net462/  Windows PowerShell 5.1 (.NET Framework): Jint, Acornima, and the System.Memory,
//                System.Buffers, System.Numerics.Vectors and Unsafe assemblies they need there
//   bin/net8.0/  PowerShell 7 (.NET 8 and later): Jint and Acornima
//   bin/net10.0/ PowerShell 7.6 and later (.NET 10): Jint and Acornima compiled ahead of time
//                (ReadyToRun) for this machine's operating system and processor, by
//                `dotnet publish` into tools/engine-host/.r2r. .NET 10 refuses ReadyToRun code
//                compiled against .NET 8, so this one folder per runtime; elsewhere the image is
//                plain IL again and the net8.0 folder serves as well.
// build.mjs calls it; a second run finds the files in place and returns at once. Without dotnet,
// or when the restore fails, it says so in one line and the module can still use the node host.
// Without the ReadyToRun folder the module loads net8.0 on every PowerShell 7.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'tools', 'engine-host');
const packages = join(work, '.packages');

export const ENGINE_HOST_PACKAGES = [
  { id: 'Jint', version: '4.18.0', licence: join(work, 'licenses', 'Jint.LICENSE.txt') },
  { id: 'Acornima', version: '1.9.2', licence: join(work, 'licenses', 'Acornima.LICENSE.txt') },
];

/** What .NET Framework needs besides Jint and Acornima (the restore picks these versions). */
const FRAMEWORK_DEPENDENCIES = [
  { id: 'System.Memory', version: '4.5.5', lib: 'net461' },
  { id: 'System.Buffers', version: '4.5.1', lib: 'net461' },
  { id: 'System.Numerics.Vectors', version: '4.5.0', lib: 'net46' },
  { id: 'System.Runtime.CompilerServices.Unsafe', version: '6.0.0', lib: 'net461' },
];

const TARGETS = [
  { folder: 'net462', lib: 'net462', dependencies: FRAMEWORK_DEPENDENCIES },
  { folder: 'net8.0', lib: 'net8.0', dependencies: [] },
];

function planCopies(moduleBin) {
  const copies = [];
  for (const target of TARGETS) {
    const into = join(moduleBin, target.folder);
    for (const { id, version, licence } of ENGINE_HOST_PACKAGES) {
      const from = join(packages, id.toLowerCase(), version, 'lib', target.lib, `${id}.dll`);
      copies.push({ from, to: join(into, `${id}.dll`) }, { from: licence, to: join(into, `${id}.LICENSE.txt`) });
    }
    for (const { id, version, lib } of target.dependencies) {
      const base = join(packages, id.toLowerCase(), version);
      copies.push(
        { from: join(base, 'lib', lib, `${id}.dll`), to: join(into, `${id}.dll`) },
        { from: join(base, 'LICENSE.TXT'), to: join(into, `${id}.LICENSE.txt`) },
      );
    }
  }
  return copies;
}

function restore() {
  const project = join(work, '.restore', 'engine-host.csproj');
  mkdirSync(dirname(project), { recursive: true });
  const references = ENGINE_HOST_PACKAGES.map(
    ({ id, version }) => `<PackageReference Include="${id}" Version="[${version}]" />`,
  ).join('');
  writeFileSync(
    project,
    `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFrameworks>${TARGETS.map((target) => target.lib).join(';')}</TargetFrameworks></PropertyGroup>\n  <ItemGroup>${references}</ItemGroup>\n</Project>\n`,
  );
  return spawnSync('dotnet', ['restore', project, '--packages', packages], { encoding: 'utf8', timeout: 10 * 60_000 });
}

/** Returns a sentence saying what is missing, or '' when bin holds every assembly. */
export function installEngineHost(moduleBin) {
  let copies = planCopies(moduleBin);
  if (copies.every(({ from, to }) => existsSync(to) && existsSync(from) && readFileSync(to).equals(readFileSync(from))))
    return '';
  if (!copies.every(({ from }) => existsSync(from))) {
    const run = restore();
    if (run.error !== undefined || run.status !== 0) {
      const log = join(work, '.restore', 'restore.log');
      writeFileSync(log, `${run.error?.message ?? ''}\n${run.stdout ?? ''}\n${run.stderr ?? ''}`);
      return `dotnet restore of Jint and Acornima failed (see ${log}); the module's in-process engine is unavailable, the node host still works`;
    }
    copies = planCopies(moduleBin);
    const missing = copies.filter(({ from }) => !existsSync(from)).map(({ from }) => from);
    if (missing.length > 0) return `the restore did not bring ${missing.join(', ')}`;
  }
  for (const { from, to } of copies) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  return '';
}

/** The .NET runtime identifier of this machine (win-x64, linux-x64, osx-arm64, ...), or undefined. */
function hostRuntimeIdentifier() {
  const system = { win32: 'win', linux: 'linux', darwin: 'osx' }[process.platform];
  const processor = { x64: 'x64', arm64: 'arm64' }[process.arch];
  return system === undefined || processor === undefined ? undefined : `${system}-${processor}`;
}

/**
 * bin/net10.0: Jint and Acornima precompiled for this machine. Without it PowerShell 7.6 compiles
 * about 3,700 of their methods while it prepares the engine (0.6 to 0.8 s of processor time on
 * the 2-core test machine). Returns '' when the folder is in place, else why it is not.
 */
export function installReadyToRun(moduleBin) {
  const rid = hostRuntimeIdentifier();
  if (rid === undefined) return `no ReadyToRun build for ${process.platform}-${process.arch}`;
  const versions = ENGINE_HOST_PACKAGES.map(({ id, version }) => `${id}-${version}`).join('-');
  const project = join(work, '.r2r', `${rid}-${versions}`);
  const published = join(project, 'out');
  const copies = ENGINE_HOST_PACKAGES.flatMap(({ id, licence }) => [
    { from: join(published, `${id}.dll`), to: join(moduleBin, 'net10.0', `${id}.dll`) },
    { from: licence, to: join(moduleBin, 'net10.0', `${id}.LICENSE.txt`) },
  ]);
  if (!copies.every(({ from }) => existsSync(from))) {
    mkdirSync(project, { recursive: true });
    const references = ENGINE_HOST_PACKAGES.map(
      ({ id, version }) => `<PackageReference Include="${id}" Version="[${version}]" />`,
    ).join('');
    writeFileSync(
      join(project, 'engine-host-r2r.csproj'),
      `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework><RuntimeIdentifier>${rid}</RuntimeIdentifier><SelfContained>false</SelfContained><PublishReadyToRun>true</PublishReadyToRun></PropertyGroup>\n  <ItemGroup>${references}</ItemGroup>\n</Project>\n`,
    );
    const run = spawnSync('dotnet', ['publish', project, '-c', 'Release', '-o', published, '--packages', packages], {
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    if (run.error !== undefined || run.status !== 0 || !copies.every(({ from }) => existsSync(from))) {
      const log = join(project, 'publish.log');
      writeFileSync(log, `${run.error?.message ?? ''}\n${run.stdout ?? ''}\n${run.stderr ?? ''}`);
      return `the ReadyToRun build of Jint and Acornima failed (see ${log}); PowerShell 7 loads bin/net8.0 instead`;
    }
  }
  for (const { from, to } of copies) {
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) continue;
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  return '';
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const moduleBin = join(root, 'dsc', 'IisLogonRightsDsc', 'bin');
  const problem = installEngineHost(moduleBin);
  const precompiled = problem === '' ? installReadyToRun(moduleBin) : '';
  console.error(
    problem === '' ? 'engine host: Jint and Acornima are in dsc/IisLogonRightsDsc/bin' : `engine host: ${problem}`,
  );
  if (precompiled !== '') console.error(`engine host: ${precompiled}`);
}
