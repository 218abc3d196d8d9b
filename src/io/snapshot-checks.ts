import { excerpt, InputError } from '../core/errors';
import { formatCount, MAX_SITES } from '../core/limits';
import type { SecurityTemplate } from '../core/model';
import type { TextSource } from '../parse/large-text';

// Checks on a snapshot's content that no parser makes on its own: a secedit.inf that says less
// than every real export says, and more sites than can be judged (issue 15). Plain JavaScript:
// the Node CLI and the in-process engine run them alike (facts.ts).

/**
 * secedit /export /areas USER_RIGHTS always writes [Privilege Rights], and every Windows host
 * has rights in it (Administrators alone hold several). A file without them is a failed or
 * truncated export; judged as it is, every deny would vanish and every grant would look
 * missing, so it is refused unless the user says the host really has none.
 */
export function requireUserRights(policy: SecurityTemplate): void {
  const hint = 'give --allow-no-user-rights if this host really has none';
  if (policy.privilegeRights === null) {
    const found =
      policy.sections.length === 0
        ? 'no section at all (an empty or truncated export)'
        : `only ${policy.sections
            .slice(0, 5)
            .map((section) => excerpt(`[${section}]`))
            .join(', ')}${policy.sections.length > 5 ? ', ...' : ''}`;
    // The whole file lacks it; line 1 is where a reader starts looking.
    throw new InputError(
      policy.file,
      { line: 1 },
      `a [Privilege Rights] section, which secedit /export always writes (${hint})`,
      found,
    );
  }
  if (policy.privilegeRights.size === 0)
    throw new InputError(
      policy.file,
      { element: '[Privilege Rights]' },
      `at least one right in it (${hint})`,
      'an empty section (a failed or truncated export)',
    );
}

/**
 * Counts site elements in the text before it is parsed (a start tag spelled that way in a
 * comment counts too: the count is an upper bound), and refuses more than MAX_SITES. `tag`
 * matches the element's opening (`element` less its '>') and one character after it.
 */
export function refuseTooManySites(text: TextSource, tag: RegExp, element: string, file: string): void {
  let sites = 0;
  const count = () => {
    if (++sites > MAX_SITES) {
      throw new InputError(
        file,
        { element },
        `at most ${formatCount(MAX_SITES)} sites (the largest configuration judged within a default Node heap; see README "Limits")`,
        `more ${element} elements (counting stopped there, before parsing)`,
      );
    }
  };
  // The openings alone bound the count from above, and a text rarely holds more of them than the
  // limit: counting them takes one native search each, where reading the character after each
  // one took a slice and a pattern test as well (10,000 sites: about 11 ms cold, against 6).
  const opening = element.slice(0, -1);
  let openings = 0;
  for (let at = text.indexOf(opening, 0); at !== -1 && openings <= MAX_SITES; at = text.indexOf(opening, at + 1))
    openings++;
  if (openings <= MAX_SITES) return;
  tag.lastIndex = 0;
  if (typeof text === 'string') {
    while (tag.exec(text) !== null) count();
    return;
  }
  // A LargeText is searched in place for the opening, and only the character after each one is
  // sliced: the same matches, as no opening can start inside another's match.
  for (let at = text.indexOf(opening, 0); at !== -1; at = text.indexOf(opening, at + 1)) {
    tag.lastIndex = 0;
    if (tag.test(text.slice(at, at + opening.length + 1))) count();
  }
}
