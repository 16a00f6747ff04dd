import { describe, expect, test } from 'vitest';
import { findSpike, findStopped, type HourTraffic } from './alerts.js';
import { replayAlerts } from './replay-alerts.js';
import { REVIEW_GATE } from '../replay/safeguards.js';
import type { StoredWindow } from '../store/replay.js';

const hour = (day: number, h: number) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}`;
const now = Date.parse('2026-11-30T15:10:00Z');

/** Traffic on days 23–29 at the given UTC hours, one pageview each. */
function week(hours: number[], days = [23, 24, 25, 26, 27, 28, 29]): HourTraffic[] {
  return days.flatMap((d) => hours.map((h) => ({ hour: hour(d, h), pageviews: 1, events: 0 })));
}

describe('tracking stopped', () => {
  test('fires after the quiet hours on a site with a history', () => {
    const rows = [
      ...week([9, 10, 11, 12, 13, 14, 15]),
      { hour: hour(30, 10), pageviews: 3, events: 0 },
    ];
    expect(findStopped(rows, now, 4)).toEqual({ lastHour: '2026-11-30T10', quietFor: 4 });
    expect(findStopped(rows, now, 5)).toBeUndefined(); // 10:00 is within 5 hours
  });
  test('does not fire for a new site, a naturally quiet one, or hours that are quiet anyway', () => {
    expect(findStopped(week([9, 12, 14], [28, 29]), now, 4)).toBeUndefined();
    expect(findStopped(week([13], [24, 27]), now, 4)).toBeUndefined();
    // Busy only in the morning: 11:00–15:00 is quiet on ordinary days too.
    expect(findStopped(week([7, 8, 9]), now, 4)).toBeUndefined();
    expect(findStopped([], now, 4)).toBeUndefined();
    expect(findStopped(week([9, 10, 11, 12, 13, 14]), now, 0)).toBeUndefined(); // off
  });
  test('events count as traffic too', () => {
    const rows = [...week([11, 12, 13, 14]), { hour: hour(30, 13), pageviews: 0, events: 2 }];
    expect(findStopped(rows, now, 4)).toBeUndefined();
  });
});

describe('traffic spike', () => {
  const usual = week([14]);
  test('fires at the percentage of the usual hour, with at least 10 pageviews', () => {
    const rows = [...usual, { hour: hour(30, 14), pageviews: 12, events: 0 }];
    expect(findSpike(rows, now, 300)).toEqual({
      hour: '2026-11-30T14',
      pageviews: 12,
      usual: 1,
      percent: 1200,
    });
    expect(findSpike(rows, now, 1500)).toBeUndefined();
    expect(findSpike(rows, now, 0)).toBeUndefined();
    expect(
      findSpike([...usual, { hour: hour(30, 14), pageviews: 9, events: 0 }], now, 150),
    ).toBeUndefined();
  });
});

describe('replay window notices', () => {
  const w = {
    id: 'w1',
    state: 'open',
    endsAt: now + 3 * 86_400_000,
    lastChange: { state: 'open', at: 1, by: '1', reason: 'opened', detail: null },
  } as unknown as StoredWindow;
  test('review queue at the gate, last day, scanner pause', () => {
    expect(replayAlerts(w, REVIEW_GATE - 1, now)).toEqual([]);
    expect(replayAlerts(w, REVIEW_GATE, now)).toEqual([{ kind: 'replay_review', period: 'w1' }]);
    expect(replayAlerts({ ...w, endsAt: now + 3_600_000 }, 0, now)).toEqual([
      { kind: 'replay_ending', period: `w1@${now + 3_600_000}` },
    ]);
    const paused = {
      ...w,
      state: 'paused',
      lastChange: { ...w.lastChange, reason: 'canary', at: 5 },
    };
    expect(replayAlerts(paused as StoredWindow, 0, now)).toEqual([
      { kind: 'replay_paused', period: 'w1@5' },
    ]);
    expect(replayAlerts({ ...w, state: 'closed' } as StoredWindow, 99, now)).toEqual([]);
  });
});
