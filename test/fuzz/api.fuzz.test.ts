// Fixed-seed slice of the API fuzzers (seed 42): the same properties as `npm run fuzz`, few cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiFuzzContext, apiProperties, startApiFuzz } from './api-properties.js';

const SEED = 42;
/** Cases per property: 300 each, 900 in all. */
const RUNS = 300;

describe('API routes over HTTP', () => {
  let ctx: ApiFuzzContext;
  beforeAll(async () => {
    ctx = await startApiFuzz();
  });
  afterAll(() => ctx?.close());

  test.each(apiProperties.map((p) => [p.name, p] as const))('%s', async (_name, p) => {
    await fc.assert(p.property(ctx) as fc.IAsyncProperty<[unknown]>, {
      seed: SEED,
      numRuns: RUNS,
    });
  });

  // Found by `npm run fuzz` (seed 213252133): a month 13 in date_range threw a RangeError (500).
  test.each([
    ['2025-03-31', '2025-13-01'],
    ['2025-00-01', '2025-03-31'],
    ['2025-03-31', '2025-04-99'],
  ])('date_range [%s, %s] is a 400 naming date_range', async (from, to) => {
    const res = await fetch(`${ctx.server.url}/api/v2/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site_id: 'shop.test', metrics: ['visits'], date_range: [from, to] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'date_range',
    );
  });

  test('the cases reach every outcome the properties check', () => {
    const seen = Object.fromEntries(ctx.seen);
    // Valid queries answered (and compared with the counters), refused queries, refused replays.
    for (const key of [
      'stats 200',
      'stats totals 200',
      'stats 400',
      'stats 401',
      'stats 413',
      'replay start 400',
      'replay start 410',
      'replay chunk 400',
      'replay chunk 410',
      'replay chunk 413',
      'replay delete 204',
      'goal 201',
      'goal 400',
    ]) {
      expect(seen[key] ?? 0, `${key} in ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    }
  });
});
