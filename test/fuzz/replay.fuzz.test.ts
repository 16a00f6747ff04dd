// Fixed-seed slice of the replay fuzzers (seed 42): the same properties as `npm run fuzz`, few
// cases. The crafted backtracking pattern stays small here (see patternCase): `npm run fuzz`
// tries up to 40 stars.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ReplayFuzzContext, replayProperties, startReplayFuzz } from './replay-properties.js';

const SEED = 42;
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
