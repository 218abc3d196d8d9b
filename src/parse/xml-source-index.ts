import type { XmlElement } from './xml';

/**
 * Line numbers of start tags and of attributes. The XML tree records the line where a start
 * tag ends, and MetaBase.xml writes one attribute per line, so a key's tag spans many lines; a
 * message about a bad LogonMethod should point at the LogonMethod line. Start tags are located
 * by a scan of the (already validated) text: in well-formed XML a `<` outside comments, CDATA
 * and processing instructions opens a tag, and start tags come in the same order as a
 * depth-first walk of the tree.
 */
export class SourceIndex {
  private readonly lineStarts: number[];
  private readonly tagStarts = new Map<XmlElement, number>();

  constructor(
    private readonly text: string,
    root: XmlElement,
  ) {
    this.lineStarts = computeLineStarts(text);
    const offsets = findStartTags(text);
    const elements: XmlElement[] = [];
    const pending: XmlElement[] = [root];
    while (pending.length > 0) {
      const element = pending.pop()!;
      elements.push(element);
      for (let index = element.children.length - 1; index >= 0; index--) pending.push(element.children[index]!);
    }
    // Should the scan ever disagree with the parser, fall back to the parser's lines.
    if (offsets.length !== elements.length) return;
    elements.forEach((element, index) => this.tagStarts.set(element, offsets[index]!));
  }

  /** Line of the element's `<`. */
  lineOf(element: XmlElement): number {
    const offset = this.tagStarts.get(element);
    return offset === undefined ? element.line : this.lineAt(offset);
  }

  /** Line of `name=` inside the element's start tag; the tag's line when not found. */
  attributeLine(element: XmlElement, name: string): number {
    const start = this.tagStarts.get(element);
    if (start === undefined) return element.line;
    const offset = findAttributeOffset(this.text, start, name);
    return offset === undefined ? this.lineAt(start) : this.lineAt(offset);
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** Offsets where lines begin; CRLF, CR and LF each end a line, as XML end-of-line handling says. */
function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) starts.push(index + 1);
  }
  return starts;
}

function findStartTags(text: string): number[] {
  const offsets: number[] = [];
  let index = text.indexOf('<');
  while (index !== -1) {
    let next: number;
    if (text.startsWith('<!--', index)) next = endAfter(text, '-->', index + 4);
    else if (text.startsWith('<![CDATA[', index)) next = endAfter(text, ']]>', index + 9);
    else if (text.startsWith('<?', index) || text.startsWith('<!', index) || text.startsWith('</', index))
      next = endAfter(text, '>', index + 2);
    else {
      offsets.push(index);
      next = endOfStartTag(text, index);
    }
    index = next >= text.length ? -1 : text.indexOf('<', next);
  }
  return offsets;
}

function endAfter(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  return end === -1 ? text.length : end + terminator.length;
}

/** Offset just past the `>` of a start tag; attribute values may contain `>` but not `<`. */
function endOfStartTag(text: string, start: number): number {
  let quote = '';
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index + 1;
    }
  }
  return text.length;
}

/** Walks the attributes of the start tag at `start` and returns the offset of the one named `name`. */
function findAttributeOffset(text: string, start: number, name: string): number | undefined {
  let index = start + 1;
  while (index < text.length && !isXmlSpace(text[index]!) && text[index] !== '>' && text[index] !== '/') index++;
  for (;;) {
    while (index < text.length && isXmlSpace(text[index]!)) index++;
    if (index >= text.length || text[index] === '>' || text[index] === '/') return undefined;
    const nameStart = index;
    while (index < text.length && !isXmlSpace(text[index]!) && text[index] !== '=') index++;
    const attributeName = text.slice(nameStart, index);
    while (index < text.length && (isXmlSpace(text[index]!) || text[index] === '=')) index++;
    const quote = text[index];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, index + 1);
    if (close === -1) return undefined;
    if (attributeName === name) return nameStart;
    index = close + 1;
  }
}

function isXmlSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
