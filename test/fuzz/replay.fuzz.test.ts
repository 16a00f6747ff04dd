// Fixed-seed slice of the replay fuzzers (seed 42): the same properties as `npm run fuzz`, few
// cases. The crafted backtracking pattern stays small here (see patternCase): `npm run fuzz`
// tries up to 40 stars.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ReplayFuzzContext,
  clearTexts,
  playChunkCase,
  replayProperties,
  startReplayFuzz,
} from './replay-properties.js';
import {
  type ChunkCase,
  PLANTED,
  UNMASK_ATTRIBUTE,
  VISIBLE,
  pageEvents,
} from './replay-arbitraries.js';

const SEED = 42;

type Json = Record<string, unknown>;
/** The node `id` of a full snapshot, with the ids of its ancestors. */
function findNode(event: Json, id: number): { node: Json; ancestors: number[] } | null {
  const stack: { node: Json; ancestors: number[] }[] = [
    { node: (event.data as Json).node as Json, ancestors: [] },
  ];
  while (stack.length > 0) {
    const { node, ancestors } = stack.pop()!;
    if (node.id === id) return { node, ancestors };
    for (const child of (node.childNodes as Json[] | undefined) ?? []) {
      stack.push({ node: child, ancestors: [...ancestors, node.id as number] });
    }
  }
  return null;
}

/**
 * The first case `npm run fuzz` (seed 1395511321) failed on, before shrinking: the page chunk
 * with the unmasked paragraph's text serialised once more by the generator's mutation (so the
 * page itself says `"Shipping takes two days"`, quotes included), then two mutations carrying
 * planted values. The server is right to show that text: the page put it under the selector.
 */
function quotedVisibleCase(unmaskAttribute = true): { c: ChunkCase; quoted: string } {
  const quoted = JSON.stringify(VISIBLE);
  const page = pageEvents(1);
  const snapshot = JSON.stringify(page[1]).replace(`"textContent":"${VISIBLE}"`, () =>
    JSON.stringify({ textContent: quoted }).slice(1, -1),
  );
  const events: unknown[] = [page[0], JSON.parse(snapshot) as Json];
  if (!unmaskAttribute) {
    const p = findNode(events[1] as Json, 900_001)!.node;
    p.attributes = {};
  }
  events.push(
    {
      type: 3,
      timestamp: 3337208184803,
      data: {
        source: 0,
        texts: [{ id: 5, value: 'planted-data-attr' }],
        attributes: [{ id: 5, attributes: { class: 'note', value: 'planted-title-attr' } }],
        removes: [],
        adds: [],
      },
    },
    {
      type: 3,
      timestamp: 2989388735001,
      data: {
        source: 0,
        texts: [
          { id: 59, value: ' planted-paragraph-jane ' },
          { id: 5, value: 'planted-query-value' },
        ],
        attributes: [],
        removes: [{ parentId: 3, id: 37 }],
        adds: [
          {
            parentId: 3,
            nextId: null,
            node: {
              type: 2,
              id: 59,
              tagName: 'p',
              attributes: { id: 'x', title: 'planted.user@example.com' },
              childNodes: [{ type: 3, id: 53, textContent: 'planted-query-value' }],
            },
          },
        ],
      },
    },
  );
  return { c: { chunks: [{ events, enc: 'gzip' }] }, quoted };
}
/** Cases per property. */
const RUNS = { window: 60, chunk: 40, patterns: 40 };

describe('replay windows, chunks and site patterns over HTTP', () => {
  let ctx: ReplayFuzzContext;
  beforeAll(async () => {
    ctx = await startReplayFuzz({ adversarialStars: 3 });
  });
  afterAll(() => ctx?.close());

  test.each(replayProperties.map((p) => [p.name, p] as const))(
    '%s',
    async (name, p) => {
      const runs = name.startsWith('site')
        ? RUNS.patterns
        : name.includes('chunks')
          ? RUNS.chunk
          : RUNS.window;
      await fc.assert(p.property(ctx) as fc.IAsyncProperty<[unknown]>, {
        seed: SEED,
        numRuns: runs,
      });
    },
    180_000,
  );

  test("seed 1395511321: the page's own quoted text under the unmask selector plays back in clear, there only", async () => {
    const { c, quoted } = quotedVisibleCase();
    // Every check of the property runs here (planted values, clear text by place).
    const played = await playChunkCase(ctx, c);
    expect(played).not.toBeNull();
    const snapshots = (played as Json[]).filter((e) => e.type === 2 && e.timestamp === 2);
    expect(snapshots).toHaveLength(1);
    const text = findNode(snapshots[0]!, 900_002)!;
    expect(text.node.textContent).toBe(quoted);
    expect(text.ancestors).toContain(900_001);
    // The masked paragraph and the mutations come out masked.
    expect(findNode(snapshots[0]!, 5)!.node.textContent).toBe('***');
    for (const value of PLANTED) expect(JSON.stringify(played)).not.toContain(value);

    // The same page without the unmask attribute: the server masks the text, the check passes.
    const bare = quotedVisibleCase(false);
    const masked = (await playChunkCase(ctx, bare.c)) as Json[];
    const bareSnapshot = masked.find((e) => e.type === 2 && e.timestamp === 2)!;
    expect(findNode(bareSnapshot, 900_002)!.node.textContent).toBe('***');
  });

  test('the clear-text check decides by place: it still reports every text shown where it may not be', async () => {
    const { c, quoted } = quotedVisibleCase();
    const played = (await playChunkCase(ctx, c)) as Json[];
    const shown = played.find((e) => e.type === 2 && e.timestamp === 2)!;
    const raw = (c.chunks[0]!.events as Json[])[1]!;
    expect(clearTexts(shown, raw)).toEqual([]);

    // The page did not carry the unmask attribute: the same clear text is a leak.
    const rawBare = structuredClone(raw);
    findNode(rawBare, 900_001)!.node.attributes = { [UNMASK_ATTRIBUTE]: 'no' };
    expect(clearTexts(shown, rawBare)).toEqual([quoted]);

    // The allowed text shown under the masked paragraph instead.
    const moved = structuredClone(shown);
    const text = findNode(moved, 900_002)!.node;
    findNode(moved, 900_001)!.node.childNodes = [];
    (findNode(moved, 4)!.node.childNodes as Json[]).push(text);
    expect(clearTexts(moved, raw)).toEqual([quoted]);

    // Another text, or another node, in the unmasked paragraph.
    const other = structuredClone(shown);
    findNode(other, 900_002)!.node.textContent = VISIBLE;
    expect(clearTexts(other, raw)).toEqual([VISIBLE]);
    const renamed = structuredClone(shown);
    findNode(renamed, 900_002)!.node.id = 900_003;
    expect(clearTexts(renamed, raw)).toEqual([quoted]);

    // The masked paragraph shown in clear; text changes and input values in clear.
    const leaked = structuredClone(shown);
    findNode(leaked, 5)!.node.textContent = 'planted-paragraph-jane';
    expect(clearTexts(leaked, raw)).toEqual(['planted-paragraph-jane']);
    const change = {
      type: 3,
      timestamp: 5,
      data: { source: 0, texts: [{ id: 900_002, value: VISIBLE }] },
    };
    expect(clearTexts(change, change)).toEqual([VISIBLE]);
    const input = { type: 3, timestamp: 5, data: { source: 5, id: 900_002, text: quoted } };
    expect(clearTexts(input, input)).toEqual([quoted]);
  });

  test('the cases reach every outcome the properties check', () => {
    const seen = Object.fromEntries(ctx.seen);
    for (const key of [
      'window 201',
      'window 400',
      'chunk 202',
      'chunk 400',
      'play 200',
      'play shows the unmasked text',
      'patterns 200',
      'patterns 400',
      'event 202',
    ]) {
      expect(seen[key] ?? 0, `${key} in ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    }
  });
});
