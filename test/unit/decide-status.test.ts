import assert from 'node:assert/strict';
import { decideStatus, type RightCheck } from '../../src/core/evaluate-identities';
import type { FindingStatus } from '../../src/core/status';

/** What the identity's token matches in the right's holder lists, now or after the refresh. */
type Matches = 'neither' | 'granted' | 'denied' | 'granted and denied';

interface Row {
  now: Matches;
  afterRefresh: Matches;
  allowRightOwnedByGpo: boolean;
  denyRightOwnedByGpo: boolean;
  status: FindingStatus;
}

/**
 * Every combination of the four inputs (4 x 4 x 2 x 2 = 64), each with the status the README's
 * status table defines: holding the right now and after the refresh is ok; holding it now only is
 * revoked-at-refresh; lacking it is gpo-blocked when a GPO will keep it lacking (it owns the allow
 * right and will not grant it, or owns the deny right and will deny it), else denied when a deny
 * right matches now, else missing. Some rows cannot occur in a real evaluation (without an owning
 * GPO the refresh changes nothing); they are pinned too, so a change to the rules is a visible one.
 */
// One row per line, so the table reads as a table.
// prettier-ignore
const TABLE: readonly Row[] = [
  { now: 'neither', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'missing' },
  { now: 'neither', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'missing' },
  { now: 'neither', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'missing' },
  { now: 'neither', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'neither', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'missing' },
  { now: 'neither', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'ok' },
  { now: 'granted', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'ok' },
  { now: 'granted', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'ok' },
  { now: 'granted', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'ok' },
  { now: 'granted', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'revoked-at-refresh' },
  { now: 'granted', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'revoked-at-refresh' },
  { now: 'denied', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'denied', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'denied', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'denied', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'neither', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'neither', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'granted', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'granted', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: false, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
  { now: 'granted and denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: false, status: 'denied' },
  { now: 'granted and denied', afterRefresh: 'granted and denied', allowRightOwnedByGpo: true, denyRightOwnedByGpo: true, status: 'gpo-blocked' },
];

const GPO = { id: '{31B2F340-016D-11D2-945F-00C04FB984F9}', name: 'Default Domain Policy' };

function rightCheck(matches: Matches): RightCheck {
  const everyone = {
    sid: 'S-1-1-0',
    name: 'Everyone',
    holder: '*S-1-1-0',
    origin: 'secedit.inf',
    evidence: 'confirmed' as const,
  };
  const grantedBy = matches === 'granted' || matches === 'granted and denied' ? [everyone] : [];
  const deniedBy = matches === 'denied' || matches === 'granted and denied' ? [everyone] : [];
  return { grantedBy, deniedBy, holdsRight: grantedBy.length > 0 && deniedBy.length === 0 };
}

describe('decideStatus: the status for every combination of matches and ownership', () => {
  it('the table holds each of the 64 combinations exactly once', () => {
    const keys = TABLE.map(
      (row) => `${row.now}|${row.afterRefresh}|${row.allowRightOwnedByGpo}|${row.denyRightOwnedByGpo}`,
    );
    assert.equal(new Set(keys).size, 64);
    assert.equal(keys.length, 64);
  });

  for (const row of TABLE) {
    const title = `now ${row.now}, after the refresh ${row.afterRefresh}, allow right ${row.allowRightOwnedByGpo ? 'owned by a GPO' : 'local'}, deny right ${row.denyRightOwnedByGpo ? 'owned by a GPO' : 'local'}: ${row.status}`;
    it(title, () => {
      const status = decideStatus(
        rightCheck(row.now),
        rightCheck(row.afterRefresh),
        row.allowRightOwnedByGpo ? GPO : null,
        row.denyRightOwnedByGpo ? GPO : null,
      );
      assert.equal(status, row.status);
    });
  }
});
