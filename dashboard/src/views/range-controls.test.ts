import { describe, expect, it } from 'vitest';
import { rangeFromState } from './range-controls.js';

describe('rangeFromState', () => {
  it.each([
    [{ period: '7d' }, { period: '7d' }],
    [{ period: 'last_month', from: '2025-01-01', to: '2025-01-02' }, { period: 'last_month' }],
    [
      { period: 'custom', from: '2025-03-01', to: '2025-03-31' },
      { period: 'custom', from: '2025-03-01', to: '2025-03-31' },
    ],
    [{ period: 'custom', from: '2025-03-31', to: '2025-03-01' }, null],
    [{ period: 'custom', from: null, to: '2025-03-01' }, null],
    [{ period: '91d' }, null],
    [{ period: null }, null],
  ])('%j → %j', (state, range) => {
    expect(rangeFromState(state)).toEqual(range);
  });
});
