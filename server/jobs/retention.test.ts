import { describe, expect, test } from 'vitest';
import { retentionCutoff } from './retention.js';

describe('retention cutoff', () => {
  test.each([
    ['2026-06-15T10:00:00Z', 25, '2024-05-15'],
    ['2026-03-31T00:00:00Z', 1, '2026-02-28'],
    ['2026-01-10T23:59:00Z', 13, '2024-12-10'],
  ])('%s minus %i months keeps from %s', (now, months, day) => {
    expect(retentionCutoff(Date.parse(now), months)).toEqual({ day, hour: `${day}T00` });
  });
});
