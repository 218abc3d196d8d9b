// The attributes of a start tag for the plain-XML reader (xml-plain.ts): scanned in place, and
// built only for the elements the consumer keeps.

const REFERENCE = '&(?:amp|lt|gt|quot|apos);';
/** Characters XML 1.0 does not allow, and every surrogate (paired ones are left to saxes). */
export const NOT_ALLOWED = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff';
const ATTRIBUTE_NAME = new RegExp(`[A-Za-z0-9._-]*`, 'y');
/** A quoted value's characters up to its end or to anything that needs a closer look. */
const DOUBLE_QUOTED_RUN = new RegExp(`[^"<&\\t\\n\\r${NOT_ALLOWED}]*`, 'y');
const SINGLE_QUOTED_RUN = new RegExp(`[^'<&\\t\\n\\r${NOT_ALLOWED}]*`, 'y');
/**
 * The usual attribute in one pattern call: a name, `="` right after it, a value that needs no
 * normalising, and its closing quote. Anything else (white space around `=`, single quotes,
 * references, line breaks, or text outside the subset) is read again by the general scan.
 */
export const PLAIN_VALUE_SOURCE = `[^"<&\\t\\n\\r${NOT_ALLOWED}]*`;
const PLAIN_ATTRIBUTE = new RegExp(`[A-Za-z0-9._-]*="${PLAIN_VALUE_SOURCE}"`, 'y');
/** PLAIN_ATTRIBUTE with its name's first character, for a pattern that reads a whole tag. */
export const PLAIN_ATTRIBUTE_SOURCE = `[A-Za-z_]${PLAIN_ATTRIBUTE.source}`;
export const TEXT_REFERENCE = new RegExp(REFERENCE, 'y');
const ENTITY_VALUES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

const TAB = 0x09;
export const LINE_FEED = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
const SPACE_CHAR = 0x20;
const DOUBLE_QUOTE = 0x22;
export const AMPERSAND = 0x26;
const SINGLE_QUOTE = 0x27;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const GREATER = 0x3e;
export const LESS = 0x3c;

/** scanAttribute: no attribute starts here (the tag's end must), or the text leaves the subset. */
export const NO_ATTRIBUTE = -1;
export const OUTSIDE = -2;

/**
 * Attribute objects that inherit nothing, as `Object.create(null)` ones do (a name such as
 * `constructor` or `__proto__` is only ever the file's own attribute), but built by a
 * constructor, so V8 lays them out as fast objects: a dictionary-mode object per element
 * cost about 200 bytes, a third of what reading a large file allocated.
 */
export const AttributeRecord = function AttributeRecord() {} as unknown as new () => Record<string, string>;
AttributeRecord.prototype = Object.create(null) as Record<string, string>;
/** What open() is given for an element the consumer drops (XmlEventHandlers.keeps). */
export const NO_ATTRIBUTES: Record<string, string> = Object.freeze(new AttributeRecord());

/** Where scanAttribute found the last attribute's name and value, and whether the value needs normalising. */
const scanned = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0, plain: true };

/**
 * Scans one attribute (white space, name, `=`, quoted value) at `from`, records where its name
 * and value are in `scanned`, and answers the index after it: a scan of character codes, so no
 * match array is made for each of the hundreds of thousands of attributes of a large file. It
 * accepts exactly what the pattern `SPACE+ NAME SPACE* = SPACE* "value"` does, the value
 * holding no `<`, no character XML does not allow, no lone CR and no `&` but the five
 * predefined references.
 */
export function scanAttribute(text: string, from: number): number {
  let index = skipSpaces(text, from);
  if (index === from || !isNameStart(text.charCodeAt(index))) return NO_ATTRIBUTE;
  scanned.nameStart = index;
  PLAIN_ATTRIBUTE.lastIndex = index;
  if (PLAIN_ATTRIBUTE.test(text)) {
    // A name holds no '=': the first one after its start ends it.
    const end = PLAIN_ATTRIBUTE.lastIndex;
    const equals = text.indexOf('=', index);
    scanned.nameEnd = equals;
    scanned.valueStart = equals + 2;
    scanned.valueEnd = end - 1;
    scanned.plain = true;
    return end;
  }
  // Runs of name and value characters are left to sticky patterns, which run as compiled code
  // from the first call on; a loop over character codes runs interpreted until V8 optimises it.
  ATTRIBUTE_NAME.lastIndex = index;
  ATTRIBUTE_NAME.test(text);
  index = ATTRIBUTE_NAME.lastIndex;
  scanned.nameEnd = index;
  index = skipSpaces(text, index);
  if (text.charCodeAt(index) !== EQUALS) return OUTSIDE;
  index = skipSpaces(text, index + 1);
  const quote = text.charCodeAt(index);
  if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) return OUTSIDE;
  const run = quote === DOUBLE_QUOTE ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
  scanned.valueStart = ++index;
  let plain = true;
  for (;;) {
    run.lastIndex = index;
    run.test(text);
    index = run.lastIndex;
    const code = text.charCodeAt(index);
    if (code === quote) break;
    if (code === TAB || code === LINE_FEED) {
      index++;
    } else if (code === CARRIAGE_RETURN && text.charCodeAt(index + 1) === LINE_FEED) {
      index += 2;
    } else if (code === AMPERSAND) {
      TEXT_REFERENCE.lastIndex = index;
      if (!TEXT_REFERENCE.test(text)) return OUTSIDE;
      index = TEXT_REFERENCE.lastIndex;
    } else {
      // `<`, a lone CR, a character XML does not allow, or the end of the text.
      return OUTSIDE;
    }
    plain = false;
  }
  scanned.valueEnd = index;
  scanned.plain = plain;
  return index + 1;
}

/** Adds the scanned attribute, the element's `count`-th; false when the element already has one of that name. */
export function addAttribute(text: string, attributes: Record<string, string>, count: number): boolean {
  const name = cachedName(text, scanned.nameStart, scanned.nameEnd);
  if (count > 0 && name in attributes) return false;
  const raw = text.slice(scanned.valueStart, scanned.valueEnd);
  attributes[name] = scanned.plain ? ownCopy(raw) : attributeValue(raw);
  return true;
}

/** A power of two. */
const NAME_SLOTS = 512;
/** Longer names are not kept: the cache outlives the document, and a hostile name may be megabytes long. */
export const MAX_CACHED_NAME_LENGTH = 64;
/**
 * Names already seen, two to a set, by a hash of their length and first, middle and last
 * characters. The more recently seen of two names that share a set comes first in it.
 */
const names: string[] = new Array<string>(2 * NAME_SLOTS).fill('');

/**
 * The name between `start` and `end`, as the string it was the last time it was seen. A file has
 * a few dozen element and attribute names, repeated hundreds of thousands of times: a name
 * compared in place costs no new string, and V8 looks up a string it has used as a property or
 * map key (its hash computed, internalized) far more cheaply than a fresh slice.
 */
export function cachedName(text: string, start: number, end: number): string {
  const length = end - start;
  const hash = ((length * 31 + text.charCodeAt(start)) * 31 + text.charCodeAt(start + (length >> 1))) * 31;
  const slot = ((hash + text.charCodeAt(end - 1)) & (NAME_SLOTS - 1)) << 1;
  const first = names[slot]!;
  if (first.length === length && text.startsWith(first, start)) return first;
  const second = names[slot + 1]!;
  if (second.length === length && text.startsWith(second, start)) return second;
  const name = text.slice(start, end);
  if (length > MAX_CACHED_NAME_LENGTH) return name;
  names[slot + 1] = first;
  return (names[slot] = internalized(name));
}

/** The string V8 keeps for `name` as a property key: comparing two such strings compares two pointers. */
function internalized(name: string): string {
  const holder = new AttributeRecord();
  holder[name] = '';
  for (const key in holder) return key;
  return name;
}

/** V8 makes a slice of at least this many characters a view into the whole text. */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * The value as a string of its own, not a view into the document: the model keeps many values
 * (paths, names, accounts), and through them a 15 MB configuration stayed in memory during
 * judging. Slicing a concatenation makes V8 copy the characters.
 */
export function ownCopy(slice: string): string {
  return slice.length < SLICED_STRING_MIN_LENGTH ? slice : (' ' + slice).slice(1);
}

/** Beyond this many attributes, a dropped element's names are checked through a Set. */
const MAX_COMPARED_NAMES = 32;
/** Name offsets (start, end) of the attributes of a dropped element read so far, up to MAX_COMPARED_NAMES. */
const droppedNames = new Int32Array(2 * MAX_COMPARED_NAMES);
let droppedNameSet: Set<string> | undefined;

/**
 * Whether the scanned attribute of a dropped element (its `count`-th) has a name none before it
 * has (namesDiffer).
 */
export function isFirstOfName(text: string, count: number): boolean {
  return isFirstOfNameAt(text, scanned.nameStart, scanned.nameEnd, count);
}

/**
 * Whether the name from `nameStart` to `nameEnd`, a dropped element's `count`-th attribute's,
 * differs from those before it, compared in place. An element has a handful of attributes; past
 * MAX_COMPARED_NAMES they go to a Set instead, so a hostile tag costs no more than a kept one.
 */
function isFirstOfNameAt(text: string, nameStart: number, nameEnd: number, count: number): boolean {
  if (count === 0) droppedNameSet = undefined;
  if (count === MAX_COMPARED_NAMES) {
    droppedNameSet = new Set();
    for (let at = 0; at < 2 * count; at += 2) droppedNameSet.add(text.slice(droppedNames[at], droppedNames[at + 1]));
  }
  if (droppedNameSet !== undefined) {
    const name = text.slice(nameStart, nameEnd);
    if (droppedNameSet.has(name)) return false;
    droppedNameSet.add(name);
    return true;
  }
  const length = nameEnd - nameStart;
  for (let at = 0; at < 2 * count; at += 2) {
    const start = droppedNames[at]!;
    if (droppedNames[at + 1]! - start !== length) continue;
    let same = true;
    for (let offset = 0; offset < length && same; offset++)
      same = text.charCodeAt(start + offset) === text.charCodeAt(nameStart + offset);
    if (same) return false;
  }
  droppedNames[2 * count] = nameStart;
  droppedNames[2 * count + 1] = nameEnd;
  return true;
}

// The attributes of a tag the whole-tag pattern has read (PLAIN_ATTRIBUTE_SOURCE): each is
// spaces or tabs, a name, `="`, a value without `"` or anything to normalise, and `"`, so the
// first `=` ends the name and the next `"` the value, and indexOf finds both.

/**
 * Adds the attributes of such a tag from the end of its element's name, and answers where the
 * tag's `/>` or `>` starts, or -1 when a name comes twice.
 */
export function addPlainAttributes(text: string, from: number, attributes: Record<string, string>): number {
  let index = from;
  for (let count = 0; ; count++) {
    let code = text.charCodeAt(index);
    while (code === SPACE_CHAR || code === TAB) code = text.charCodeAt(++index);
    if (code === SLASH || code === GREATER) return index;
    const equals = text.indexOf('=', index);
    const name = cachedName(text, index, equals);
    if (count > 0 && name in attributes) return -1;
    const valueEnd = text.indexOf('"', equals + 2);
    attributes[name] = ownCopy(text.slice(equals + 2, valueEnd));
    index = valueEnd + 1;
  }
}

/** addPlainAttributes for a dropped element: names compared, nothing built. */
export function distinctNamesEnd(text: string, from: number): number {
  let index = from;
  for (let count = 0; ; count++) {
    let code = text.charCodeAt(index);
    while (code === SPACE_CHAR || code === TAB) code = text.charCodeAt(++index);
    if (code === SLASH || code === GREATER) return index;
    const equals = text.indexOf('=', index);
    if (!isFirstOfNameAt(text, index, equals, count)) return -1;
    index = text.indexOf('"', equals + 2) + 1;
  }
}

/** White space as saxes counts lines: a CR only as part of a CRLF. */
export function skipSpaces(text: string, from: number): number {
  let index = from;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === SPACE_CHAR || code === TAB || code === LINE_FEED) index++;
    else if (code === CARRIAGE_RETURN && text.charCodeAt(index + 1) === LINE_FEED) index += 2;
    else return index;
  }
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** Attribute-value normalisation as saxes does it: each tab, LF or CRLF becomes a space, then references. */
function attributeValue(raw: string): string {
  let value = raw;
  if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n]/g, ' ');
  if (value.includes('&'))
    value = value.replace(/&(?:amp|lt|gt|quot|apos);/g, (reference) => ENTITY_VALUES[reference]!);
  return value;
}
