import { describeScope } from './finding';
import type { AnonymousScope } from './model';
import type { IdentityRole } from './roles';

const NONE: readonly string[] = Object.freeze([]);

/**
 * Notes a finding carries about the configuration behind it, each also appended to its message:
 * - IIS refuses a web.config at or above the path (HTTP 500.19 before any logon), so the verdict
 *   is for the identity IIS uses once that file is fixed;
 * - the section is unlocked and a web.config the snapshot lacks could change the anonymous
 *   identity, so the verdict may be wrong.
 * Made when a finding's notes or message are read (judged-finding.ts); most scopes have none.
 */
export function configurationNotes(scope: AnonymousScope, role: IdentityRole): readonly string[] {
  const refused = scope.refusedWebConfigs;
  const unlockedAt = scope.anonymousUnlockedAt;
  if ((refused === undefined || refused.length === 0) && unlockedAt === undefined) return NONE;
  const notes: string[] = [];
  if (refused !== undefined && refused.length > 0) {
    notes.push(
      `IIS answers HTTP 500.19 for ${describeScope(scope)} before any logon: it refuses ${refused.join('; ')}. No logon right fixes that; this verdict is for the identity IIS uses once that web.config is fixed.`,
    );
  }
  // Only the anonymous identity can be changed by a web.config: the anonymous user, or the pool identity standing in for it (userName="").
  const anonymousIdentity =
    role === 'anonymous-user' || (role === 'worker-process' && scope.anonymous.userName.trim() === '');
  const gaps = scope.webConfigGaps;
  // With every web.config from the unlocked level down collected (or known absent), the verdict already includes them.
  if (unlockedAt !== undefined && anonymousIdentity && (gaps === undefined || gaps.length > 0)) {
    const missing =
      gaps === undefined
        ? 'the snapshot holds no web.config files'
        : `the snapshot lacks the web.config for ${gaps.join('; ')}`;
    notes.push(
      `anonymousAuthentication is unlocked for this path (${unlockedAt}), so a web.config here or above may set another anonymous identity or turn anonymous access on; ${missing}, so this verdict may be wrong for ${describeScope(scope)}.`,
    );
  }
  return notes;
}
