import { describe, expect, it } from 'vitest';
import { minuteLabel, realtimeChart } from './realtime.js';

describe('realtime chart', () => {
  it('labels minutes in the viewer timezone', () => {
    expect(minuteLabel('2025-03-30T14:05Z', 'en-GB', 'UTC')).toBe('14:05');
    expect(minuteLabel('2025-03-30T14:05Z', 'en-GB', 'Europe/Paris')).toBe('16:05');
  });

  it('draws pageviews per minute', () => {
    const series = [
      { minute: '2025-03-30T14:04Z', visits: 0, pageviews: 0 },
      { minute: '2025-03-30T14:05Z', visits: 1, pageviews: 3 },
    ];
    expect(realtimeChart(series, 'en-GB', 'UTC')).toEqual({
      labels: ['14:04', '14:05'],
      current: [0, 3],
      previous: null,
    });
  });
});
