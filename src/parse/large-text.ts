import type { LargeText } from '../core/text-codec';

export type { LargeText } from '../core/text-codec';

/** Text given whole, or a LargeText read a window at a time (core/text-codec.ts). */
export type TextSource = string | LargeText;

/** The whole text: for the readers that need it, only when the windowed reading declines. */
export function wholeText(source: TextSource): string {
  return typeof source === 'string' ? source : source.slice(0, source.length);
}
