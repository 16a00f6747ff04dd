import { describe, expect, it } from 'vitest';
import { changeKind, changePercent, changeTone } from './change.js';

describe('change', () => {
  it('matches the server: whole percent, null from zero', () => {
    expect(changePercent(6, 1)).toBe(500);
    expect(changePercent(1.33, 1)).toBe(33);
    expect(changePercent(0, 0)).toBe(0);
    expect(changePercent(3, 0)).toBeNull();
    expect(changePercent(null, 2)).toBeNull();
  });

  it('rates change in points', () => {
    expect(changeKind('bounce_rate')).toBe('points');
    expect(changeKind('visits')).toBe('percent');
  });

  it('knows which direction is good', () => {
    expect(changeTone('visits', 10)).toBe('good');
    expect(changeTone('visits', -10)).toBe('bad');
    expect(changeTone('bounce_rate', 10)).toBe('bad');
    expect(changeTone('bounce_rate', -10)).toBe('good');
    expect(changeTone('visits', 0)).toBeNull();
    expect(changeTone('visits', null)).toBeNull();
  });
});
