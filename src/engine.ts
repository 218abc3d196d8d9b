import { EXIT_CODES } from './core/exit-codes';
import { encodeUtf8, withNativeCodec, type NativeCodec, type UnicodeEncoding } from './core/text-codec';
import { runCommandLine } from './command';
import { withHostXmlTokenizer, type HostXmlTokenizer } from './parse/xml-events';
import type { FileAccess, OpenedFile } from './io/facts';
import { withWholeJsonDocuments } from './render/json-stream';
import { refuseComplexText } from './render/text-width';
import { VERSION } from './version';

// The engine entry for the in-process host: PowerShell runs this bundle
// (dist/iis-logon-rights.engine.js) in Jint, a JavaScript interpreter for .NET, so a server needs
// no Node. It takes what the Node process would get (arguments, stdin text, a few environment
// variables) and returns what it would give (exit code, stdout, stderr), by running the same
// command line as the CLI (command.ts). Nothing below it may use a Node API; build.mjs bundles
// it for a neutral platform, which fails on any node: import, and a test checks the bundle.

// Text output measures names in terminal columns. Jint's grapheme segmentation and Unicode tables
// differ from V8's for emoji, combining marks and some scripts, so rather than print different
// bytes than the CLI, the engine refuses such text output (JSON, JUnit and SARIF are unaffected).
refuseComplexText();

/**
 * Files, as the host reads them. Each callback returns a string that starts with `=` and the
 * answer, or with `!`, an error code (ENOENT, EACCES, EPERM, EIO), a space and the message, so
 * nothing has to be serialised on the .NET side. The answers: stat gives "" when nothing is
 * there, else the kind (file, directory, other), a space and the size in bytes, and for other
 * a space and what it is in words ("a named pipe (FIFO)"); list gives the names separated by
 * NUL; readFile (FileAccess.readFile: open once, only a regular file, at most limit + 1 bytes)
 * gives "file", its size, a space and the bytes as one character per byte (code points 0-255),
 * or "large" and the size when it is over the limit (not read), or "other" and what it is;
 * resolve, join and basename give the path.
 */
export interface EngineHost {
  stat(path: string): string;
  list(folder: string): string;
  readFile(path: string, limit: number): string;
  resolve(path: string): string;
  join(folder: string, name: string): string;
  basename(path: string): string;
  /**
   * What a host can do natively, much faster than Jint runs the same loops (the PowerShell
   * module offers them all): readFileBytes answers as readFile does, except that a regular file
   * within the limit comes as an ArrayBuffer of its bytes (at most limit + 1 of them) in place of
   * one character per byte; decode, encodeUtf8 and sha1Utf16le are a NativeCodec
   * (text-codec.ts), answering ArrayBuffers for bytes.
   */
  readFileBytes?(path: string, limit: number): ArrayBuffer | string;
  decode?(bytes: Uint8Array, encoding: UnicodeEncoding, start: number): string | null;
  encodeUtf8?(text: string): ArrayBuffer;
  sha1Utf16le?(text: string): ArrayBuffer | null;
  /**
   * The host's XML tokenizer (HostXmlTokenizer in parse/xml-events.ts): a document's events as
   * one encoded string, or null for any document it rejects or does not vouch for (saxes then
   * reads it, so errors are saxes' own).
   */
  xmlEvents?(text: string, namespaces: boolean, keepText: boolean): string | null;
}

/** One call: the request is JSON, {"argv": [...], "env": {...}}; stdin comes as it is. */
export interface EngineRequest {
  argv: string[];
  env?: Record<string, string>;
}

export interface EngineResponse {
  exitCode: number;
  stdout: string;
  stderr: string;
}

class HostFileError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function fromHost(answer: string): string {
  if (answer.startsWith('=')) return answer.slice(1);
  const space = answer.indexOf(' ');
  if (answer.startsWith('!') && space > 1) throw new HostFileError(answer.slice(1, space), answer.slice(space + 1));
  throw new Error(`the host answered a file request with ${JSON.stringify(answer.slice(0, 40))}`);
}

function statFromHost(answer: string): ReturnType<FileAccess['stat']> {
  const text = fromHost(answer);
  if (text === '') return undefined;
  const [kind, size, ...what] = text.split(' ');
  if ((kind !== 'file' && kind !== 'directory' && kind !== 'other') || !/^\d+$/.test(size ?? ''))
    throw new Error(`the host answered stat with ${JSON.stringify(text.slice(0, 40))}`);
  return kind === 'other' && what.length > 0
    ? { kind, size: Number(size), what: what.join(' ') }
    : { kind, size: Number(size) };
}

function openedFromHost(answer: string): OpenedFile {
  const text = fromHost(answer);
  const match = /^(file|large) (\d+)( |$)/.exec(text);
  if (match !== null)
    return {
      kind: 'file',
      size: Number(match[2]),
      bytes: match[1] === 'file' ? bytesFromLatin1(text.slice(match[0].length)) : undefined,
    };
  if (text.startsWith('other ')) return { kind: 'other', what: text.slice('other '.length) };
  throw new Error(`the host answered readFile with ${JSON.stringify(text.slice(0, 40))}`);
}

function bytesFromLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

function readFromHost(host: EngineHost, path: string, limit: number): OpenedFile {
  if (host.readFileBytes === undefined) return openedFromHost(host.readFile(path, limit));
  const answer = host.readFileBytes(path, limit);
  if (typeof answer === 'string') return openedFromHost(answer);
  const bytes = new Uint8Array(answer);
  return { kind: 'file', size: bytes.length, bytes };
}

function xmlTokenizerOf(host: EngineHost): HostXmlTokenizer | undefined {
  const { xmlEvents } = host;
  if (xmlEvents === undefined) return undefined;
  return (text, namespaces, keepText) => {
    const encoded = xmlEvents.call(host, text, namespaces, keepText);
    return typeof encoded === 'string' ? encoded : null;
  };
}

function nativeCodecOf(host: EngineHost): NativeCodec | undefined {
  const { decode, encodeUtf8: encode, sha1Utf16le: sha1 } = host;
  if (decode === undefined || encode === undefined) return undefined;
  return {
    decode: (bytes, encoding, start) => decode.call(host, bytes, encoding, start),
    encodeUtf8: (text) => new Uint8Array(encode.call(host, text)),
    sha1Utf16le: (text) => {
      const digest = sha1?.call(host, text);
      return digest === undefined || digest === null ? null : new Uint8Array(digest);
    },
  };
}

export function hostFiles(host: EngineHost): FileAccess {
  return {
    stat: (path) => statFromHost(host.stat(path)),
    list: (folder) => {
      const names = fromHost(host.list(folder));
      return names === '' ? [] : names.split('\u0000');
    },
    readFile: (path, limit) => readFromHost(host, path, limit),
    resolve: (path) => fromHost(host.resolve(path)),
    join: (folder, name) => fromHost(host.join(folder, name)),
    basename: (path) => fromHost(host.basename(path)),
  };
}

/**
 * Runs one command line; never throws for anything the CLI would turn into an exit code. The
 * answer is an object, so the host reads three properties instead of parsing JSON.
 */
export function run(requestJson: string, stdinText: string, host: EngineHost): EngineResponse {
  const request = JSON.parse(requestJson) as EngineRequest;
  // The pieces are kept and joined once. `(stdout += text)` as an arrow's value made Jint copy
  // the whole output so far at every write: 2.5 GB allocated and over a second of a 1,000-site
  // call (12.7 MB of JSON in about 190 pieces), against 0.16 GB for the same bytes this way.
  const stdout: string[] = [];
  const stderr: string[] = [];
  const work = () => {
    const stdin = encodeUtf8(stdinText);
    const exitCode = runCommandLine({
      argv: request.argv,
      stdout: { write: (text: string) => void stdout.push(text) },
      stderr: { write: (text: string) => void stderr.push(text) },
      readStdin: () => stdin,
      env: request.env ?? {},
      files: hostFiles(host),
    });
    return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
  };
  return withNativeCodec(nativeCodecOf(host), () =>
    withHostXmlTokenizer(xmlTokenizerOf(host), () => withWholeJsonDocuments(work)),
  );
}

export const version = VERSION;
export const exitCodes = EXIT_CODES;
