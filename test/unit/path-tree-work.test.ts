import assert from 'node:assert/strict';
import { DEFAULT_ANONYMOUS, SCHEMA_DEFAULT_ORIGIN } from '../../src/parse/applicationhost/attributes';
import { resolveNode } from '../../src/parse/applicationhost/scopes';
import { unlockedChain, unlockedDepths, type SectionLock } from '../../src/parse/applicationhost/section-lock';
import { childAt, newNode, nodeAt } from '../../src/parse/applicationhost/sites';
import { addLocationTag, newApplication, type PathNode, type SiteRecord } from '../../src/parse/applicationhost/types';

/**
 * The work (not the time) of the lookups that walk a site's path tree from a node up to the site
 * root, for every scope (issue 15 item 6). A deep application holding many directories must cost
 * one step per node, not one per node per scope: each node's `parent` link is read through a
 * counting getter, and the count is bounded by a small multiple of the number of nodes.
 */

const DEPTH = 2000;
const LEAVES = 2000;

interface CountedChain {
  root: PathNode;
  /** Chain nodes by depth (0 = the site root). */
  nodes: PathNode[];
  leaves: PathNode[];
  parentReads: () => number;
}

/** A site root, a chain DEPTH levels deep below it, and LEAVES leaves under the deepest node. */
function countedChain(): CountedChain {
  const root = newNode(null);
  const nodes = [root];
  for (let depth = 1; depth < DEPTH; depth++) nodes.push(nodeAt(nodes[depth - 1]!, [`d${depth}`]));
  let reads = 0;
  for (const node of nodes) {
    const parent = node.parent;
    Object.defineProperty(node, 'parent', {
      get: () => {
        reads++;
        return parent;
      },
    });
  }
  const deepest = nodes[DEPTH - 1]!;
  const leaves = Array.from({ length: LEAVES }, (_, index) => nodeAt(deepest, [`v${index}`]));
  return { root, nodes, leaves, parentReads: () => reads };
}

const allow = (at: string): SectionLock => ({ mode: 'Allow', at });
const deny = (at: string): SectionLock => ({ mode: 'Deny', at });

describe('path-tree walks cost one step per node, however deep the path (issue 15 item 6)', () => {
  it('unlockedChain: 2,000 scopes under a 2,000-level path read each level once', () => {
    const chain = countedChain();
    chain.nodes[500]!.lock = allow('Allow at 500');
    chain.nodes[1500]!.lock = deny('Deny at 1500');
    chain.nodes[1800]!.lock = allow('Allow at 1800');
    const server = deny('declaration');
    for (const leaf of chain.leaves) {
      const unlocked = unlockedChain(leaf, server);
      assert.ok(unlocked);
      assert.equal(unlocked.description, 'Allow at 1800');
    }
    // The quadratic walk read 2,000 x 2,000 = 4,000,000 links; once per level is 2,000.
    assert.ok(chain.parentReads() <= 2 * DEPTH, `${chain.parentReads()} parent links read`);
    const depths = unlockedDepths(unlockedChain(chain.leaves[0]!, server)!);
    const expected = [...range(500, 1500), ...range(1800, DEPTH + 1)];
    assert.deepEqual(depths, expected);
  });

  it('unlockedChain: a Deny below the last Allow is named, and a server Allow unlocks every level', () => {
    const chain = countedChain();
    chain.nodes[10]!.lock = deny('Deny at 10');
    const leaf = chain.leaves[7]!;
    const locked = unlockedChain(leaf, allow('server Allow'));
    assert.equal(locked?.description, 'server Allow above it, though Deny at 10 locks it again for this path');
    assert.deepEqual(unlockedDepths(locked), range(0, 10));
    // Asked again with another server lock, the chain is computed again, not served stale.
    assert.equal(unlockedChain(leaf, deny('declaration')), undefined);
    assert.ok(chain.parentReads() <= 2 * 2 * DEPTH, `${chain.parentReads()} parent links read`);
  });

  it('nodeAt: a child is one node for its segment in any case, among few children or many', () => {
    for (const count of [1, 2, 8, 9, 10, 40]) {
      const root = newNode(null);
      const made = range(0, count).map((index) => nodeAt(root, [`App${index}`, 'Sub']));
      assert.equal(new Set(made).size, count);
      for (let index = count - 1; index >= 0; index--) {
        assert.equal(nodeAt(root, [`app${index}`, 'SUB']), made[index]);
        assert.equal(childAt(root, `app${index}`)?.key, `app${index}`);
        assert.equal(made[index]!.parent?.parent, root);
      }
      assert.equal(childAt(root, 'App0'), undefined);
      assert.equal(childAt(root, `app${count}`), undefined);
    }
  });

  it('resolveNode: 2,000 scopes under a 2,000-level path read each level once', () => {
    const chain = countedChain();
    chain.nodes[DEPTH - 1]!.application = newApplication(chain.nodes[DEPTH - 1]!, '/deep', 'Deep', 3);
    addLocationTag(chain.nodes[1000]!, true, [{ userName: 'middle', origin: 'tag at 1000' }], undefined);
    const rootApplication = newApplication(chain.root, '/', 'Root', 2);
    const site: SiteRecord = {
      name: 'S',
      line: 1,
      root: chain.root,
      firstApplication: rootApplication,
      rootApplication,
      directories: undefined,
      later: undefined,
    };
    const server = { ...DEFAULT_ANONYMOUS, definedAt: SCHEMA_DEFAULT_ORIGIN };
    for (const leaf of chain.leaves) {
      const resolved = resolveNode(leaf, site, server);
      assert.equal(resolved.application.pool, 'Deep');
      assert.equal(resolved.here.userName, 'middle');
    }
    assert.ok(chain.parentReads() <= 2 * DEPTH, `${chain.parentReads()} parent links read`);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}
