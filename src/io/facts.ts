import { InputError, type InputLocation } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes, type ArtifactKind } from '../core/limits';
import type { GroupPolicyResult, IisConfiguration, Snapshot } from '../core/model';
import { parseAccountsJson, parseHostJson, parseJsonText } from '../parse/accounts-json';
import { parseApplicationHostConfig } from '../parse/applicationhost';
import { decodeText } from '../parse/decode';
import { parseGroupPolicyXml } from '../parse/gpresult';
import { parseMetabase } from '../parse/metabase';
import { parseRsopJson } from '../parse/rsop-json';
import { parseSecurityTemplate } from '../parse/secedit-inf';
import { parseWebConfigs, type WebConfigSet } from '../parse/webconfig';
import { encodeUtf8 } from '../core/text-codec';
import { validateAgainstSchema } from '../parse/schema-validation';

/** The snapshot files (README, "Use": what each one holds). */
export const SNAPSHOT_FILES = ['secedit.inf', 'applicationHost.config', 'MetaBase.xml', 'gpresult.xml', 'rsop.json', 'accounts.json', 'host.json', 'webconfigs.json'] as const;
export type SnapshotFileName = (typeof SNAPSHOT_FILES)[number];

/**
 * What the loaders need from a file system. The Node CLI passes node:fs and node:path
 * (snapshot.ts); the in-process host inside PowerShell passes .NET's File and Path. A method
 * that fails throws an Error whose `code` is ENOENT, EACCES or EPERM where that is the reason.
 */
export interface FileAccess {
  /** What is at the path (following links), or undefined when nothing is. */
  stat(path: string): { kind: 'file' | 'directory' | 'other'; size: number } | undefined;
  /** The names in a folder. */
  list(folder: string): string[];
  read(path: string): Uint8Array;
  resolve(path: string): string;
  join(folder: string, name: string): string;
  basename(path: string): string;
}

/** Bytes of a snapshot file, or a JSON value already parsed (facts documents may inline them). */
type ArtifactContent = { bytes: Uint8Array } | { value: unknown };

/** Reads one artifact by name; undefined when absent. Knows the label to use in messages. */
interface ArtifactSource {
  label(file: SnapshotFileName): string;
  read(file: SnapshotFileName): ArtifactContent | undefined;
  /** What to name when an artifact is missing: the folder, or the document's `files` object. */
  container: { file: string; location: InputLocation };
}

export function loadSnapshotFolder(files: FileAccess, folder: string): Snapshot {
  const path = files.resolve(folder);
  const stat = statOrFail(files, path, folder);
  if (stat === undefined) throw new InputError(folder, {}, 'a snapshot folder', 'no such file or folder');
  if (stat.kind !== 'directory') {
    if (path.toLowerCase().endsWith('.json')) return loadFactsDocument(readLimited(files, path, 'facts.json'), folder);
    throw new InputError(folder, {}, 'a snapshot folder (or a facts .json file)', 'a file');
  }
  // Windows file names are case-insensitive, so a snapshot copied from a host may say
  // applicationhost.config; match names without regard to case.
  const present = new Map(listOrFail(files, path, folder).map((entry) => [entry.toLowerCase(), entry]));
  const source: ArtifactSource = {
    label: (file) => files.join(folder, present.get(file.toLowerCase()) ?? file),
    container: { file: folder, location: {} },
    read: (file) => {
      const actual = present.get(file.toLowerCase());
      if (actual === undefined) return undefined;
      return { bytes: readLimited(files, files.join(path, actual), artifactKindOf(file)) };
    },
  };
  return buildSnapshot(folder, source, present.size === 0 ? 'an empty folder' : `only ${[...present.values()].sort().join(', ')}`);
}

/** A facts document (JSON text) as sent on stdin by the PowerShell module. */
export function loadFactsDocument(bytes: Uint8Array, label: string): Snapshot {
  const limit = ARTIFACT_SIZE_LIMITS['facts.json'];
  if (bytes.length > limit) throw new InputError(label, {}, `a facts document of at most ${formatBytes(limit)}`, formatBytes(bytes.length));
  return loadFactsValue(parseJsonText(decodeText(bytes, label).text, label), label);
}

/** A facts document already parsed from JSON (the DSC request carries one inside). */
export function loadFactsValue(value: unknown, label: string): Snapshot {
  validateAgainstSchema('facts', value, label);
  const facts = value as { name?: string; files: Partial<Record<SnapshotFileName, unknown>> };
  const name = facts.name ?? label;
  const source: ArtifactSource = {
    label: (file) => `${label}:/files/${file}`,
    container: { file: label, location: { pointer: '/files' } },
    read: (file) => {
      const content = facts.files[file];
      if (content === undefined) return undefined;
      if (typeof content === 'string') {
        const bytes = encodeUtf8(content);
        const limit = ARTIFACT_SIZE_LIMITS[artifactKindOf(file)];
        if (bytes.length > limit) throw new InputError(label, { pointer: `/files/${file}` }, `a ${file} of at most ${formatBytes(limit)}`, formatBytes(bytes.length));
        return { bytes };
      }
      return { value: content };
    },
  };
  return buildSnapshot(name, source, `files: ${Object.keys(facts.files).join(', ')}`);
}

function buildSnapshot(name: string, source: ArtifactSource, whatWasThere: string): Snapshot {
  const secedit = source.read('secedit.inf');
  if (!secedit) throw new InputError(source.label('secedit.inf'), {}, 'secedit.inf (the output of secedit /export /areas USER_RIGHTS)', `no such file (${whatWasThere})`);
  const localPolicy = parseSecurityTemplate(bytesOf(secedit, source.label('secedit.inf')), source.label('secedit.inf'));

  const applicationHost = source.read('applicationHost.config');
  const metabase = source.read('MetaBase.xml');
  const webConfigsContent = source.read('webconfigs.json');
  const webConfigs: WebConfigSet | undefined = webConfigsContent ? parseWebConfigs(jsonOf(webConfigsContent, source.label('webconfigs.json')), source.label('webconfigs.json')) : undefined;
  let iis: IisConfiguration;
  if (applicationHost) {
    iis = parseApplicationHostConfig(textOf(applicationHost, source.label('applicationHost.config')), source.label('applicationHost.config'), webConfigs);
  } else if (metabase) {
    iis = parseMetabase(textOf(metabase, source.label('MetaBase.xml')), source.label('MetaBase.xml'));
    // IIS 6 reads no authentication settings from web.config (ASP.NET's <authentication> is not IIS's).
    if (webConfigs !== undefined) iis.diagnostics.push({ code: 'webconfig-ignored', severity: 'info', message: 'webconfigs.json is ignored: IIS 6 takes the anonymous identity from the metabase only', file: webConfigs.file });
  } else {
    throw new InputError(source.container.file, source.container.location, 'applicationHost.config (IIS 7+) or MetaBase.xml (IIS 6)', `neither (${whatWasThere})`);
  }

  const groupPolicy: GroupPolicyResult[] = [];
  const gpresult = source.read('gpresult.xml');
  if (gpresult) groupPolicy.push(parseGroupPolicyXml(bytesOf(gpresult, source.label('gpresult.xml')), source.label('gpresult.xml')));
  const rsop = source.read('rsop.json');
  if (rsop) groupPolicy.push(parseRsopJson(jsonOf(rsop, source.label('rsop.json')), source.label('rsop.json')));

  const accountsContent = source.read('accounts.json');
  const accounts = accountsContent ? parseAccountsJson(jsonOf(accountsContent, source.label('accounts.json')), source.label('accounts.json')) : null;
  const hostContent = source.read('host.json');
  const host = hostContent ? parseHostJson(jsonOf(hostContent, source.label('host.json')), source.label('host.json')) : null;

  return { name, localPolicy, iis, groupPolicy, accounts, host };
}

function artifactKindOf(file: SnapshotFileName): ArtifactKind {
  return file;
}

/** Checks the size limit before reading, so a huge file is refused without loading it. */
export function readLimited(files: FileAccess, path: string, kind: ArtifactKind): Uint8Array {
  const limit = ARTIFACT_SIZE_LIMITS[kind];
  const stat = statOrFail(files, path, path);
  if (stat === undefined) throw new InputError(path, {}, 'a readable file', 'no such file');
  if (stat.kind === 'directory') throw new InputError(path, {}, 'a file', 'a folder');
  if (stat.size > limit) throw new InputError(path, {}, `a ${files.basename(path)} of at most ${formatBytes(limit)}`, `${formatBytes(stat.size)}`);
  try {
    return files.read(path);
  } catch (error) {
    throw new InputError(path, {}, 'a readable file', describeFileSystemError(error));
  }
}

function statOrFail(files: FileAccess, path: string, label: string): ReturnType<FileAccess['stat']> {
  try {
    return files.stat(path);
  } catch (error) {
    throw new InputError(label, {}, 'a readable file', describeFileSystemError(error));
  }
}

function listOrFail(files: FileAccess, path: string, label: string): string[] {
  try {
    return files.list(path);
  } catch (error) {
    throw new InputError(label, {}, 'a readable folder', describeFileSystemError(error));
  }
}

export function describeFileSystemError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'a file this user may not read';
  return error instanceof Error ? error.message : String(error);
}

function bytesOf(content: ArtifactContent, label: string): Uint8Array {
  if ('bytes' in content) return content.bytes;
  throw new InputError(label, {}, 'text', 'a JSON value');
}

function textOf(content: ArtifactContent, label: string): string {
  return decodeText(bytesOf(content, label), label).text;
}

function jsonOf(content: ArtifactContent, label: string): unknown {
  if ('value' in content) return content.value;
  return parseJsonText(decodeText(content.bytes, label).text, label);
}
