import { describe, expect, it } from 'vitest';
import { customRangeError, lastDays } from './custom-range.js';

describe('custom range', () => {
  it.each([
    ['2025-03-01', '2025-03-31', null],
    ['2025-03-31', '2025-03-31', null],
    ['', '2025-03-31', 'Choose a start date'],
    ['2025-02-30', '2025-03-31', 'Choose a start date'],
    ['2025-03-01', '31/03/2025', 'Choose an end date'],
    ['2025-04-01', '2025-03-31', 'The start date is after the end date'],
    ['2015-01-01', '2025-01-08', null],
    ['2015-01-01', '2025-01-09', 'A range spans at most 3,661 days'],
  ])('%s → %s', (from, to, error) => {
    expect(customRangeError(from, to)).toBe(error);
  });

  it('gives the last n days across a month boundary', () => {
    expect(lastDays('2025-03-02', 7)).toEqual({ from: '2025-02-24', to: '2025-03-02' });
  });
});
