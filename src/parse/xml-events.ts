import { SaxesParser, type SaxesTag, type SaxesTagNS, type SaxesTagPlain } from 'saxes';
import { InputError, excerpt, type InputLocation } from '../core/errors';
import { MAX_XML_DEPTH } from '../core/limits';
import { wholeText, type TextSource } from './large-text';
import { deliverHostEvents, hostMayTokenize, localName } from './xml-host-events';
import { readPlainXml, WINDOWS } from './xml-plain';

export { hostMayTokenize } from './xml-host-events';

// The XML events the engine's parsers consume: the narrow boundary between a tokenizer and what
// builds a model from its events (the element tree in xml.ts, or a parser that builds its model
// straight from events). Three tokenizers produce them:
// - saxes, for any document the others do not vouch for;
// - under Node, for a document read without namespaces or text (applicationHost.config,
//   MetaBase.xml, web.config), the plain-XML reader of xml-plain.ts, which reads the subset of
//   XML that IIS writes several times faster than saxes and stops wherever the text leaves it;
// - the in-process host's own (PowerShell runs this engine in Jint, which interprets saxes one
//   character per method call: seconds for a large applicationHost.config), .NET's XmlReader
//   there, handed over as one encoded string (see decodeHostEvents).
// All deliver the same events for a well-formed document; a document the plain reader or the
// host's tokenizer rejects or might read differently goes to saxes, so every error is saxes'
// error, with saxes' line and column, whichever host runs the engine. test/unit/xml-plain.test.ts
// and test/ps/xml-events.test.ts hold them to that on generated documents, well-formed and not.

/** One start tag. */
export interface XmlStartTag {
  /** The qualified name as written. */
  name: string;
  /** The local name (after any prefix). */
  local: string;
  /** The namespace URI when the document is read with namespaces, else ''. */
  uri: string;
  /** Attributes by qualified name as written, in document order, values unescaped; nothing inherited (no prototype, or an empty one that has none). */
  attributes: Record<string, string>;
  /** 1-based line where the start tag ends (a tag split over lines reports its last line). */
  line: number;
}

/**
 * What a consumer is given, in document order. `text` (only when asked for) is character data
 * and CDATA inside the root element, in chunks of any size: consumers concatenate. A consumer
 * may throw; the error goes to the caller as it is.
 */
export interface XmlEventHandlers {
  /**
   * A start tag. The tag object is the consumer's only during the call (a tokenizer may reuse
   * it for the next tag); its attributes object is the consumer's to keep.
   */
  open(tag: XmlStartTag): void;
  close(): void;
  text?(chunk: string): void;
  /**
   * Whether the consumer keeps the element whose start tag is being read (its open ancestors
   * are known to it). A tokenizer may ask before it reads the attributes and, on false, check
   * them without building them: open() then receives the tag with no attributes. A dropped
   * element's descendants are dropped too: a tokenizer that asked need not deliver their
   * events (nor ask about them), only the dropped element's own open() and close(). The plain
   * reader asks; saxes and the host's tokenizer do not, and deliver every event.
   */
  keeps?(local: string): boolean;
  /**
   * Forget every event delivered so far: the document is about to be delivered again from its
   * start. A consumer that can do this lets a document without namespaces or text go through
   * the quick plain-XML reader first (xml-plain.ts), which stops where saxes has to take over.
   */
  restart?(): void;
}

export interface XmlReadOptions {
  /** Resolve prefixes to namespace URIs (gpresult); off for IIS files, which use none. */
  namespaces?: boolean;
  maxDepth?: number;
}

/**
 * The host's tokenizer: the encoded events of a document (decodeHostEvents), or null for any
 * document it rejects or does not vouch for. Set only while one engine call runs (engine.ts).
 */
export type HostXmlTokenizer = (text: string, namespaces: boolean, keepText: boolean) => string | null;

let hostTokenizer: HostXmlTokenizer | undefined;

/** Runs `work` with `tokenizer` in force, then restores the previous one. */
export function withHostXmlTokenizer<T>(tokenizer: HostXmlTokenizer | undefined, work: () => T): T {
  const previous = hostTokenizer;
  hostTokenizer = tokenizer;
  try {
    return work();
  } finally {
    hostTokenizer = previous;
  }
}

/**
 * Reads a document strictly (well-formedness errors, truncation and duplicate attributes are
 * fatal) and delivers its events. Any DOCTYPE is rejected before its content is looked at, so no
 * entity is ever declared, let alone expanded. An empty document or one with no element is an
 * InputError too.
 */
export function readXmlEvents(
  source: TextSource,
  file: string,
  options: XmlReadOptions,
  handlers: XmlEventHandlers,
): void {
  const namespaces = options.namespaces ?? false;
  const maxDepth = options.maxDepth ?? MAX_XML_DEPTH;
  const plain =
    hostTokenizer === undefined && !namespaces && handlers.text === undefined && handlers.restart !== undefined;
  // A LargeText goes to the plain reader a window at a time; what it declines is read whole.
  if (typeof source !== 'string' && plain && hostMayTokenize(source.slice(0, Math.min(WINDOWS.size, source.length)))) {
    if (readPlainXml(source, maxDepth, handlers)) return;
    handlers.restart!();
  }
  const text = wholeText(source);
  rejectDoctypeInProlog(text, file);
  if (hostTokenizer !== undefined && hostMayTokenize(text)) {
    const encoded = hostTokenizer(text, namespaces, handlers.text !== undefined);
    if (encoded !== null && deliverHostEvents(encoded, namespaces, maxDepth, handlers)) return;
  } else if (plain && hostMayTokenize(text)) {
    if (readPlainXml(text, maxDepth, handlers)) return;
    handlers.restart!();
  }
  readWithSaxes(text, file, namespaces, maxDepth, handlers);
}

function readWithSaxes(
  text: string,
  file: string,
  namespaces: boolean,
  maxDepth: number,
  handlers: XmlEventHandlers,
): void {
  const parser = new SaxesParser({ xmlns: namespaces, position: true });
  let depth = 0;
  let rootSeen = false;
  let failure: InputError | undefined;

  // saxes counts the characters read on the line; 0 means none yet (the end of a file that ends
  // with a line break), where a 1-based column has nothing to point at, so only the line is given.
  const position = (): InputLocation =>
    parser.column > 0 ? { line: parser.line, column: parser.column } : { line: parser.line };
  const fail = (expected: string, found: string): never => {
    throw new InputError(file, position(), expected, found);
  };

  parser.on('doctype', () =>
    fail('no DOCTYPE (DTDs and entity declarations are not accepted)', 'a <!DOCTYPE> declaration'),
  );
  parser.on('opentag', (tag: SaxesTag) => {
    if (depth >= maxDepth)
      fail(`elements nested at most ${maxDepth} deep`, `element <${tag.name}> at depth ${depth + 1}`);
    if (depth === 0) {
      if (rootSeen) fail('a single root element', `a second root element <${tag.name}>`);
      rootSeen = true;
    }
    depth++;
    handlers.open({
      name: tag.name,
      local: namespaces ? (tag as SaxesTagNS).local : localName(tag.name),
      uri: namespaces ? (tag as SaxesTagNS).uri : '',
      attributes: namespaces ? attributeValues(tag as SaxesTagNS) : (tag as SaxesTagPlain).attributes,
      line: parser.line,
    });
  });
  parser.on('closetag', () => {
    depth--;
    handlers.close();
  });
  const onText = handlers.text;
  if (onText !== undefined) {
    const addText = (chunk: string) => {
      if (depth > 0) onText(chunk);
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
  }
  parser.on('error', (error: Error) => {
    // saxes prefixes "line:column: "; keep only the message, the location is reported separately.
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '');
    throw new InputError(file, position(), 'well-formed XML', excerpt(message, 120));
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InputError) failure = error;
    else throw error;
  }
  if (failure) throw failure;
  if (!rootSeen)
    throw new InputError(
      file,
      { line: 1 },
      'an XML document with a root element',
      text.trim() === '' ? 'an empty file' : 'no element',
    );
}

/**
 * Finds a DOCTYPE in the prolog with a plain scan, so a document carrying a huge internal subset
 * is refused before the parser reads any of it. The parser's own doctype handler stays as a
 * second guard.
 */
function rejectDoctypeInProlog(text: string, file: string): void {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (index < text.length && /\s/.test(text[index]!)) index++;
    if (text.startsWith('<?', index)) {
      const end = text.indexOf('?>', index + 2);
      if (end === -1) return;
      index = end + 2;
    } else if (text.startsWith('<!--', index)) {
      const end = text.indexOf('-->', index + 4);
      if (end === -1) return;
      index = end + 3;
    } else {
      break;
    }
  }
  if (text.startsWith('<!DOCTYPE', index)) {
    const line = text.slice(0, index).split('\n').length;
    throw new InputError(
      file,
      { line },
      'no DOCTYPE (DTDs and entity declarations are not accepted)',
      'a <!DOCTYPE> declaration',
    );
  }
}

/**
 * Without namespaces saxes already hands over a fresh prototype-free object of string values per
 * tag, which is kept as it is (a large file has hundreds of thousands of elements). With
 * namespaces each value is an object, so the values are copied out.
 */
function attributeValues(tag: SaxesTagNS): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key in tag.attributes) attributes[key] = tag.attributes[key]!.value;
  return attributes;
}
