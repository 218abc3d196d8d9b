import { InputError, type InputLocation } from '../core/errors';
import { canonicalRightName } from '../core/rights';

/**
 * A right name that is not a known right but becomes one once invisible characters are taken
 * out (`\u200BSeDenyNetworkLogonRight`) is refused: LSA would not know it either, so a deny
 * written that way is silently ignored by Windows and by a check that keeps unknown rights as
 * written, while a reader of the file sees the deny. It is either damage or an attempt to hide a
 * right from review, and both need a person.
 *
 * Invisible: Unicode's default-ignorable code points (zero-width space and joiners, BOM, bidi
 * controls, soft hyphen, variation selectors, the fillers that render as nothing), the other
 * format characters (Cf) and separators (Z).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Z}]/gu;

/** Throws when `written` (not a known right) is a known right with invisible characters in it. */
export function refuseDisguisedRightName(written: string, file: string, location: InputLocation): void {
  const hidden = written.match(INVISIBLE);
  if (hidden === null) return;
  const canonical = canonicalRightName(written.replace(INVISIBLE, ''));
  if (canonical === undefined) return;
  const codes = [...new Set(hidden)].map(
    (character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
  );
  throw new InputError(
    file,
    location,
    `a right name without invisible characters`,
    `${canonical} with ${codes.join(', ')} in it (Windows would not recognise it, so the right would be ignored)`,
  );
}
