import { describe, expect, test } from 'vitest';
import {
  localHourBuckets,
  resolveDateRange,
  utcHoursOfLocalDays,
  type Period,
} from './date-range.js';
import { ReportInputError } from './errors.js';

const at = (iso: string) => Date.parse(iso);

describe('resolveDateRange', () => {
  test.each<[string, Period, string, string, [string, string], [string, string], [string, string]]>(
    [
      // name, period, timezone, now, range, previous, last year
      [
        'today, UTC',
        'today',
        'UTC',
        '2025-03-02T10:00:00Z',
        ['2025-03-02', '2025-03-02'],
        ['2025-03-01', '2025-03-01'],
        ['2024-03-02', '2024-03-02'],
      ],
      [
        'today is still yesterday in New York',
        'today',
        'America/New_York',
        '2025-03-01T02:00:00Z',
        ['2025-02-28', '2025-02-28'],
        ['2025-02-27', '2025-02-27'],
        ['2024-02-28', '2024-02-28'],
      ],
      [
        'today is already tomorrow in Kolkata',
        'today',
        'Asia/Kolkata',
        '2025-02-28T19:00:00Z',
        ['2025-03-01', '2025-03-01'],
        ['2025-02-28', '2025-02-28'],
        ['2024-03-01', '2024-03-01'],
      ],
      [
        'yesterday across a month boundary',
        'yesterday',
        'Europe/Paris',
        '2025-03-01T10:00:00Z',
        ['2025-02-28', '2025-02-28'],
        ['2025-02-27', '2025-02-27'],
        ['2024-02-28', '2024-02-28'],
      ],
      [
        '7d ends today',
        '7d',
        'UTC',
        '2025-03-02T10:00:00Z',
        ['2025-02-24', '2025-03-02'],
        ['2025-02-17', '2025-02-23'],
        ['2024-02-24', '2024-03-02'],
      ],
      [
        '30d across February',
        '30d',
        'Europe/Paris',
        '2025-03-15T10:00:00Z',
        ['2025-02-14', '2025-03-15'],
        ['2025-01-15', '2025-02-13'],
        ['2024-02-14', '2024-03-15'],
      ],
      [
        '30d over the Paris spring DST change',
        '30d',
        'Europe/Paris',
        '2025-04-05T22:30:00Z',
        ['2025-03-08', '2025-04-06'],
        ['2025-02-06', '2025-03-07'],
        ['2024-03-08', '2024-04-06'],
      ],
      [
        'month to date',
        'month',
        'UTC',
        '2024-03-31T12:00:00Z',
        ['2024-03-01', '2024-03-31'],
        ['2024-01-30', '2024-02-29'],
        ['2023-03-01', '2023-03-31'],
      ],
      [
        'last month (February, leap year)',
        'last_month',
        'UTC',
        '2024-03-10T12:00:00Z',
        ['2024-02-01', '2024-02-29'],
        ['2024-01-03', '2024-01-31'],
        ['2023-02-01', '2023-02-28'],
      ],
      [
        'last month in January is December',
        'last_month',
        'America/New_York',
        '2025-01-01T03:00:00Z',
        ['2024-11-01', '2024-11-30'],
        ['2024-10-02', '2024-10-31'],
        ['2023-11-01', '2023-11-30'],
      ],
      [
        '12 months',
        '12mo',
        'UTC',
        '2025-03-10T12:00:00Z',
        ['2024-04-01', '2025-03-10'],
        ['2023-04-23', '2024-03-31'],
        ['2023-04-01', '2024-03-10'],
      ],
      [
        'year to date',
        'year',
        'Asia/Kolkata',
        '2025-12-31T20:00:00Z',
        ['2026-01-01', '2026-01-01'],
        ['2025-12-31', '2025-12-31'],
        ['2025-01-01', '2025-01-01'],
      ],
    ],
  )('%s', (_name, period, timezone, now, range, previous, lastYear) => {
    const r = resolveDateRange({ period, timezone, nowMs: at(now) });
    expect([r.fromDay, r.toDay]).toEqual(range);
    expect([r.previous.fromDay, r.previous.toDay]).toEqual(previous);
    expect([r.lastYear.fromDay, r.lastYear.toDay]).toEqual(lastYear);
  });

  test('custom ranges, and last year of Feb 29', () => {
    const r = resolveDateRange({
      period: 'custom',
      from: '2024-02-28',
      to: '2024-03-01',
      timezone: 'UTC',
      nowMs: 0,
    });
    expect(r).toMatchObject({ fromDay: '2024-02-28', toDay: '2024-03-01', days: 3 });
    expect(r.previous).toEqual({ fromDay: '2024-02-25', toDay: '2024-02-27' });
    expect(r.lastYear).toEqual({ fromDay: '2023-02-28', toDay: '2023-03-01' });
  });

  test.each([
    [{ from: '2024-03-01', to: '2024-02-01' }, 'to'],
    [{ from: '2024-02-30', to: '2024-03-01' }, 'from'],
    // Found by the API fuzzer: an impossible month was an Invalid Date whose toISOString threw (500).
    [{ from: '2024-03-01', to: '2025-13-01' }, 'to'],
    [{ from: '2024-00-10', to: '2024-03-01' }, 'from'],
    [{ from: '2024-03-01' }, 'to'],
    [{ from: '1990-01-01', to: '2024-01-01' }, 'to'],
  ])('bad custom range %j names %s', (fromTo, param) => {
    try {
      resolveDateRange({ period: 'custom', timezone: 'UTC', nowMs: 0, ...fromTo });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ReportInputError);
      expect((err as ReportInputError).param).toBe(param);
    }
  });

  test('all starts at the first day with data', () => {
    const r = resolveDateRange({
      period: 'all',
      timezone: 'UTC',
      nowMs: at('2025-03-02T10:00:00Z'),
      firstDay: '2024-12-30',
    });
    expect([r.fromDay, r.toDay, r.days]).toEqual(['2024-12-30', '2025-03-02', 63]);
  });
});

describe('local hours', () => {
  test.each([
    // timezone, day, first and last UTC hour, number of local buckets, bucket with two UTC hours
    ['UTC', '2025-03-30', '2025-03-30T00', '2025-03-30T23', 24, null],
    ['Europe/Paris', '2025-03-30', '2025-03-29T23', '2025-03-30T21', 23, null],
    ['Europe/Paris', '2025-10-26', '2025-10-25T22', '2025-10-26T22', 24, '2025-10-26T02'],
    ['America/New_York', '2025-03-09', '2025-03-09T05', '2025-03-10T03', 23, null],
    ['America/New_York', '2025-11-02', '2025-11-02T04', '2025-11-03T04', 24, '2025-11-02T01'],
    ['Asia/Kolkata', '2025-01-15', '2025-01-14T19', '2025-01-15T18', 24, null],
  ])('%s %s', (timezone, day, fromHour, toHour, count, doubled) => {
    const span = utcHoursOfLocalDays(timezone, day, day);
    expect(span).toEqual({ fromHour, toHour });
    const buckets = localHourBuckets(timezone, span);
    expect(buckets).toHaveLength(count);
    expect(buckets.every((b) => b.label.startsWith(day))).toBe(true);
    expect(buckets.filter((b) => b.hours.length > 1).map((b) => b.label)).toEqual(
      doubled ? [doubled] : [],
    );
  });

  test('Paris spring forward has no 02:00 bucket', () => {
    const labels = localHourBuckets(
      'Europe/Paris',
      utcHoursOfLocalDays('Europe/Paris', '2025-03-30', '2025-03-30'),
    ).map((b) => b.label.slice(11));
    expect(labels.slice(0, 4)).toEqual(['00', '01', '03', '04']);
  });

  test('a Kolkata UTC hour is shown in the local hour in which it starts (HH:30)', () => {
    const buckets = localHourBuckets('Asia/Kolkata', {
      fromHour: '2025-01-15T04',
      toHour: '2025-01-15T05',
    });
    expect(buckets).toEqual([
      { label: '2025-01-15T09', hours: ['2025-01-15T04'] },
      { label: '2025-01-15T10', hours: ['2025-01-15T05'] },
    ]);
  });

  test('24h: the last 24 UTC hours, previous = the 24 before', () => {
    const r = resolveDateRange({
      period: '24h',
      timezone: 'Europe/Paris',
      nowMs: at('2025-10-26T05:30:00Z'),
    });
    expect(r.hours).toEqual({ fromHour: '2025-10-25T06', toHour: '2025-10-26T05' });
    expect(r.previous.hours).toEqual({ fromHour: '2025-10-24T06', toHour: '2025-10-25T05' });
    expect([r.fromDay, r.toDay]).toEqual(['2025-10-25', '2025-10-26']);
    expect(localHourBuckets('Europe/Paris', r.hours!)).toHaveLength(23);
  });
});
