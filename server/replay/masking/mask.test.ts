import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scanJoinedRuns } from '../scanner';
import { maskChunk } from './mask';
import { compileSelectors, dataNamesOf } from './selectors';
import { NodeTree } from './tree';

type N = Record<string, unknown>;
const text = (id: number, textContent: string, more: N = {}): N => ({
  type: 3,
  id,
  textContent,
  ...more,
});
const el = (id: number, tagName: string, attributes: N, childNodes: N[] = []): N => ({
  type: 2,
  id,
  tagName,
  attributes,
  childNodes,
});
const snapshot = (body: N[]): N => ({
  type: 2,
  timestamp: 1,
  data: {
    initialOffset: { top: 0, left: 0 },
    node: { type: 0, id: 1, childNodes: [el(2, 'html', {}, [el(3, 'body', {}, body)])] },
  },
});
const mutation = (data: N): N => ({
  type: 3,
  timestamp: 2,
  data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...data },
});

function treeFor(selectors: string[], maxNodes = 10_000) {
  const compiled = compileSelectors(selectors);
  return new NodeTree(compiled, dataNamesOf(compiled), { maxNodes });
}

function run(tree: NodeTree, events: N[]) {
  const r = maskChunk(events, tree);
  if (!r.ok) throw new Error(r.reason);
  return { ...r, json: JSON.stringify(r.events) };
}

describe('the server masking floor', () => {
  test('all text is masked with the recorder constant; whitespace-only text is kept', () => {
    const r = run(treeFor([]), [
      snapshot([el(4, 'p', { class: 'note' }, [text(5, 'Jane Doe'), text(6, '\n  ')])]),
    ]);
    expect(r.json).not.toContain('Jane');
    expect(r.json).toContain('"textContent":"***"');
    expect(r.json).toContain('"textContent":"\\n  "');
    // The scanner reads the clear text, before masking.
    expect(r.clearJson).toContain('Jane Doe');
  });

  test('an unmask selector keeps its element and descendants clear, never inside form controls', () => {
    const r = run(treeFor(['.note']), [
      snapshot([
        el(4, 'div', { class: 'note' }, [
          el(5, 'h2', {}, [text(6, 'Shipping options')]),
          el(7, 'button', {}, [text(8, 'Pay Jane')]),
          el(9, 'textarea', {}, [text(10, 'typed secret')]),
        ]),
        el(11, 'p', {}, [text(12, 'Hello Jane')]),
      ]),
    ]);
    expect(r.json).toContain('Shipping options');
    for (const hidden of ['Pay Jane', 'typed secret', 'Hello Jane'])
      expect(r.json).not.toContain(hidden);
  });

  test('data-* attributes count for selectors but are not stored', () => {
    const r = run(treeFor(['[data-pomelo-unmask]']), [
      snapshot([
        el(4, 'p', { 'data-pomelo-unmask': '', 'data-user': 'jane' }, [text(5, 'Open FAQ')]),
      ]),
    ]);
    expect(r.json).toContain('Open FAQ');
    expect(r.json).not.toContain('data-user');
    expect(r.json).not.toContain('data-pomelo-unmask');
  });

  test('CSS is kept only as the text of a real <style>; a forged isStyle flag is masked', () => {
    const r = run(treeFor([]), [
      snapshot([
        el(4, 'style', {}, [
          text(5, '.a{background:url(https://x.test/i.png?u=jane)}', { isStyle: true }),
        ]),
        el(6, 'p', {}, [text(7, 'Jane Doe', { isStyle: true })]),
      ]),
    ]);
    expect(r.json).toContain('.a{background:url(https://x.test/i.png)}');
    expect(r.json).not.toContain('Jane');
  });

  test('later chunks: additions, text changes and class changes are judged on the recorded tree', () => {
    const tree = treeFor(['.note']);
    run(tree, [snapshot([el(4, 'div', { class: 'note' }, []), el(5, 'div', {}, [text(6, 'x')])])]);
    const r = run(tree, [
      mutation({
        adds: [
          { parentId: 4, nextId: null, node: el(10, 'span', {}, [text(11, 'Added clear')]) },
          { parentId: 5, nextId: null, node: text(12, 'Added hidden') },
          { parentId: 999, nextId: null, node: text(13, 'Unknown parent') },
        ],
      }),
      mutation({
        texts: [
          { id: 11, value: 'Changed clear' },
          { id: 6, value: 'Changed hidden' },
        ],
      }),
      mutation({ attributes: [{ id: 5, attributes: { class: 'note' } }] }),
      mutation({
        texts: [
          { id: 12, value: 'Now clear' },
          { id: 424242, value: 'Unknown node' },
        ],
      }),
      mutation({ removes: [{ parentId: 3, id: 4 }] }),
      mutation({ texts: [{ id: 11, value: 'Removed ancestor' }] }),
    ]);
    for (const clear of ['Added clear', 'Changed clear', 'Now clear'])
      expect(r.json).toContain(clear);
    for (const hidden of [
      'Added hidden',
      'Unknown parent',
      'Changed hidden',
      'Unknown node',
      'Removed ancestor',
    ]) {
      expect(r.json).not.toContain(hidden);
    }
  });

  test('a fresh tree (another node, an evicted tree) masks everything until the next snapshot', () => {
    const r = run(treeFor(['.note']), [
      mutation({
        adds: [
          { parentId: 4, nextId: null, node: el(10, 'p', { class: 'note' }, [text(11, 'Orphan')]) },
        ],
      }),
      mutation({ texts: [{ id: 5, value: 'Orphan text' }] }),
    ]);
    expect(r.json).not.toContain('Orphan');
  });

  test('past its node cap the tree tracks nothing more, and untracked text is masked', () => {
    const tree = treeFor(['.note'], 6);
    const r = run(tree, [
      snapshot([
        el(4, 'p', { class: 'note' }, [
          text(5, 'Inside cap'),
          el(6, 'b', {}, [text(7, 'Past cap')]),
        ]),
      ]),
    ]);
    expect(tree.size).toBe(6);
    expect(r.json).toContain('Inside cap');
    expect(r.json).not.toContain('Past cap');
  });

  test('a cycle made by crafted additions is masked, in bounded steps', () => {
    const tree = treeFor(['.note']);
    run(tree, [snapshot([el(4, 'p', { class: 'note' }, [el(5, 'b', {}, [text(6, 'x')])])])]);
    const r = run(tree, [
      mutation({ adds: [{ parentId: 5, nextId: null, node: el(4, 'p', { class: 'note' }, []) }] }),
      mutation({ texts: [{ id: 6, value: 'In a cycle' }] }),
    ]);
    expect(r.json).not.toContain('In a cycle');
  });

  test('input values are masked whatever the recorder sent', () => {
    const r = run(treeFor(['.note']), [
      {
        type: 3,
        timestamp: 3,
        data: { source: 5, id: 7, text: 'jane@example.com', isChecked: true },
      },
    ]);
    expect(r.json).not.toContain('jane');
    expect(r.json).toContain('"text":"***"');
  });

  test.each([
    [
      'a custom event',
      { type: 5, timestamp: 1, data: { tag: 'x', payload: { email: 'a' } } },
      /type 5/,
    ],
    ['a plugin event', { type: 6, timestamp: 1, data: { plugin: 'console' } }, /type 6/],
    ['canvas', { type: 3, timestamp: 1, data: { source: 9, id: 1, commands: [] } }, /source 9/],
    ['console logs', { type: 3, timestamp: 1, data: { source: 11, payload: ['x'] } }, /source 11/],
    ['a Meta event without href', { type: 4, timestamp: 1, data: { width: 1 } }, /page address/],
    [
      'a snapshot of no document',
      { type: 2, timestamp: 1, data: { node: text(1, 'x') } },
      /document/,
    ],
    ['an addition without parent', mutation({ adds: [{ node: text(1, 'x') }] }), /addition/],
    [
      'an added node of no known kind',
      mutation({ adds: [{ parentId: 1, node: { type: 42, id: 3 } }] }),
      /added node/,
    ],
    ['a text change without id', mutation({ texts: [{ value: 'x' }] }), /text change/],
    [
      'mouse data with text',
      { type: 3, timestamp: 1, data: { source: 1, positions: ['jane'] } },
      /cannot be read/,
    ],
  ])('%s refuses the chunk', (_name, event, reason) => {
    const r = maskChunk([event], treeFor([]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('text joined across inline elements (scanner)', () => {
  test('<b>jane</b>@example.com in a snapshot is found; the single-node value is not reported twice', () => {
    const r = run(treeFor([]), [
      snapshot([
        el(4, 'p', {}, [el(5, 'b', {}, [text(6, 'jane')]), text(7, '@example.com')]),
        el(8, 'p', {}, [text(9, 'mail bob@example.com'), el(10, 'i', {}, [text(11, ' today')])]),
        el(12, 'div', {}, [
          el(13, 'p', {}, [text(14, 'ann')]),
          el(15, 'p', {}, [text(16, '@example.com')]),
        ]),
      ]),
    ]);
    const findings = scanJoinedRuns(r.runs);
    expect(findings.map((f) => [f.type, f.path])).toEqual([
      ['email', '[0].data.node.childNodes[0].childNodes[0].childNodes[0].<joined>'],
    ]);
  });

  test('an address split over additions under the same block is found in either order', () => {
    const tree = treeFor([]);
    run(tree, [snapshot([el(4, 'p', {}, [])])]);
    const r = run(tree, [
      mutation({
        adds: [
          { parentId: 4, nextId: null, node: text(21, '@example.com') },
          { parentId: 4, nextId: 21, node: el(20, 'b', {}, []) },
          { parentId: 20, nextId: null, node: text(22, 'jane') },
        ],
      }),
    ]);
    expect(scanJoinedRuns(r.runs).map((f) => f.type)).toEqual(['email']);
  });
});

describe('untrusted shapes', () => {
  test('any JSON, or near-valid events, is read or refused without throwing', () => {
    const near = fc.record({
      type: fc.integer({ min: -1, max: 7 }),
      timestamp: fc.double(),
      data: fc.oneof(
        fc.anything(),
        fc.record({
          source: fc.integer({ min: 0, max: 17 }),
          adds: fc.array(fc.record({ parentId: fc.anything(), node: fc.anything() })),
          texts: fc.array(fc.record({ id: fc.anything(), value: fc.anything() })),
          attributes: fc.array(fc.record({ id: fc.anything(), attributes: fc.anything() })),
          removes: fc.array(fc.anything()),
        }),
        fc.record({ node: fc.anything(), href: fc.anything() }),
      ),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), near), { maxLength: 8 }), (events) => {
        const tree = treeFor(['.note', '[data-x]']);
        const r = maskChunk(events, tree);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('cost on a hostile page', () => {
  /**
   * A chain of `depth` elements with long classes, under 20 selectors that nearly match: then
   * `events` tiny mutations, each changing an attribute (which forgets every cached verdict) and
   * a text at the bottom of the chain. Returns the tree's steps per mutation.
   */
  function stepsPerMutation(depth: number, events: number): number {
    const selectors = Array.from({ length: 20 }, (_, i) => `p.c${i}.missing`);
    const tree = treeFor(selectors, 100_000);
    const long = Array.from({ length: 20 }, (_, i) => `c${i}`).join(' ') + ' x'.repeat(200);
    let chain: N = text(depth + 10, 'bottom');
    for (let i = depth; i >= 1; i--) chain = el(i + 9, 'p', { class: long }, [chain]);
    run(tree, [snapshot([chain])]);
    tree.steps = 0;
    const churn = Array.from({ length: events }, (_, k) =>
      mutation({
        attributes: [{ id: 10, attributes: { class: `round ${k}` } }],
        texts: [{ id: depth + 10, value: `value ${k}` }],
      }),
    );
    const r = run(tree, churn);
    expect(r.json).not.toContain('value 1');
    return tree.steps / events;
  }

  test('each mutation walks the ancestors once; selectors are matched when facts change', () => {
    const deep = stepsPerMutation(900, 50);
    // About one step per ancestor plus the selectors of the changed element: never ancestors ×
    // selectors × class length (900 × 20 × 400 characters).
    expect(deep).toBeLessThan(1_000);
    expect(deep).toBeGreaterThan(900);
    // Twice the mutations cost twice the steps.
    expect(stepsPerMutation(900, 100)).toBeCloseTo(deep, -1);
  });
});
