// The goals report (server/reports/goals.ts) against a straightforward computation on random data:
// every counter row written is also tallied here, and each goal's conversions are summed from that
// tally with the plain path matcher. Reports run between writes, so on SQLite the cached pieces
// (and the page patterns' remembered verdicts, server/store/piece-sums.ts) are reused after rows
// were added to them, new values included — on SQLite and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { excludedPathGlob } from '../../server/classify/glob.js';
import { eventPropValue } from '../../server/counters/deltas.js';
import {
  OTHER,
  zeroMetrics,
  type DailyRow,
  type Dimension,
  type RevenueRow,
} from '../../server/counters/types.js';
import { parseGoal } from '../../server/goals/goal-input.js';
import { conversionRate, goalDays, goalsReport, revenueOf } from '../../server/reports/goals.js';
import { successor, type GoalRecord } from '../../server/store/goals-store.js';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';
import { freshDataDir } from '../support/server.js';

/** A small deterministic PRNG: the same data on every run. */
function prng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const day = (i: number) =>
  new Date(Date.UTC(2025, 0, 20) + i * 86_400_000).toISOString().slice(0, 10);
/** Days 0..69: January to March, so long ranges hold whole months and partial ones. */
const dayCount = 70;

const segments = ['a', 'b', 'ab', 'x', 'x1', '1', 'thanks', 'é', 'éa', '😀', '\ud7ff'];
const events = ['Signup', 'Buy', 'Ping'];
const plans = ['free', 'pro', 'team'];

const goalBodies: unknown[] = [
  { name: 'a/*', page: '/a/*' },
  { name: 'a*', page: '/a*' },
  { name: '**/b', page: '/**/b' },
  { name: 'x/**', page: '/x/**' },
  { name: '*/1*', page: '/*/1*' },
  { name: 'thanks', page: '/thanks' },
  { name: 'ab/**/x1', page: '/ab/**/x1' },
  { name: 'root', page: '/' },
  { name: 'é*', page: '/é*' },
  { name: '😀/**', page: '/😀/**' },
  { name: 'd7ff', page: '/\ud7ff/*' },
  { name: 'same pattern twice', page: '/a/*' },
  { name: 'Signup', event: 'Signup' },
  { name: 'Signup pro', event: 'Signup', prop: { key: 'plan', value: 'pro' } },
  { name: 'Ping team', event: 'Ping', prop: { key: 'plan', value: 'team' } },
  { name: 'Never', event: 'Download' },
  { name: 'Buy EUR', event: 'Buy', currency: 'EUR' },
  { name: 'Buy USD', event: 'Buy', currency: 'USD' },
];

function randomPath(r: () => number): string {
  const n = 1 + Math.floor(r() * 4);
  const parts = Array.from({ length: n }, () => segments[Math.floor(r() * segments.length)]!);
  return r() < 0.05 ? '/' : `/${parts.join('/')}${r() < 0.1 ? '/' : ''}`;
}

function randomValue(r: () => number, dimension: Dimension): string {
  if (r() < 0.05) return OTHER;
  if (dimension === 'page') return randomPath(r);
  const event = events[Math.floor(r() * events.length)]!;
  if (dimension === 'event') return event;
  return eventPropValue(event, 'plan', plans[Math.floor(r() * plans.length)]!);
}

/** Rows of one write: unique keys, in key order (as CounterBatch hands them to the store). */
function randomWrite(r: () => number, siteId: number, n: number, days: number[]) {
  const daily = new Map<string, DailyRow>();
  const dims: Dimension[] = ['total', 'page', 'page', 'event', 'event_prop'];
  for (let i = 0; i < n; i++) {
    const dimension = dims[Math.floor(r() * dims.length)]!;
    const value = dimension === 'total' ? '' : randomValue(r, dimension);
    const row: DailyRow = {
      ...zeroMetrics(),
      siteId,
      day: day(days[Math.floor(r() * days.length)]!),
      dimension,
      value,
      pageviews: Math.floor(r() * 50),
      visits: Math.floor(r() * 20),
      events: Math.floor(r() * 7),
    };
    const key = `${row.day}\u0000${dimension}\u0000${value}`;
    const into = daily.get(key);
    if (into) {
      into.pageviews += row.pageviews;
      into.visits += row.visits;
      into.events += row.events;
    } else daily.set(key, row);
  }
  const revenue = new Map<string, RevenueRow>();
  for (let i = 0; i < n / 10; i++) {
    const row: RevenueRow = {
      siteId,
      day: day(days[Math.floor(r() * days.length)]!),
      event: r() < 0.8 ? 'Buy' : 'Ping',
      currency: r() < 0.5 ? 'EUR' : 'USD',
      amount: Math.floor(r() * 100_000),
      conversions: 1 + Math.floor(r() * 3),
    };
    const key = `${row.day}\u0000${row.event}\u0000${row.currency}`;
    const into = revenue.get(key);
    if (into) {
      into.amount += row.amount;
      into.conversions += row.conversions;
    } else revenue.set(key, row);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    daily: [...daily.entries()].sort(([a], [b]) => byKey(a, b)).map(([, row]) => row),
    revenue: [...revenue.entries()].sort(([a], [b]) => byKey(a, b)).map(([, row]) => row),
  };
}

/** The goals report computed straight from every row written (no store, no cache, no pruning). */
function expected(
  daily: readonly DailyRow[],
  revenue: readonly RevenueRow[],
  goals: readonly GoalRecord[],
  fromDay: string,
  toDay: string,
) {
  const inRange = (d: string) => d >= fromDay && d <= toDay;
  const rows = daily.filter((r) => inRange(r.day));
  const sum = (dimension: Dimension, keep: (value: string) => boolean, metric: keyof DailyRow) =>
    rows
      .filter((r) => r.dimension === dimension && keep(r.value))
      .reduce((a, r) => a + (r[metric] as number), 0);
  const visits = sum('total', () => true, 'visits');
  return {
    visits,
    goals: goals.map((g) => {
      const conversions =
        g.kind === 'page'
          ? sum(
              'page',
              (v) => v !== OTHER && excludedPathGlob(g.pagePattern!).matches(v),
              'pageviews',
            )
          : g.propKey !== null
            ? sum(
                'event_prop',
                (v) => v === eventPropValue(g.eventName!, 'plan', g.propValue!),
                'events',
              )
            : sum('event', (v) => v === g.eventName, 'events');
      const money = revenue.filter(
        (r) => inRange(r.day) && r.event === g.eventName && r.currency === g.currency,
      );
      return {
        name: g.name,
        kind: g.kind,
        conversions,
        conversion_rate: conversionRate(conversions, visits),
        revenue:
          g.kind === 'revenue'
            ? revenueOf(
                g.currency!,
                money.reduce((a, r) => a + r.amount, 0),
                money.reduce((a, r) => a + r.conversions, 0),
              )
            : null,
      };
    }),
    folded: {
      pageviews: sum('page', (v) => v === OTHER, 'pageviews'),
      events: sum('event', (v) => v === OTHER, 'events'),
      props: sum('event_prop', (v) => v === OTHER, 'events'),
    },
  };
}

describe.each(testBackends())(
  'the goals report equals a straightforward count on %s',
  (backend) => {
    let store: Store;
    let dir: string;
    let pg: PgDatabase | undefined;
    let siteId: number;
    let goals: GoalRecord[];

    beforeAll(async () => {
      dir = freshDataDir('pomelo-goals-exact-');
      if (backend === 'postgres') {
        pg = await createPgDatabase();
        store = openPgStore(pg.url, { poolSize: 2 });
      } else store = openSqliteStore(path.join(dir, 'pomelo.db'));
      await store.migrate();
      const created = new Date(`${day(0)}T00:00:00Z`);
      siteId = (await store.addSite({ domain: 'exact.test', timezone: 'UTC' }, created)).id;
      for (const body of goalBodies) {
        const parsed = parseGoal(body);
        if (!parsed.ok) throw new Error(`bad test goal ${JSON.stringify(body)}: ${parsed.message}`);
        const added = await store.goals.addGoal(siteId, parsed.goal, created.toISOString());
        if (typeof added === 'string') throw new Error(`goal ${parsed.goal.name}: ${added}`);
      }
      goals = await store.goals.goalsOf(siteId);
    });

    afterAll(async () => {
      await store?.close();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('after every write, over random ranges (long, short, one day, ending today)', async () => {
      const r = prng(13);
      const daily: DailyRow[] = [];
      const revenue: RevenueRow[] = [];
      const allDays = Array.from({ length: dayCount }, (_, i) => i);
      let checked = 0;
      for (let round = 0; round < 12; round++) {
        // The first rounds fill every day; later ones mostly "today" (the last day), as live traffic.
        const today = dayCount - 1;
        const write = randomWrite(
          r,
          siteId,
          round < 3 ? 400 : 60,
          round < 3 ? allDays : [today, today, Math.floor(r() * dayCount)],
        );
        await store.applyCounterDeltas({ daily: write.daily, hourly: [], revenue: write.revenue });
        daily.push(...write.daily);
        revenue.push(...write.revenue);
        const ranges: [number, number][] = [
          [0, today],
          [today - 29, today],
          [today, today],
        ];
        for (let i = 0; i < 3; i++) {
          const a = Math.floor(r() * dayCount);
          ranges.push([a, Math.min(today, a + Math.floor(r() * 50))]);
        }
        for (const [a, b] of ranges) {
          const range = { fromDay: day(a), toDay: day(b) };
          const got = await goalsReport(store, siteId, range, goals);
          expect(got, `round ${round}, ${range.fromDay} … ${range.toDay}`).toEqual(
            expected(daily, revenue, goals, range.fromDay, range.toDay),
          );
          checked++;
          // A page goal's days (the chart narrowed to it): on SQLite the matching values come from
          // the cached pieces and their rows are read by key, on PostgreSQL the rows holding the
          // pattern's literals are read and matched.
          for (const g of goals.filter((g) => g.kind === 'page')) {
            const days = new Map<string, number>();
            const values = new Set<string>();
            for (const row of daily) {
              if (row.dimension !== 'page' || row.value === OTHER || row.pageviews === 0) continue;
              if (row.day < range.fromDay || row.day > range.toDay) continue;
              if (!excludedPathGlob(g.pagePattern!).matches(row.value)) continue;
              days.set(row.day, (days.get(row.day) ?? 0) + row.pageviews);
              values.add(row.value);
            }
            const want = [...days].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
            const got = (await goalDays(store, siteId, range, g)).filter(
              (d) => d.conversions !== 0,
            );
            const what = `${g.pagePattern}, ${range.fromDay} … ${range.toDay}`;
            expect(
              got.map((d) => [d.day, d.conversions]),
              what,
            ).toEqual(want);
            // The read by key, on both databases (values with zero pageviews add nothing).
            const byKey = await store.goals.pageviewsOfPagesByDay(
              siteId,
              range.fromDay,
              range.toDay,
              [...values],
            );
            expect(
              byKey.filter((d) => d.pageviews !== 0).map((d) => [d.day, d.pageviews]),
              `by key: ${what}`,
            ).toEqual(want);
          }
        }
      }
      expect(checked).toBe(72);
      // SQLite's cached reports give goalDays the matching values (the path checked above).
      expect(store.reports.valuesWhere !== undefined).toBe(backend === 'sqlite');
      // The data reached every kind of goal: no comparison passed on zeros alone.
      const whole = expected(daily, revenue, goals, day(0), day(dayCount - 1));
      for (const g of whole.goals.filter((g) => g.name !== 'Never'))
        expect(g.conversions, g.name).toBeGreaterThan(0);
      expect(whole.folded.pageviews).toBeGreaterThan(0);
      expect(whole.folded.props).toBeGreaterThan(0);
    });
  },
);

test('successor: the least string above every string with that prefix, in code point order', () => {
  expect(successor('/a')).toBe('/b');
  expect(successor('/é')).toBe('/ê');
  expect(successor('/😀')).toBe('/😁');
  expect(successor('/\ud7ff')).toBe('/\ue000');
  expect(successor('/\u{10ffff}')).toBeNull();
});
