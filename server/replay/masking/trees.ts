// In memory, per process: the node tree of each recording that is receiving chunks, and one
// chunk at a time per recording (a tree must see a recording's chunks in order). Bounded: a tree
// stops growing at `maxNodesPerRecording`, the trees of idle recordings are dropped, and past
// `maxTotalNodes` the least recently used trees go. A recording without its tree (dropped, or a
// chunk served by another node) is masked conservatively until its next full snapshot.
import { compileSelectors, dataNamesOf } from './selectors.js';
import { NodeTree } from './tree.js';

export interface TreeCacheLimits {
  maxNodesPerRecording: number;
  maxTotalNodes: number;
  idleMs: number;
}

export const DEFAULT_TREE_LIMITS: TreeCacheLimits = {
  maxNodesPerRecording: 100_000,
  maxTotalNodes: 500_000,
  idleMs: 15 * 60_000,
};

interface Entry {
  tree: NodeTree;
  selectors: string;
  usedAt: number;
}

export class RecordingTrees {
  private entries = new Map<string, Entry>();
  private queues = new Map<string, Promise<unknown>>();

  constructor(private readonly limits: TreeCacheLimits = DEFAULT_TREE_LIMITS) {}

  /** The recording's tree (a new, empty one when unknown or when the selectors changed). */
  tree(recordingId: string, selectors: readonly string[], now: number): NodeTree {
    const key = JSON.stringify(selectors);
    let entry = this.entries.get(recordingId);
    if (entry === undefined || entry.selectors !== key) {
      const compiled = compileSelectors(selectors);
      const tree = new NodeTree(compiled, dataNamesOf(compiled), {
        maxNodes: this.limits.maxNodesPerRecording,
      });
      entry = { tree, selectors: key, usedAt: now };
    }
    // Re-inserted: the Map's order is the least-recently-used order.
    this.entries.delete(recordingId);
    entry.usedAt = now;
    this.entries.set(recordingId, entry);
    return entry.tree;
  }

  /** After a chunk: drops idle trees, then the oldest ones while over the total budget. */
  settle(now: number): void {
    let total = 0;
    for (const [id, e] of this.entries) {
      if (now - e.usedAt > this.limits.idleMs) this.entries.delete(id);
      else total += e.tree.size;
    }
    for (const [id, e] of this.entries) {
      if (total <= this.limits.maxTotalNodes) break;
      total -= e.tree.size;
      this.entries.delete(id);
    }
  }

  drop(recordingId: string): void {
    this.entries.delete(recordingId);
  }

  /** Runs `task` after every earlier task of the same recording has finished. */
  async exclusive<T>(recordingId: string, task: () => Promise<T>): Promise<T> {
    const before = this.queues.get(recordingId) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(recordingId, settled);
    try {
      return await run;
    } finally {
      if (this.queues.get(recordingId) === settled) this.queues.delete(recordingId);
    }
  }

  get recordings(): number {
    return this.entries.size;
  }
}
