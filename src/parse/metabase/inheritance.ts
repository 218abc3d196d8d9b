import type { AppPoolIdentityType, LogonMethod } from '../../core/model';
import type { MetabaseKey } from './keys';

/**
 * Metabase inheritance: an INHERIT property set on a key applies to every key below it in the
 * path unless a deeper key sets it again.
 */

/** Value of one inherited property and the key that set it. */
export interface Inherited<T> {
  value: T;
  key: MetabaseKey;
}

export interface EffectiveSettings {
  anonymousUserName?: Inherited<string>;
  anonymousPasswordSet?: Inherited<boolean>;
  logonMethod?: Inherited<LogonMethod>;
  authFlags?: Inherited<number>;
  appPoolId?: Inherited<string>;
  appPoolIdentityType?: Inherited<AppPoolIdentityType>;
  wamUserName?: Inherited<string>;
  uncUserName?: Inherited<string>;
  uncPasswordSet?: Inherited<boolean>;
  iis5IsolationMode?: Inherited<boolean>;
  anonymousPasswordSync?: Inherited<boolean>;
}

/** A node of the metabase path tree: one segment, the key written there if any, what it resolves to. */
interface KeyNode {
  /** Created on first use: most nodes of a deep path have one child. */
  children?: Map<string, KeyNode>;
  key?: MetabaseKey;
  effective?: EffectiveSettings;
}

/**
 * Effective settings at a metabase path, each path resolved once from its parent's. The keys
 * sit in a tree of path segments, so resolving a key 256 levels deep costs one step per level,
 * not one lookup of every ancestor's whole path (a quadratic cost in the Location's length).
 */
export class InheritanceResolver {
  private readonly root: KeyNode = {};

  constructor(keys: ReadonlyMap<string, MetabaseKey>) {
    for (const key of keys.values()) {
      let node = this.root;
      for (const segment of key.segments) {
        node.children ??= new Map();
        let child = node.children.get(segment);
        if (child === undefined) node.children.set(segment, (child = {}));
        node = child;
      }
      node.key = key;
    }
  }

  /** Effective settings at a metabase path (normalised), walking every ancestor key from `/` down. */
  resolve(path: string): EffectiveSettings {
    let node: KeyNode | undefined = this.root;
    let effective = resolvedAt(node, {});
    for (const segment of path === '/' ? [] : path.slice(1).split('/')) {
      node = node.children?.get(segment);
      // No key at or below this path: what its nearest ancestor key set applies.
      if (node === undefined) return effective;
      effective = resolvedAt(node, effective);
    }
    return effective;
  }
}

function resolvedAt(node: KeyNode, inherited: EffectiveSettings): EffectiveSettings {
  node.effective ??= node.key === undefined ? inherited : applyKey(inherited, node.key);
  return node.effective;
}

export function applyKey(inherited: EffectiveSettings, key: MetabaseKey): EffectiveSettings {
  const effective: EffectiveSettings = { ...inherited };
  const set = key.properties;
  if (set.anonymousUserName !== undefined) effective.anonymousUserName = { value: set.anonymousUserName, key };
  if (set.anonymousPasswordSet !== undefined) effective.anonymousPasswordSet = { value: set.anonymousPasswordSet, key };
  if (set.logonMethod !== undefined) effective.logonMethod = { value: set.logonMethod, key };
  if (set.authFlags !== undefined) effective.authFlags = { value: set.authFlags, key };
  if (set.appPoolId !== undefined) effective.appPoolId = { value: set.appPoolId, key };
  if (set.appPoolIdentityType !== undefined) effective.appPoolIdentityType = { value: set.appPoolIdentityType, key };
  if (set.wamUserName !== undefined) effective.wamUserName = { value: set.wamUserName, key };
  if (set.uncUserName !== undefined) effective.uncUserName = { value: set.uncUserName, key };
  if (set.uncPasswordSet !== undefined) effective.uncPasswordSet = { value: set.uncPasswordSet, key };
  if (set.iis5IsolationMode !== undefined) effective.iis5IsolationMode = { value: set.iis5IsolationMode, key };
  if (set.anonymousPasswordSync !== undefined)
    effective.anonymousPasswordSync = { value: set.anonymousPasswordSync, key };
  return effective;
}
