// Fixed-seed slice of the fuzzers (seed 42): the same properties as `npm run fuzz`, few cases.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import {
  type HttpFuzzContext,
  httpProperties,
  pureProperties,
  startHttpFuzz,
} from './properties.js';

const SEED = 42;
/** Cases per property: 600 over HTTP, 900 pure (5 × 180): 1,500 in all. */
const httpRuns: Record<string, number> = {
  [httpProperties[0]!.name]: 400,
  [httpProperties[1]!.name]: 200,
};
const PURE_RUNS = 180;

describe('pure modules', () => {
  test.each(pureProperties.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    fc.assert(p.property(null), { seed: SEED, numRuns: PURE_RUNS });
  });
});

describe('over HTTP', () => {
  let ctx: HttpFuzzContext;
  beforeAll(async () => {
    ctx = await startHttpFuzz();
  });
  afterAll(() => ctx?.close());

  test.each(httpProperties.map((p) => [p.name, p] as const))('%s', async (_name, p) => {
    await fc.assert(p.property(ctx), { seed: SEED, numRuns: httpRuns[p.name] });
    ctx.verifyTotals();
  });
});
