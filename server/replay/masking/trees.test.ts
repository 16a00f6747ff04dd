import { describe, expect, test } from 'vitest';
import { maskChunk } from './mask';
import { RecordingTrees } from './trees';

const snapshot = (nodes: number) => ({
  type: 2,
  timestamp: 1,
  data: {
    node: {
      type: 0,
      id: 1,
      childNodes: Array.from({ length: nodes - 1 }, (_, i) => ({
        type: 2,
        id: i + 2,
        tagName: 'p',
        attributes: { class: 'note' },
        childNodes: [],
      })),
    },
  },
});

describe('recording trees in memory', () => {
  test('a tree is kept per recording and reset when the selectors change', () => {
    const trees = new RecordingTrees();
    const a = trees.tree('rec-a', ['.note'], 0);
    expect(trees.tree('rec-a', ['.note'], 1)).toBe(a);
    expect(trees.tree('rec-a', ['.other'], 2)).not.toBe(a);
    expect(trees.tree('rec-b', ['.note'], 3)).not.toBe(a);
  });

  test('bounded: per recording, in all (least recently used first) and by idle time', () => {
    const trees = new RecordingTrees({
      maxNodesPerRecording: 50,
      maxTotalNodes: 120,
      idleMs: 1000,
    });
    for (const id of ['r1', 'r2', 'r3']) {
      expect(maskChunk([snapshot(100)], trees.tree(id, ['.note'], 0)).ok).toBe(true);
      trees.settle(0);
    }
    // 3 × 50 nodes (each capped) > 120: the oldest tree went.
    expect(trees.recordings).toBe(2);
    expect(trees.tree('r3', ['.note'], 10).size).toBe(50);
    expect(trees.tree('r1', ['.note'], 10).size).toBe(0);
    trees.settle(5000);
    expect(trees.recordings).toBe(0);
  });

  test('chunks of one recording run one at a time, in arrival order', async () => {
    const trees = new RecordingTrees();
    const log: string[] = [];
    const slow = (name: string, ms: number) => () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          log.push(name);
          resolve(name);
        }, ms),
      );
    const failing = () => Promise.reject(new Error('boom'));
    const results = await Promise.allSettled([
      trees.exclusive('r', slow('first', 30)),
      trees.exclusive('r', failing),
      trees.exclusive('r', slow('third', 1)),
      trees.exclusive('other', slow('other', 1)),
    ]);
    expect(log).toEqual(['other', 'first', 'third']);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });
});

describe('settling', () => {
  test('idle trees go and the total budget holds, with many recordings in memory', () => {
    const trees = new RecordingTrees({ maxNodesPerRecording: 10, maxTotalNodes: 25, idleMs: 100 });
    const page = {
      type: 0,
      id: 1,
      childNodes: [{ type: 2, id: 2, tagName: 'p', attributes: {}, childNodes: [] }],
    };
    for (let i = 0; i < 1_000; i++) {
      trees.tree(`r${i}`, [], 0);
      trees.settle(0);
    }
    expect(trees.recordings).toBe(1_000);
    for (let i = 0; i < 20; i++) {
      trees.tree(`big${i}`, [], 50).insert(null, page);
      trees.settle(50);
    }
    // 2 nodes each, 25 nodes at most: the oldest go first (the empty ones, then the first big
    // ones), and the twelve most recent big trees stay.
    expect(trees.recordings).toBe(12);
    trees.settle(150);
    expect(trees.recordings).toBe(12);
    trees.settle(1_000);
    expect(trees.recordings).toBe(0);
  });
});
