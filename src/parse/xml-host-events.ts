import type { XmlEventHandlers } from './xml-events';

// The other side of the in-process host's XML tokenizer (xml-events.ts): which documents it may
// read, and its events as it hands them over, delivered to the engine's handlers.

/**
 * Only a document with no XML declaration, or the plainest one (version 1.0, an encoding name,
 * standalone), goes to the host's tokenizer: XML 1.1 and odd declarations are left to saxes.
 */
export function hostMayTokenize(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('<?xml', start)) return true;
  const end = text.indexOf('?>', start);
  return (
    end !== -1 &&
    /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>$/.test(
      text.slice(start, end + 2),
    )
  );
}

/**
 * The host's encoding: fields separated by U+0000 (a character no XML 1.0 document can hold,
 * not even as a reference), each field followed by one. The first field is the depth of the
 * deepest element. Then per event:
 *   S, name, (namespace URI, only with namespaces), attribute count, name and value per
 *     attribute, the line where the start tag ends;
 *   E (an end tag; a self-closing tag gives S then E);
 *   T, text (only when text is asked for, and only inside the root element).
 * Answers false, having delivered nothing, when the document is deeper than maxDepth, so saxes
 * reads it and reports the depth where it occurs.
 */
export function deliverHostEvents(
  encoded: string,
  namespaces: boolean,
  maxDepth: number,
  handlers: XmlEventHandlers,
): boolean {
  const fields = encoded.split('\u0000');
  if (Number(fields[0]) > maxDepth) return false;
  const last = fields.length - 1;
  let index = 1;
  while (index < last) {
    const kind = fields[index++];
    if (kind === 'E') {
      handlers.close();
    } else if (kind === 'S') {
      const name = fields[index++]!;
      const uri = namespaces ? fields[index++]! : '';
      const count = Number(fields[index++]);
      const attributes = Object.create(null) as Record<string, string>;
      for (let attribute = 0; attribute < count; attribute++, index += 2)
        attributes[fields[index]!] = fields[index + 1]!;
      handlers.open({ name, local: localName(name), uri, attributes, line: Number(fields[index++]) });
    } else if (kind === 'T') {
      handlers.text?.(fields[index++]!);
    } else {
      throw new Error(`the host's XML events hold an unknown record ${JSON.stringify(kind)}`);
    }
  }
  return true;
}

/** The local part of a qualified name (after any prefix). */
export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}
