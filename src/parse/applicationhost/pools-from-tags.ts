import type { ApplicationPool } from '../../core/model';
import type { XmlAttributeSource } from '../xml';
import type { XmlStartTag } from '../xml-events';
import { addPool, readProcessModel } from './pools';
import type { ParseContext } from './types';

// `<applicationPools>` read from its tags: each `<add>` and its first `<processModel>` noted as
// they open, in arrays (a 10,000-pool file had 20,000 kept elements here, each an object with a
// children array), and the pools made when the section closes, as readApplicationPools makes
// them: the section's applicationPoolDefaults (which IIS writes after the pools) first, then each
// pool in document order, with the same diagnostics and errors.

export class PoolsFromTags {
  private readonly context: ParseContext;
  private count = 0;
  private readonly names: string[] = [];
  private readonly attributeSets: Record<string, string>[] = [];
  private readonly lines: number[] = [];
  /** The first processModel of each pool, if any: its tag's name, attributes and line. */
  private readonly modelNames: (string | undefined)[] = [];
  private readonly modelAttributeSets: (Record<string, string> | undefined)[] = [];
  private readonly modelLines: number[] = [];
  /** Which child of the section is open: a pool, the first applicationPoolDefaults, or neither. */
  private inPool = false;
  private inDefaults = false;
  private defaultsSeen = false;
  private defaultsModel: XmlAttributeSource | undefined;

  constructor(context: ParseContext) {
    this.context = context;
  }

  /** A kept tag inside the section opens, `depth` levels below it. */
  open(tag: XmlStartTag, depth: number): void {
    if (depth === 1) {
      // The kept children of the section: the pools, and the defaults (only the first is read).
      this.inPool = tag.local === 'add';
      this.inDefaults = !this.inPool && !this.defaultsSeen;
      if (!this.inPool) this.defaultsSeen = true;
      if (this.inPool) {
        const at = this.count++;
        this.names[at] = tag.name;
        this.attributeSets[at] = tag.attributes;
        this.lines[at] = tag.line;
        this.modelNames[at] = undefined;
        this.modelAttributeSets[at] = undefined;
        this.modelLines[at] = 0;
      }
      return;
    }
    // A processModel: the only tag kept below a pool or the pool defaults.
    if (this.inPool) {
      const at = this.count - 1;
      if (this.modelAttributeSets[at] !== undefined) return;
      this.modelNames[at] = tag.name;
      this.modelAttributeSets[at] = tag.attributes;
      this.modelLines[at] = tag.line;
    } else if (this.inDefaults && this.defaultsModel === undefined) {
      this.defaultsModel = { name: tag.name, attributes: tag.attributes, line: tag.line };
    }
  }

  /** The section closes: its pools by lower-case name. */
  finish(): Map<string, ApplicationPool> {
    const context = this.context;
    const pools = new Map<string, ApplicationPool>();
    const defaults = readProcessModel(context, this.defaultsModel);
    // One object for every pool in turn, and one for its processModel: neither is kept.
    const add: XmlAttributeSource = { name: '', attributes: {}, line: 0 };
    const model: XmlAttributeSource = { name: '', attributes: {}, line: 0 };
    for (let at = 0; at < this.count; at++) {
      add.name = this.names[at]!;
      add.attributes = this.attributeSets[at]!;
      add.line = this.lines[at]!;
      const modelAttributes = this.modelAttributeSets[at];
      if (modelAttributes !== undefined) {
        model.name = this.modelNames[at]!;
        model.attributes = modelAttributes;
        model.line = this.modelLines[at]!;
      }
      addPool(pools, context, add, modelAttributes === undefined ? undefined : model, defaults);
    }
    return pools;
  }
}
