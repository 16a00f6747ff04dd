import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatRate,
  formatRevenue,
  funnelSteps,
  hiddenRowK,
  parseSmallCountK,
} from './goals.js';

describe('goal figures', () => {
  it('formats rates with their two decimals and revenue in its currency', () => {
    expect(formatRate(33.33, 'en-US')).toBe('33.33%');
    expect(formatRate(50, 'en-US')).toBe('50%');
    expect(formatRate(150, 'en-US')).toBe('150%');
    expect(formatRate(null, 'en-US')).toBe('—');
    expect(formatRate(12.5, 'fr-FR')).toMatch(/^12,5\s%$/);
    expect(formatRevenue({ currency: 'EUR', total: 49.9 }, 'en-US')).toBe('€49.90');
    expect(formatRevenue({ currency: 'USD', total: 1234.5 }, 'de-DE')).toMatch(/^1\.234,50\s\$$/);
    expect(formatRevenue(null, 'en-US')).toBe('—');
  });

  it('formats a calendar day as that day', () => {
    expect(formatDay('2025-03-02', 'en-US')).toBe('Mar 2, 2025');
    expect(formatDay('2025-03-02', 'fr-FR')).toBe('2 mars 2025');
  });

  it('recognises the hidden row of small-count protection', () => {
    expect(hiddenRowK('hidden (fewer than 5)')).toBe(5);
    expect(hiddenRowK('/hidden (fewer than 5)')).toBeNull();
    expect(hiddenRowK('/pricing')).toBeNull();
  });
});

describe('funnel steps and k', () => {
  it('takes 2 to 5 paths', () => {
    expect(funnelSteps([' /', '', '/pricing '])).toEqual({ ok: true, steps: ['/', '/pricing'] });
    expect(funnelSteps(['/'])).toEqual({ ok: false, reason: 'tooFew' });
    expect(funnelSteps(['/a', '/b', '/c', '/d', '/e', '/f'])).toEqual({
      ok: false,
      reason: 'tooMany',
    });
    expect(funnelSteps(['/a', 'b'])).toEqual({ ok: false, reason: 'notPath' });
    expect(funnelSteps(['/a', '/b,/c'])).toEqual({ ok: false, reason: 'notPath' });
  });
  it('reads k: empty is off, 2-1000 else refused', () => {
    expect(parseSmallCountK('')).toEqual({ ok: true, k: null });
    expect(parseSmallCountK(' 5 ')).toEqual({ ok: true, k: 5 });
    expect(parseSmallCountK('1000')).toEqual({ ok: true, k: 1000 });
    for (const bad of ['1', '0', '1001', '2.5', '-3', 'five', '1e3']) {
      expect(parseSmallCountK(bad)).toEqual({ ok: false });
    }
  });
});
