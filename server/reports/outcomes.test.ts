import { expect, test } from 'vitest';
import { OutcomeCounter } from './outcomes.js';

const t0 = Date.parse('2026-01-01T10:00:00Z');
const min = 60_000;

test('counts per site over the last 30 minutes, reasons most frequent first', () => {
  const o = new OutcomeCounter();
  o.record(1, 'counted', t0);
  o.record(1, 'counted', t0 + 5 * min);
  o.record(1, 'bot', t0 + 6 * min);
  o.record(1, 'excluded_path', t0 + 7 * min);
  o.record(1, 'unknown_site', t0 + 8 * min);
  o.record(1, 'unknown_site', t0 + 9 * min);
  o.record(2, 'counted', t0);
  expect(o.snapshot(1, t0 + 10 * min)).toEqual({
    minutes: 30,
    counted: 2,
    bots: 1,
    not_counted: [
      { reason: 'unknown_site', events: 2 },
      { reason: 'excluded_path', events: 1 },
    ],
  });
  // 30 minutes after the first event, it has left the window; the rest has not.
  expect(o.snapshot(1, t0 + 30 * min)).toMatchObject({ counted: 1, bots: 1 });
  expect(o.snapshot(1, t0 + 40 * min)).toEqual({
    minutes: 30,
    counted: 0,
    bots: 0,
    not_counted: [],
  });
  expect(o.snapshot(3, t0)).toMatchObject({ counted: 0, not_counted: [] });
});

test('a slot is reused after 30 minutes, and the least recently fed site is dropped', () => {
  const o = new OutcomeCounter(2);
  o.record(1, 'counted', t0);
  o.record(1, 'counted', t0 + 30 * min); // the same slot, a new minute
  expect(o.snapshot(1, t0 + 30 * min).counted).toBe(1);
  o.record(2, 'bot', t0 + 30 * min);
  o.record(1, 'bot', t0 + 31 * min); // 1 is now the most recent
  o.record(3, 'gpc', t0 + 31 * min); // drops 2
  expect(o.snapshot(2, t0 + 31 * min).bots).toBe(0);
  expect(o.snapshot(1, t0 + 31 * min)).toMatchObject({ counted: 1, bots: 1 });
  expect(o.snapshot(3, t0 + 31 * min).not_counted).toEqual([{ reason: 'gpc', events: 1 }]);
});
