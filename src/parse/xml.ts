import { readXmlEvents, type XmlEventHandlers, type XmlStartTag } from './xml-events';

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

/** What attribute readers need of an element: a start tag while it is delivered is one too. */
export type XmlAttributeSource = Pick<XmlElement, 'name' | 'attributes' | 'line'>;

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
 * Parses XML strictly (readXmlEvents in xml-events.ts: well-formedness errors, truncation,
 * duplicate attributes and any DOCTYPE are fatal) into a small element tree.
 */
export function parseXmlTree(text: string, file: string, options: XmlTreeOptions = {}): XmlElement {
  const keep = options.keep;
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
  const handlers: XmlEventHandlers = {
    restart: () => {
      documentNode.children = [];
      stack.length = 1;
      openNames.length = 0;
      skipDepth = 0;
    },
    open: (tag) => {
      if (skipDepth > 0 || (keep !== undefined && openNames.length > 0 && !keep(tag.local, openNames))) {
        skipDepth++;
        openNames.push(tag.local);
        return;
      }
      const element = elementOf(tag);
      stack[stack.length - 1]!.children.push(element);
      stack.push(element);
      openNames.push(tag.local);
    },
    close: () => {
      openNames.pop();
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      stack.pop();
    },
  };
  if (options.keepText ?? false)
    handlers.text = (chunk) => {
      if (skipDepth === 0) stack[stack.length - 1]!.text += chunk;
    };
  readXmlEvents(text, file, { namespaces: options.namespaces ?? false, maxDepth: options.maxDepth }, handlers);
  return documentNode.children[0]!;
}

/** A start tag as an element with no children yet. */
export function elementOf(tag: XmlStartTag): XmlElement {
  return {
    name: tag.name,
    local: tag.local,
    uri: tag.uri,
    attributes: tag.attributes,
    children: [],
    text: '',
    line: tag.line,
  };
}

/** Children with the given local name (and namespace URI, when given). */
export function childrenNamed(element: XmlElement, local: string, uri?: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children)
    if (child.local === local && (uri === undefined || child.uri === uri)) found.push(child);
  return found;
}

export function firstChild(element: XmlElement, local: string, uri?: string): XmlElement | undefined {
  for (const child of element.children)
    if (child.local === local && (uri === undefined || child.uri === uri)) return child;
  return undefined;
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
