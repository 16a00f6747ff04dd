// The `k` of small-count protection on shared links and API keys (server/reports/small-counts.ts).
import * as v from 'valibot';

export const minSmallCountK = 2;
export const maxSmallCountK = 1000;

/** A whole number from 2 to 1000; null or absent: no protection. */
export const smallCountKSchema = v.pipe(
  v.number('k must be a whole number from 2 to 1000'),
  v.integer('k must be a whole number from 2 to 1000'),
  v.minValue(minSmallCountK, 'k must be at least 2 (1 would hide nothing)'),
  v.maxValue(maxSmallCountK, 'k must be at most 1000'),
);
