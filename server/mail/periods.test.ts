import { describe, expect, test } from 'vitest';
import {
  dueAt,
  latestDue,
  localHourInstant,
  namedPeriod,
  periodOf,
  periodsDue,
} from './periods.js';

describe('report periods in the site timezone', () => {
  test.each([
    // Paris is UTC+1 in winter: Monday 08:00 local is 07:00 UTC.
    ['2026-11-30T06:59:59Z', 'weekly', '2026-11-16'],
    ['2026-11-30T07:00:00Z', 'weekly', '2026-11-23'],
    ['2026-12-06T23:00:00Z', 'weekly', '2026-11-23'], // Monday 00:00 local, before 08:00
    ['2026-12-01T06:59:59Z', 'monthly', '2026-10'],
    ['2026-12-01T07:00:00Z', 'monthly', '2026-11'],
    ['2027-01-01T07:00:00Z', 'monthly', '2026-12'],
  ] as const)('at %s the latest due %s period is %s', (at, kind, key) => {
    expect(latestDue(kind, 'Europe/Paris', 8, Date.parse(at)).key).toBe(key);
  });

  test('due times across a DST change and in a :30 zone', () => {
    // Paris switches to summer time on 29 March 2026: Monday 30 March 08:00 is 06:00 UTC.
    expect(new Date(localHourInstant('Europe/Paris', '2026-03-30', 8)).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    expect(new Date(localHourInstant('Asia/Kolkata', '2026-11-30', 9)).toISOString()).toBe(
      '2026-11-30T03:30:00.000Z',
    );
    const feb = periodOf('monthly', '2028-02')!;
    expect([feb.fromDay, feb.toDay, feb.previous.fromDay, feb.previous.toDay]).toEqual([
      '2028-02-01',
      '2028-02-29',
      '2028-01-01',
      '2028-01-31',
    ]);
    expect(new Date(dueAt(feb, 'UTC', 0)).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  test.each([
    ['last-week', '2026-11-23'],
    ['last-month', '2026-11'],
    ['2025-02', '2025-02'],
    ['2025-13', undefined],
    ['next-week', undefined],
    ['2025-2', undefined],
  ])('named period %s → %s', (name, key) => {
    expect(namedPeriod(name, 'UTC', Date.parse('2026-12-02T10:00:00Z'))?.key).toBe(key);
  });

  test('a malformed send-log period builds nothing', () => {
    expect(periodOf('weekly', '2026-11-24')).toBeUndefined(); // not a Monday
    expect(periodOf('weekly', 'x')).toBeUndefined();
    expect(periodOf('monthly', '2026-00')).toBeUndefined();
    expect(periodOf('daily', '2026-11-23')).toBeUndefined();
  });
});

describe('periods due after downtime', () => {
  const at = Date.parse('2026-12-01T07:00:00Z'); // Tuesday 1 December, 08:00 in Paris
  const keys = (kind: 'weekly' | 'monthly', after: string | undefined) =>
    periodsDue(kind, 'Europe/Paris', 8, at, after).map((p) => p.key);

  test('every week since the last one sent, oldest first, each once', () => {
    expect(keys('weekly', '2026-11-02')).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(keys('weekly', '2026-11-16')).toEqual(['2026-11-23']);
    expect(keys('weekly', '2026-11-23')).toEqual([]);
  });

  test('no backlog when nothing was ever sent, and at most a bounded catch-up', () => {
    expect(keys('weekly', undefined)).toEqual(['2026-11-23']);
    expect(keys('monthly', undefined)).toEqual(['2026-11']);
    expect(keys('weekly', '2025-01-06')).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(keys('monthly', '2026-06')).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(keys('monthly', '2026-09')).toEqual(['2026-10', '2026-11']);
  });
});
