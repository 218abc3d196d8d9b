import { ANONYMOUS_SECTION_PATH } from './attributes';

/**
 * Element paths below `<configuration>` that the parser reads; everything else (handlers,
 * modules, bindings, rewrite rules, which make up most of a real file) is dropped unread.
 */
export const KEPT_ELEMENT_PATHS: readonly string[] = [
  'configSections',
  'system.applicationHost',
  'system.applicationHost/applicationPools',
  'system.applicationHost/applicationPools/add',
  'system.applicationHost/applicationPools/add/processModel',
  'system.applicationHost/applicationPools/applicationPoolDefaults',
  'system.applicationHost/applicationPools/applicationPoolDefaults/processModel',
  'system.applicationHost/sites',
  'system.applicationHost/sites/applicationDefaults',
  'system.applicationHost/sites/site',
  'system.applicationHost/sites/site/applicationDefaults',
  'system.applicationHost/sites/site/application',
  'system.applicationHost/sites/site/application/virtualDirectory',
  'system.applicationHost/sites/virtualDirectoryDefaults',
  'system.applicationHost/sites/site/virtualDirectoryDefaults',
  'system.applicationHost/sites/site/application/virtualDirectoryDefaults',
  'location',
  ...ANONYMOUS_SECTION_PATH.map((_, index) => ANONYMOUS_SECTION_PATH.slice(0, index + 1).join('/')),
  ...ANONYMOUS_SECTION_PATH.map((_, index) => `location/${ANONYMOUS_SECTION_PATH.slice(0, index + 1).join('/')}`),
];

/**
 * The kept paths as a tree of names, so the per-element check walks it without allocating. Each
 * level holds a handful of names, compared in turn: a Map would hash every element's name, a
 * fresh string from the tokenizer each time (over 200,000 in a 10,000-site file).
 */
export class KeepTree {
  private readonly names: string[] = [];
  private readonly children: KeepTree[] = [];

  get(name: string): KeepTree | undefined {
    const names = this.names;
    for (let index = 0; index < names.length; index++) if (names[index] === name) return this.children[index];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The child of that name, added if it is not there yet. */
  child(name: string): KeepTree {
    let child = this.get(name);
    if (child === undefined) {
      child = new KeepTree();
      this.names.push(name);
      this.children.push(child);
    }
    return child;
  }
}

export const KEEP_TREE: KeepTree = buildKeepTree(KEPT_ELEMENT_PATHS);

export function buildKeepTree(paths: readonly string[]): KeepTree {
  const tree = new KeepTree();
  for (const path of paths) {
    let node = tree;
    for (const name of path.split('/')) node = node.child(name);
  }
  return tree;
}

export function keepElement(local: string, ancestors: readonly string[]): boolean {
  if (ancestors[0] !== 'configuration') return false;
  // Section declarations nest sectionGroups to any depth; they are few, keep them all.
  if (ancestors[1] === 'configSections') return local === 'sectionGroup' || local === 'section';
  let node: KeepTree | undefined = KEEP_TREE;
  for (let index = 1; index < ancestors.length && node !== undefined; index++) node = node.get(ancestors[index]!);
  return node !== undefined && node.has(local);
}
