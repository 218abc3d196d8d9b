// Start tags read by the shape of an earlier one, for the plain-XML reader (xml-plain.ts). A
// large file repeats a few dozen shapes of tag (`<virtualDirectory path="..." physicalPath="..."
// />` twenty thousand times), and the general reading of a usual tag finds each attribute's name
// again: its `=`, the name cache's lookup, the check that no earlier attribute had the name. A
// shape once read becomes a template: one sticky pattern of the element's name, its attributes'
// names in order (one space before each) with any plain value, and the tag's end with the line
// break after it. Where the template of the last tag of that name matches, the tag holds exactly
// those attributes, distinct and plain, so only the values are searched for.

import {
  AttributeRecord,
  cachedName,
  MAX_CACHED_NAME_LENGTH,
  ownCopy,
  PLAIN_VALUE_SOURCE,
} from './xml-plain-attributes';

/** One shape of start tag, from the element's name to the line break and indentation after the tag. */
export interface TagTemplate {
  /** The element's name, as the name cache gives it. */
  readonly name: string;
  /** The attributes' names in document order, as the name cache gives them. */
  readonly attributeNames: readonly string[];
  readonly selfClosing: boolean;
  /** Sticky, from the end of the element's name; after a match its lastIndex is where the tag and the white space it reads end. */
  readonly pattern: RegExp;
  /** The same from the element's name (after the `<`). */
  readonly tagPattern: RegExp;
  /** The element's end tag from its `/`, with no white space before its `>`, and the line break after it. */
  readonly endPattern: RegExp;
  readonly source: string;
  /** The templates of the last three different start tags that followed this one's, the most recent first. */
  next: TagTemplate | undefined;
  other: TagTemplate | undefined;
  third: TagTemplate | undefined;
}

/** Templates of one element name, in the order they were made. */
const MAX_TEMPLATES_PER_NAME = 8;
/**
 * A process that meets ever new shapes (or names) stops making templates, as each costs a
 * pattern to compile, and one that meets tags of no template's shape (attributes separated by
 * tabs or line breaks) stops looking at them.
 */
const MAX_TEMPLATES = 256;
const MAX_TAGS_LEARNED_FROM = 4096;
const templatesByName = new Map<string, TagTemplate[]>();
let templateCount = 0;
let tagsLearnedFrom = 0;

const SPACE_CHAR = 0x20;
const TAB = 0x09;
/** As xml-plain.ts's LINE_GAP: the tag's one line break and the next line's indentation. */
const LINE_GAP = '(?:\\r?\\n[ \\t]*)?';

/**
 * The template of `name` that matches the start tag whose name ends at `from`, or undefined; on
 * a match, the template's pattern has its lastIndex at the end of what it read.
 */
export function matchingTemplate(text: string, from: number, name: string): TagTemplate | undefined {
  const templates = templatesByName.get(name);
  if (templates === undefined) return undefined;
  for (let at = 0; at < templates.length; at++) {
    const template = templates[at]!;
    template.pattern.lastIndex = from;
    if (template.pattern.test(text)) return template;
  }
  return undefined;
}

/** The template of the last start tag read, or undefined when it had none (or a document starts). */
let previous: TagTemplate | undefined;

/**
 * The template of the start tag that followed the last one's last time, when it matches the
 * start tag whose name starts at `from`; its tagPattern's lastIndex is then at the end of what it
 * read. A file's tags come in the same order site after site, so the name itself need not be
 * read: most start tags are known by their predecessor.
 */
export function predictedTemplate(text: string, from: number): TagTemplate | undefined {
  if (previous === undefined) return undefined;
  // A tag followed by one of several finds it at a later try: an application's directory by
  // another directory, the next application or the site's bindings; a pool by its processModel,
  // its recycling or the next pool.
  return (
    matchesFrom(previous.next, text, from) ??
    matchesFrom(previous.other, text, from) ??
    matchesFrom(previous.third, text, from)
  );
}

function matchesFrom(template: TagTemplate | undefined, text: string, from: number): TagTemplate | undefined {
  if (template === undefined) return undefined;
  template.tagPattern.lastIndex = from;
  if (!template.tagPattern.test(text)) return undefined;
  // Where the tag ends, as matchingTemplate leaves it.
  template.pattern.lastIndex = template.tagPattern.lastIndex;
  return template;
}

/** Notes the template of the start tag just read (undefined for one of no template), for predictedTemplate. */
export function followedBy(template: TagTemplate | undefined): void {
  if (previous !== undefined && template !== undefined && previous.next !== template) {
    if (previous.other !== template) previous.third = previous.other;
    previous.other = previous.next;
    previous.next = template;
  }
  previous = template;
}

/** The attributes of a tag a template matched, from the end of the element's name. */
export function templateAttributes(text: string, template: TagTemplate, from: number): Record<string, string> {
  const attributes = new AttributeRecord();
  const names = template.attributeNames;
  let index = from;
  for (let at = 0; at < names.length; at++) {
    const name = names[at]!;
    // A space, the name, `="`, then the value up to its closing quote.
    const valueStart = index + name.length + 3;
    const valueEnd = text.indexOf('"', valueStart);
    attributes[name] = ownCopy(text.slice(valueStart, valueEnd));
    index = valueEnd + 1;
  }
  return attributes;
}

/**
 * Notes the shape of a usual start tag the general reading has just read (its name from
 * `nameStart` to `nameEnd`, its `/>` or `>` at `tagEnd`; plain attributes with distinct names),
 * when each attribute has one space before it.
 */
export function learnTemplate(
  text: string,
  nameStart: number,
  nameEnd: number,
  tagEnd: number,
): TagTemplate | undefined {
  if (templateCount >= MAX_TEMPLATES || tagsLearnedFrom >= MAX_TAGS_LEARNED_FROM) return undefined;
  tagsLearnedFrom++;
  // Templates outlive the document: a name the cache does not keep is a slice of its text.
  if (nameEnd - nameStart > MAX_CACHED_NAME_LENGTH) return undefined;
  const name = cachedName(text, nameStart, nameEnd);
  const attributeNames: string[] = [];
  let source = '';
  let index = nameEnd;
  while (text.charCodeAt(index) === SPACE_CHAR && isNameStart(text.charCodeAt(index + 1))) {
    const equals = text.indexOf('=', index + 1);
    if (equals - index - 1 > MAX_CACHED_NAME_LENGTH) return undefined;
    const attributeName = cachedName(text, index + 1, equals);
    attributeNames.push(attributeName);
    source += ` ${escaped(attributeName)}="${PLAIN_VALUE_SOURCE}"`;
    index = text.indexOf('"', equals + 2) + 1;
  }
  // Only spaces and tabs may be left before the tag's end; another separator is another shape.
  for (; index < tagEnd; index++) {
    const code = text.charCodeAt(index);
    if (code !== SPACE_CHAR && code !== TAB) return undefined;
  }
  const selfClosing = text.charCodeAt(tagEnd) === 0x2f;
  source += `[ \\t]*${selfClosing ? '/>' : '>'}${LINE_GAP}`;
  let templates = templatesByName.get(name);
  if (templates === undefined) templatesByName.set(name, (templates = []));
  const known = templates.find((template) => template.source === source);
  if (known !== undefined || templates.length >= MAX_TEMPLATES_PER_NAME) return known;
  templateCount++;
  const template: TagTemplate = {
    name,
    attributeNames,
    selfClosing,
    pattern: new RegExp(source, 'y'),
    tagPattern: new RegExp(escaped(name) + source, 'y'),
    endPattern: new RegExp(`/${escaped(name)}>${LINE_GAP}`, 'y'),
    source,
    next: undefined,
    other: undefined,
    third: undefined,
  };
  templates.push(template);
  return template;
}

/** A name for a pattern: names hold letters, digits, `_`, `-` and `.`, of which only `.` is special. */
function escaped(name: string): string {
  return name.replace(/\./g, '\\.');
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}
