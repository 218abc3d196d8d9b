import type { ApplicationPool } from '../../core/model';
import type { XmlStartTag } from '../xml-events';
import { requiredAttribute } from './attributes';
import { addPool, readProcessModel, type ProcessModelSettings } from './pools';
import type { ParseContext } from './types';

// `<applicationPools>` read from its tags: each `<add>`'s name and its first `<processModel>`'s
// settings read as their tags open (a 10,000-pool file had 20,000 kept elements here, each an
// object with a children array and an attributes object kept until the section closed), and the
// pools made when the section closes, as readApplicationPools makes them: with the section's
// applicationPoolDefaults (which IIS writes after the pools), each pool in document order, with
// the same diagnostics. An error is read earlier than there, which changes nothing: any error
// declines the file, and the element tree reports it.

/** The settings of a pool with no processModel: nothing written. */
const NONE: ProcessModelSettings = {};

export class PoolsFromTags {
  private readonly context: ParseContext;
  private count = 0;
  private readonly names: string[] = [];
  private readonly lines: number[] = [];
  /** Each pool's first processModel, read. */
  private readonly models: ProcessModelSettings[] = [];
  /** Which child of the section is open: a pool, the first applicationPoolDefaults, or neither. */
  private inPool = false;
  private inDefaults = false;
  private defaultsSeen = false;
  private modelSeen = false;
  private defaults: ProcessModelSettings = NONE;

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
      this.modelSeen = false;
      if (this.inPool) {
        const at = this.count++;
        this.names[at] = requiredAttribute(this.context, tag, 'name');
        this.lines[at] = tag.line;
        this.models[at] = NONE;
      }
      return;
    }
    // A processModel: the only tag kept below a pool or the pool defaults; the first one counts.
    if (this.modelSeen) return;
    this.modelSeen = true;
    if (this.inPool) this.models[this.count - 1] = readProcessModel(this.context, tag);
    else if (this.inDefaults) this.defaults = readProcessModel(this.context, tag);
  }

  /** The section closes: its pools by lower-case name. */
  finish(): Map<string, ApplicationPool> {
    const pools = new Map<string, ApplicationPool>();
    for (let at = 0; at < this.count; at++)
      addPool(pools, this.context, this.names[at]!, this.lines[at]!, this.models[at]!, this.defaults);
    return pools;
  }
}
