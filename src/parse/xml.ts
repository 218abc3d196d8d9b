import { SaxesParser, type SaxesTag, type SaxesTagNS, type SaxesTagPlain } from 'saxes';
import { InputError, excerpt, type InputLocation } from '../core/errors';
import { MAX_XML_DEPTH } from '../core/limits';

/** One element of a parsed document. `name` is the qualified name as written. */
export interface XmlElement {
  name: string;
  /** Local name (after any prefix). */
  local: string;
  /** Namespace URI when the document was parsed with namespaces, else ''. */
  uri: string;
  /** Attributes by name as written (qualified), values already unescaped. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (only when text is kept). */
  text: string;
  /** 1-based line where the start tag ends (saxes reports positions after the tag; a tag split over lines reports its last line). */
  line: number;
}

export interface XmlTreeOptions {
  /** Resolve prefixes to namespace URIs (gpresult); off for IIS files, which use none. */
  namespaces?: boolean;
  /** Keep character data (gpresult stores values as text); IIS files only need attributes. */
  keepText?: boolean;
  /**
   * Called for each start tag with the names of its open ancestors (outermost first); return
   * false to drop the element and everything inside it. Keeps memory and time proportional to
   * what a parser needs, not to the whole file.
   */
  keep?: (local: string, ancestors: readonly string[]) => boolean;
  maxDepth?: number;
}

/**
 * Parses XML strictly (well-formedness errors, truncation and duplicate attributes are fatal)
 * into a small element tree. Any DOCTYPE is rejected before its content is looked at, so no
 * entity is ever declared, let alone expanded.
 */
export function parseXmlTree(text: string, file: string, options: XmlTreeOptions = {}): XmlElement {
  const namespaces = options.namespaces ?? false;
  const keepText = options.keepText ?? false;
  const maxDepth = options.maxDepth ?? MAX_XML_DEPTH;
  const keep = options.keep;
  rejectDoctypeInProlog(text, file);
  const parser = new SaxesParser({ xmlns: namespaces, position: true });
  const documentNode: XmlElement = {
    name: '#document',
    local: '#document',
    uri: '',
    attributes: {},
    children: [],
    text: '',
    line: 1,
  };
  const stack: XmlElement[] = [documentNode];
  const openNames: string[] = [];
  let skipDepth = 0;
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
    if (openNames.length >= maxDepth)
      fail(`elements nested at most ${maxDepth} deep`, `element <${tag.name}> at depth ${openNames.length + 1}`);
    if (openNames.length === 0) {
      if (rootSeen) fail('a single root element', `a second root element <${tag.name}>`);
      rootSeen = true;
    }
    const local = namespaces ? (tag as SaxesTagNS).local : localName(tag.name);
    if (skipDepth > 0 || (keep !== undefined && openNames.length > 0 && !keep(local, openNames))) {
      skipDepth++;
      openNames.push(local);
      return;
    }
    const attributes = namespaces ? attributeValues(tag as SaxesTagNS) : (tag as SaxesTagPlain).attributes;
    const element: XmlElement = {
      name: tag.name,
      local,
      uri: namespaces ? (tag as SaxesTagNS).uri : '',
      attributes,
      children: [],
      text: '',
      line: parser.line,
    };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
    openNames.push(local);
  });
  parser.on('closetag', () => {
    openNames.pop();
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    stack.pop();
  });
  if (keepText) {
    const addText = (chunk: string) => {
      if (skipDepth === 0 && stack.length > 1) stack[stack.length - 1]!.text += chunk;
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
  const root = documentNode.children[0];
  if (!root)
    throw new InputError(
      file,
      { line: 1 },
      'an XML document with a root element',
      text.trim() === '' ? 'an empty file' : 'no element',
    );
  return root;
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

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/** Children with the given local name (and namespace URI, when given). */
export function childrenNamed(element: XmlElement, local: string, uri?: string): XmlElement[] {
  return element.children.filter((child) => child.local === local && (uri === undefined || child.uri === uri));
}

export function firstChild(element: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return element.children.find((child) => child.local === local && (uri === undefined || child.uri === uri));
}

/** Trimmed text of the first child with that local name, or undefined. */
export function childText(element: XmlElement, local: string, uri?: string): string | undefined {
  const child = firstChild(element, local, uri);
  return child === undefined ? undefined : child.text.trim();
}

/** The element's path for messages: `configuration/system.applicationHost/sites/site[name="x"]`. */
export function describeElement(element: XmlElement, identifyingAttribute?: string): string {
  const value = identifyingAttribute ? element.attributes[identifyingAttribute] : undefined;
  return value === undefined ? `<${element.name}>` : `<${element.name} ${identifyingAttribute}="${value}">`;
}
