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

/** The kept paths as a tree of names, so the per-element check walks it without allocating. */
export type KeepTree = Map<string, KeepTree>;
export const KEEP_TREE: KeepTree = buildKeepTree(KEPT_ELEMENT_PATHS);

export function buildKeepTree(paths: readonly string[]): KeepTree {
  const tree: KeepTree = new Map();
  for (const path of paths) {
    let node = tree;
    for (const name of path.split('/')) {
      let child = node.get(name);
      if (child === undefined) {
        child = new Map();
        node.set(name, child);
      }
      node = child;
    }
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
