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
  /** The tree's size when `total` last counted it. */
  counted: number;
}

export class RecordingTrees {
  private entries = new Map<string, Entry>();
  private queues = new Map<string, Promise<unknown>>();
  /** Sum of the `counted` sizes, kept as trees are used: settling never walks every entry. */
  private total = 0;
  private touched = new Set<string>();

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
      this.drop(recordingId);
      entry = { tree, selectors: key, usedAt: now, counted: 0 };
    }
    // Re-inserted: the Map's order is the least-recently-used order.
    this.entries.delete(recordingId);
    entry.usedAt = now;
    this.entries.set(recordingId, entry);
    this.touched.add(recordingId);
    return entry.tree;
  }

  /**
   * After a chunk: drops idle trees, then the oldest ones while over the total budget. The map is
   * in least-recently-used order, so both stop at the first entry they keep: the work is the
   * trees used since the last settle plus the trees dropped, not every tree in memory.
   */
  settle(now: number): void {
    for (const id of this.touched) {
      const e = this.entries.get(id);
      if (e === undefined) continue;
      this.total += e.tree.size - e.counted;
      e.counted = e.tree.size;
      // A chunk still running (the tree changes as it is masked) is counted again next time.
      if (!this.queues.has(id)) this.touched.delete(id);
    }
    for (const [id, e] of this.entries) {
      if (now - e.usedAt <= this.limits.idleMs && this.total <= this.limits.maxTotalNodes) break;
      this.drop(id);
    }
  }

  drop(recordingId: string): void {
    const e = this.entries.get(recordingId);
    if (e === undefined) return;
    this.total -= e.counted;
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
