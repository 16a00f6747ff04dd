import { describe, expect, it } from 'vitest';
import { bucketIndexOf, incompleteBucket, localHour, markersFor } from './chart-buckets.js';

const days = ['2025-03-29', '2025-03-30', '2025-03-31'];
const weeks = ['2025-03-17', '2025-03-24', '2025-03-31'];
const hours = ['2025-03-31T00:00', '2025-03-31T01:00', '2025-03-31T02:00'];

describe('chart buckets', () => {
  it('reads the local hour in the site timezone', () => {
    const t = Date.parse('2025-03-31T23:30:00Z');
    expect(localHour(t, 'UTC')).toBe('2025-03-31T23');
    expect(localHour(t, 'Europe/Paris')).toBe('2025-04-01T01');
    expect(localHour(t, 'America/New_York')).toBe('2025-03-31T19');
  });

  it.each([
    [days, 'day', '2025-03-30', 1],
    [days, 'day', '2025-03-31T10', 2],
    [days, 'day', '2025-04-01', null],
    [weeks, 'week', '2025-03-26', 1],
    [weeks, 'week', '2025-03-31', 2],
    [weeks, 'week', '2025-03-16', null],
    [hours, 'hour', '2025-03-31T01', 1],
    [hours, 'hour', '2025-03-31', 0],
    [['2025-02-01', '2025-03-01'], 'month', '2025-03-15', 1],
  ] as const)('%j by %s holds %s at %j', (dates, interval, moment, index) => {
    expect(bucketIndexOf([...dates], interval, moment)).toBe(index);
  });

  it('finds the bucket still filling up, or none after the range', () => {
    const now = Date.parse('2025-03-31T01:20:00Z');
    expect(incompleteBucket(hours, 'hour', now, 'UTC')).toBe(1);
    expect(incompleteBucket(days, 'day', now, 'UTC')).toBe(2);
    expect(incompleteBucket(days, 'day', now, 'Pacific/Honolulu')).toBe(1);
    expect(incompleteBucket(days, 'day', Date.parse('2025-04-02T00:00:00Z'), 'UTC')).toBeNull();
  });

  it('places annotations on the buckets of their day', () => {
    const notes = [
      { day: '2025-03-30', text: 'launch' },
      { day: '2025-01-01', text: 'outside' },
      { day: '2025-03-31', text: 'sale' },
    ];
    expect(markersFor(notes, weeks, 'week')).toEqual([
      { index: 1, text: 'launch' },
      { index: 2, text: 'sale' },
    ]);
    expect(markersFor(notes, hours, 'hour')).toEqual([{ index: 0, text: 'sale' }]);
  });
});
