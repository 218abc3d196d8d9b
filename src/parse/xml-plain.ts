import type { LargeText, TextSource } from './large-text';
import type { XmlEventHandlers, XmlStartTag } from './xml-events';
import {
  addAttribute,
  addPlainAttributes,
  distinctNamesEnd,
  PLAIN_ATTRIBUTE_SOURCE,
  AMPERSAND,
  CARRIAGE_RETURN,
  LINE_FEED,
  TEXT_REFERENCE,
  AttributeRecord,
  cachedName,
  isFirstOfName,
  LESS,
  NO_ATTRIBUTE,
  NO_ATTRIBUTES,
  NOT_ALLOWED,
  OUTSIDE,
  scanAttribute,
  skipSpaces,
} from './xml-plain-attributes';
import {
  followedBy,
  learnTemplate,
  matchingTemplate,
  predictedTemplate,
  templateAttributes,
  type TagTemplate,
} from './xml-plain-templates';

// A quick reader for plain XML, the shape every applicationHost.config IIS writes has: ASCII
// names with no prefix, attribute values and text with at most the five predefined entity
// references, comments, and nothing else. saxes reads XML one character per method call, which
// was the largest single cost of loading a large server's configuration; this reader goes
// through the same text with a few compiled regular expressions instead. It vouches only for
// documents inside that subset, and only when the whole document is well-formed: anything else
// (character references, CDATA, processing instructions, a DOCTYPE, non-ASCII or prefixed names,
// a lone carriage return, a surrogate or a character XML does not allow, any error at all) makes it stop and
// answer false, and saxes reads the document from the start, so every error keeps saxes' own
// wording, line and column. test/unit/xml-plain.test.ts holds it to saxes, event for event.

// Names, runs of text and the white space between tags (a line break and the next line's
// indentation, 18 characters on average) are read by sticky patterns, which run compiled from
// their first call. A pattern call costs several hundred instructions before it reads a
// character, and indexOf about a hundred, so the usual tag (plain attributes on one line, then a
// line break and the next line's indentation) is read by one call after its name, and its
// attributes are then found by indexOf; a tag of a shape read before, by its template
// (xml-plain-templates.ts); anything else is read piece by piece as before.
const ELEMENT_NAME = /[A-Za-z_][A-Za-z0-9._-]*/y;
const TEXT_RUN = new RegExp(`[^<&\\]\\r${NOT_ALLOWED}]*`, 'y');
/**
 * White space between tags as skipSpaces reads it (a CR only as part of a CRLF), up to the
 * second line break: a group repeated without bound would hold a backtracking entry per line,
 * and a file of millions of blank lines would overflow the pattern's stack.
 */
const SPACE_RUN = /[ \t\n]*(?:\r\n[ \t\n]*)?/y;
const OUTSIDE_SUBSET = new RegExp(`[${NOT_ALLOWED}]|\\r(?!\\n)`);
/** A line break and the next line's indentation after a tag, as saxes counts lines: one break. */
const LINE_GAP = '(?:\\r?\\n[ \\t]*)?';
/**
 * The rest of the usual start tag from the end of its name, in one pattern call: plain
 * attributes (see PLAIN_ATTRIBUTE) separated by spaces or tabs, the tag's end, and the white
 * space up to the next line's first tag. At most 32 attributes, so that the pattern's
 * backtracking stack stays small whatever the tag; anything else is read by scanAttribute.
 */
const PLAIN_START_TAG = new RegExp(`(?:[ \\t]+${PLAIN_ATTRIBUTE_SOURCE}){0,32}[ \\t]*/?>${LINE_GAP}`, 'y');

const GREATER = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const CLOSE_BRACKET = 0x5d;

/**
 * How a LargeText is read: a window of at most `size` code units, moved on between two tags
 * once fewer than `margin` are left in it. A window must stay under V8's largest young object
 * (128 KiB), so that one alive at a scavenge is copied, not promoted with its page; the larger
 * the window against the margin, the less is copied twice. A tag, comment or text run longer
 * than the margin may reach the window's end: the reader then declines, as it does wherever
 * the document leaves the subset, and the whole text is read as a string is.
 */
export const WINDOWS = { size: 120 * 1024, margin: 16 * 1024 };

/**
 * Delivers the events of a plain document without namespaces or text, as saxes would, and
 * answers true; or answers false as soon as the document leaves the subset (events already
 * delivered are then to be forgotten, see XmlEventHandlers.restart). The XML declaration, if
 * any, must already be known to be the plainest (hostMayTokenize), in a LargeText within its
 * first window.
 */
export function readPlainXml(source: TextSource, maxDepth: number, handlers: XmlEventHandlers): boolean {
  const large: LargeText | undefined = typeof source === 'string' ? undefined : source;
  // `text` is the window being read, from `base` in the source; `final` when it reaches the end.
  let text = large === undefined ? (source as string) : large.slice(0, Math.min(WINDOWS.size, large.length));
  let base = 0;
  let final = large === undefined || text.length === large.length;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('<?xml', index)) index = text.indexOf('?>', index) + 2;
  const open: string[] = [];
  // The end-tag pattern of each open element read by a template, else undefined.
  const openEnds: (RegExp | undefined)[] = [];
  // Where the outermost open element the consumer dropped is in `open`: the elements inside it
  // are dropped too (XmlEventHandlers.keeps), so they are checked but get no events.
  let quietFrom = Infinity;
  let rootClosed = false;
  // Lines are counted as the reader goes: at the top of the loop, every line break before `index`.
  // A start tag read by PLAIN_START_TAG holds none, and the one in the white space it reads after
  // the tag is counted as read, and so is the one after an end tag its element's template reads;
  // elsewhere countLines searches for them.
  const lines: LineCount = { line: 1, next: -1 };
  countLines(lines, text, 0, index);
  // One tag object for every start tag: a consumer copies out what it keeps (XmlEventHandlers.open).
  const tag: XmlStartTag = { name: '', local: '', uri: '', attributes: NO_ATTRIBUTES, line: 0 };
  followedBy(undefined);
  for (;;) {
    if (!final && text.length - index < WINDOWS.margin) {
      base += index;
      const end = Math.min(base + WINDOWS.size, large!.length);
      text = large!.slice(base, end);
      final = end === large!.length;
      // The next line break is searched for again in the new window.
      lines.next = -1;
      index = 0;
    }
    const from = index;
    if (open.length === 0) {
      index = skipSpaces(text, index);
      if (index === text.length) return final && rootClosed;
      if (text.charCodeAt(index) !== LESS) return false;
    } else if (text.charCodeAt(index) !== LESS) {
      index = skipText(text, index);
      if (index === -1) return false;
    }
    if (index !== from) countLines(lines, text, from, index);
    const start = index;
    const next = text.charCodeAt(index + 1);
    if (next === SLASH) {
      if (open.length === 0) return false;
      const endPattern = openEnds[open.length - 1];
      if (endPattern !== undefined && ((endPattern.lastIndex = index + 1), endPattern.test(text))) {
        // As a start tag's template reads it: the line break after the tag is counted as read.
        index = endPattern.lastIndex;
        if (text.charCodeAt(index - 1) !== GREATER) lines.line++;
      } else {
        const name = open[open.length - 1]!;
        if (!text.startsWith(name, index + 2)) return false;
        // The name must end there: white space or the '>' follows.
        index = skipSpaces(text, index + 2 + name.length);
        if (text.charCodeAt(index) !== GREATER) return false;
        index++;
        countLines(lines, text, start, index);
      }
      open.pop();
      openEnds.pop();
      if (open.length > quietFrom) continue;
      quietFrom = Infinity;
      handlers.close();
      rootClosed = open.length === 0;
      continue;
    }
    if (next === BANG) {
      if (!text.startsWith('<!--', index)) return false;
      const end = text.indexOf('-->', index + 4);
      if (end === -1 || text.indexOf('--', index + 4) !== end) return false;
      if (OUTSIDE_SUBSET.test(text.slice(index + 4, end))) return false;
      index = end + 3;
      countLines(lines, text, start, index);
      continue;
    }
    if (rootClosed || open.length >= maxDepth) return false;
    let template: TagTemplate | undefined = predictedTemplate(text, index + 1);
    let name: string;
    let nameEnd: number;
    if (template !== undefined) {
      name = template.name;
      nameEnd = index + 1 + name.length;
    } else {
      ELEMENT_NAME.lastIndex = index + 1;
      if (!ELEMENT_NAME.test(text)) return false;
      nameEnd = ELEMENT_NAME.lastIndex;
      name = cachedName(text, index + 1, nameEnd);
      template = matchingTemplate(text, nameEnd, name);
    }
    // An element the consumer drops gets its attributes checked, but no object or strings.
    const quiet = open.length > quietFrom;
    const kept = !quiet && (handlers.keeps === undefined || handlers.keeps(name));
    let attributes = NO_ATTRIBUTES;
    let selfClosing: boolean;
    let gapLineBreak = false;
    PLAIN_START_TAG.lastIndex = nameEnd;
    if (template !== undefined) {
      // A usual tag of a shape read before: its attributes' names are known.
      index = template.pattern.lastIndex;
      gapLineBreak = text.charCodeAt(index - 1) !== GREATER;
      if (kept) attributes = templateAttributes(text, template, nameEnd);
      selfClosing = template.selfClosing;
      followedBy(template);
    } else if (PLAIN_START_TAG.test(text)) {
      // The usual tag: plain attributes on its line, then a line break and indentation.
      index = PLAIN_START_TAG.lastIndex;
      gapLineBreak = text.charCodeAt(index - 1) !== GREATER;
      if (kept) attributes = new AttributeRecord();
      const end = kept ? addPlainAttributes(text, nameEnd, attributes) : distinctNamesEnd(text, nameEnd);
      if (end === -1) return false;
      selfClosing = text.charCodeAt(end) === SLASH;
      template = learnTemplate(text, start + 1, nameEnd, end);
      followedBy(template);
    } else {
      followedBy(undefined);
      if (kept) attributes = new AttributeRecord();
      index = nameEnd;
      for (let count = 0; ; count++) {
        const end = scanAttribute(text, index);
        if (end === NO_ATTRIBUTE) break;
        if (end === OUTSIDE || !(kept ? addAttribute(text, attributes, count) : isFirstOfName(text, count)))
          return false;
        index = end;
      }
      index = skipSpaces(text, index);
      selfClosing = text.charCodeAt(index) === SLASH;
      if (selfClosing) index++;
      if (text.charCodeAt(index++) !== GREATER) return false;
      // saxes reports the line of the tag's closing '>', counting each LF (a CRLF is one break).
      countLines(lines, text, start, index);
    }
    if (!quiet) {
      tag.name = tag.local = name;
      tag.attributes = attributes;
      tag.line = lines.line;
      handlers.open(tag);
    }
    if (gapLineBreak) lines.line++;
    if (!selfClosing) {
      if (!kept && !quiet) quietFrom = open.length;
      open.push(name);
      openEnds.push(template?.endPattern);
    } else if (!quiet) {
      handlers.close();
      rootClosed = open.length === 0;
    }
  }
}

/** Line breaks counted up to a position: `line` is 1 + those before it; `next` is the first at or after it, or below it when not yet searched for. */
interface LineCount {
  line: number;
  next: number;
}

/** Counts the line breaks from `from`, up to which they are counted, to `to`. */
function countLines(lines: LineCount, text: string, from: number, to: number): void {
  if (lines.next < from) lines.next = lineBreakFrom(text, from);
  while (lines.next < to) {
    lines.line++;
    lines.next = lineBreakFrom(text, lines.next + 1);
  }
}

function lineBreakFrom(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
}

/** skipSpaces for the white space between tags: mostly a line break and the next line's indentation. */
function skipLineSpaces(text: string, from: number): number {
  let index = from;
  do {
    SPACE_RUN.lastIndex = index;
    SPACE_RUN.test(text);
    index = SPACE_RUN.lastIndex;
  } while (text.charCodeAt(index) === CARRIAGE_RETURN && text.charCodeAt(index + 1) === LINE_FEED);
  return index;
}

/** Skips character data inside the root element up to the next '<'; -1 where it leaves the subset. */
function skipText(text: string, from: number): number {
  let index = skipLineSpaces(text, from);
  if (text.charCodeAt(index) === LESS) return index;
  for (;;) {
    TEXT_RUN.lastIndex = index;
    TEXT_RUN.test(text);
    index = TEXT_RUN.lastIndex;
    const code = text.charCodeAt(index);
    if (code === LESS) return index;
    if (code === AMPERSAND) {
      TEXT_REFERENCE.lastIndex = index;
      if (!TEXT_REFERENCE.test(text)) return -1;
      index = TEXT_REFERENCE.lastIndex;
    } else if (code === CLOSE_BRACKET) {
      if (text.startsWith(']]>', index)) return -1;
      index++;
    } else if (code === CARRIAGE_RETURN) {
      if (text.charCodeAt(index + 1) !== LINE_FEED) return -1;
      index += 2;
    } else {
      return -1;
    }
  }
}
