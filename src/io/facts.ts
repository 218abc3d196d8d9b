import { InputError, type InputLocation } from '../core/errors';
import { ARTIFACT_SIZE_LIMITS, formatBytes, type ArtifactKind, type JsonDocumentKind } from '../core/limits';
import type { GroupPolicyResult, IisConfiguration, Snapshot } from '../core/model';
import { parseAccountsJson, parseHostJson, parseJsonText } from '../parse/accounts-json';
import { parseApplicationHostConfig } from '../parse/applicationhost';
import { decodeLargeText, decodeText } from '../parse/decode';
import { parseGroupPolicyXml } from '../parse/gpresult';
import { parseMetabase } from '../parse/metabase';
import { parseRsopJson } from '../parse/rsop-json';
import { parseSecurityTemplateText } from '../parse/secedit-inf';
import { parseWebConfigs, type WebConfigSet } from '../parse/webconfig';
import { encodeUtf8 } from '../core/text-codec';
import { validateAgainstSchema } from '../parse/schema-validation';
import { listOrFail, readLimited, statOrFail } from './file-access-checks';
import { refuseTooManySites, requireUserRights } from './snapshot-checks';

export { describeFileSystemError, readLimited } from './file-access-checks';

/** The snapshot files (README, "Use": what each one holds). */
export const SNAPSHOT_FILES = [
  'secedit.inf',
  'applicationHost.config',
  'MetaBase.xml',
  'gpresult.xml',
  'rsop.json',
  'accounts.json',
  'host.json',
  'webconfigs.json',
] as const;
export type SnapshotFileName = (typeof SNAPSHOT_FILES)[number];

/**
 * What the loaders need from a file system. The Node CLI passes node:fs and node:path
 * (snapshot.ts); the in-process host inside PowerShell passes .NET's File and Path. A method
 * that fails throws an Error whose `code` is ENOENT, EACCES or EPERM where that is the reason.
 */
export interface FileAccess {
  /** What is at the path (following links), or undefined when nothing is; `what` says what an 'other' is. */
  stat(path: string): { kind: 'file' | 'directory' | 'other'; size: number; what?: string } | undefined;
  /** The names in a folder. */
  list(folder: string): string[];
  /**
   * Opens the path once and decides on what was opened, never on an earlier look: anything but
   * a regular file (a FIFO would block forever, /dev/zero never ends, and a link to either
   * passes a size check with size 0) is answered with what it is and never read; a file over
   * `limit` bytes is answered with its size and not read; any other is read up to `limit + 1`
   * bytes, so a file that grows while it is read still costs at most that.
   */
  readFile(path: string, limit: number): OpenedFile;
  resolve(path: string): string;
  join(folder: string, name: string): string;
  basename(path: string): string;
}

/** What FileAccess.readFile found: a regular file (its bytes, unless it is over the limit), or what else. */
export type OpenedFile =
  { kind: 'file'; size: number; bytes: Uint8Array | undefined } | { kind: 'other'; what: string };

/** Choices about what a snapshot may lack; every one is off unless the user says so. */
export interface LoadOptions {
  /** secedit.inf may have no [Privilege Rights] section or no right in it (--allow-no-user-rights). */
  allowNoUserRights?: boolean;
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

export function loadSnapshotFolder(files: FileAccess, folder: string, options: LoadOptions = {}): Snapshot {
  const path = files.resolve(folder);
  const stat = statOrFail(files, path, folder);
  if (stat === undefined) throw new InputError(folder, {}, 'a snapshot folder', 'no such file or folder');
  if (stat.kind !== 'directory') {
    // readLimited opens it once and refuses anything but a regular file (a FIFO, /dev/zero).
    if (path.toLowerCase().endsWith('.json'))
      return loadFactsDocument(readLimited(files, path, 'facts.json', folder), folder, options);
    throw new InputError(
      folder,
      {},
      'a snapshot folder (or a facts .json file)',
      stat.kind === 'file' ? 'a file' : (stat.what ?? 'neither a file nor a folder'),
    );
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
  return buildSnapshot(
    folder,
    source,
    present.size === 0 ? 'an empty folder' : `only ${[...present.values()].sort().join(', ')}`,
    options,
  );
}

/** A facts document (JSON text) as sent on stdin by the PowerShell module. */
export function loadFactsDocument(bytes: Uint8Array, label: string, options: LoadOptions = {}): Snapshot {
  const limit = ARTIFACT_SIZE_LIMITS['facts.json'];
  if (bytes.length > limit)
    throw new InputError(label, {}, `a facts document of at most ${formatBytes(limit)}`, formatBytes(bytes.length));
  return loadFactsValue(parseJsonText(decodeText(bytes, label).text, label, 'facts.json'), label, options);
}

/** A facts document already parsed from JSON (the DSC request carries one inside). */
export function loadFactsValue(value: unknown, label: string, options: LoadOptions = {}): Snapshot {
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
        if (bytes.length > limit)
          throw new InputError(
            label,
            { pointer: `/files/${file}` },
            `a ${file} of at most ${formatBytes(limit)}`,
            formatBytes(bytes.length),
          );
        return { bytes };
      }
      return { value: content };
    },
  };
  return buildSnapshot(name, source, `files: ${Object.keys(facts.files).join(', ')}`, options);
}

function buildSnapshot(name: string, source: ArtifactSource, whatWasThere: string, options: LoadOptions): Snapshot {
  const secedit = source.read('secedit.inf');
  if (!secedit)
    throw new InputError(
      source.label('secedit.inf'),
      {},
      'secedit.inf (the output of secedit /export /areas USER_RIGHTS)',
      `no such file (${whatWasThere})`,
    );
  const seceditLabel = source.label('secedit.inf');
  const localPolicy = parseSecurityTemplateText(textOf(secedit, seceditLabel), seceditLabel);
  if (!options.allowNoUserRights) requireUserRights(localPolicy);

  const applicationHost = source.read('applicationHost.config');
  const metabase = source.read('MetaBase.xml');
  const webConfigsContent = source.read('webconfigs.json');
  const webConfigs: WebConfigSet | undefined = webConfigsContent
    ? parseWebConfigs(
        jsonOf(webConfigsContent, source.label('webconfigs.json'), 'webconfigs.json'),
        source.label('webconfigs.json'),
      )
    : undefined;
  // The other files are read and parsed before the IIS configuration, whose model is young while
  // it is built, so every scavenge then copies it: their garbage costs least before it (about 80 M
  // instructions at 10,000 sites). An error among them waits for its turn below, so a snapshot
  // with several faults still reports the one it reported first.
  const theRest = settled(() => readTheRest(source));
  let iis: IisConfiguration;
  if (applicationHost) {
    const label = source.label('applicationHost.config');
    // A large file is read a window at a time, its bytes freed once parsed (core/text-codec.ts LargeText).
    const large = 'bytes' in applicationHost ? decodeLargeText(applicationHost.bytes) : undefined;
    const text = large?.text ?? textOf(applicationHost, label);
    try {
      refuseTooManySites(text, /<site[\s/>]/g, '<site>', label);
      iis = parseApplicationHostConfig(text, label, webConfigs);
    } finally {
      large?.release();
    }
  } else if (metabase) {
    const text = textOf(metabase, source.label('MetaBase.xml'));
    refuseTooManySites(text, /<IIsWebServer[\s/>]/g, '<IIsWebServer>', source.label('MetaBase.xml'));
    iis = parseMetabase(text, source.label('MetaBase.xml'));
    // IIS 6 reads no authentication settings from web.config (ASP.NET's <authentication> is not IIS's).
    if (webConfigs !== undefined)
      iis.diagnostics.push({
        code: 'webconfig-ignored',
        severity: 'info',
        message: 'webconfigs.json is ignored: IIS 6 takes the anonymous identity from the metabase only',
        file: webConfigs.file,
      });
  } else {
    throw new InputError(
      source.container.file,
      source.container.location,
      'applicationHost.config (IIS 7+) or MetaBase.xml (IIS 6)',
      `neither (${whatWasThere})`,
    );
  }

  const { groupPolicy, accounts, host } = theRest();
  return { name, localPolicy, iis, groupPolicy, accounts, host };
}

/** Group Policy results, accounts and host: read before the IIS configuration, reported after it. */
function readTheRest(source: ArtifactSource): Pick<Snapshot, 'groupPolicy' | 'accounts' | 'host'> {
  const groupPolicy: GroupPolicyResult[] = [];
  const gpresult = source.read('gpresult.xml');
  if (gpresult)
    groupPolicy.push(
      parseGroupPolicyXml(bytesOf(gpresult, source.label('gpresult.xml')), source.label('gpresult.xml')),
    );
  const rsop = source.read('rsop.json');
  if (rsop)
    groupPolicy.push(parseRsopJson(jsonOf(rsop, source.label('rsop.json'), 'rsop.json'), source.label('rsop.json')));

  const accountsContent = source.read('accounts.json');
  const accounts = accountsContent
    ? parseAccountsJson(
        jsonOf(accountsContent, source.label('accounts.json'), 'accounts.json'),
        source.label('accounts.json'),
      )
    : null;
  const hostContent = source.read('host.json');
  const host = hostContent
    ? parseHostJson(jsonOf(hostContent, source.label('host.json'), 'host.json'), source.label('host.json'))
    : null;
  return { groupPolicy, accounts, host };
}

/** Runs `work` at once; the function returned gives its result, or throws what it threw, when called. */
function settled<T>(work: () => T): () => T {
  try {
    const value = work();
    return () => value;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

function artifactKindOf(file: SnapshotFileName): ArtifactKind {
  return file;
}

function bytesOf(content: ArtifactContent, label: string): Uint8Array {
  if ('bytes' in content) return content.bytes;
  throw new InputError(label, {}, 'text', 'a JSON value');
}

// The content lets go of its bytes once decoded, so the next scavenge frees them: a large file's
// buffer held to the end of loading stayed until a full collection during judging (peak memory).
function textOf(content: ArtifactContent, label: string): string {
  const text = decodeText(bytesOf(content, label), label).text;
  if ('bytes' in content) content.bytes = new Uint8Array(0);
  return text;
}

function jsonOf(content: ArtifactContent, label: string, kind: JsonDocumentKind): unknown {
  if ('value' in content) return content.value;
  return parseJsonText(decodeText(content.bytes, label).text, label, kind);
}
