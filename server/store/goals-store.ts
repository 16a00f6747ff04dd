// GoalsRepo, written once for SQLite and PostgreSQL (db.ts): a site's goal definitions, the revenue
// counters (written by the engines with the counters, sqlite.ts/pg.ts) and the reads goal reports
// need that the report queries do not already answer.
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import { maxGoalsPerSite, type GoalDefinition } from '../goals/goal-input.js';
import { exec, get, inList, type Db } from './db.js';
import { eachDayOf } from './report-pieces.js';
import { table } from './tables.js';

const goalsT = table(schema.goals);

export interface GoalRecord extends GoalDefinition {
  id: number;
  siteId: number;
  createdAt: string;
}

/** Revenue sums of one (event, currency) over a range, or of one day. */
export interface RevenueSum {
  event: string;
  currency: string;
  /** Thousandths of the currency unit. */
  amount: number;
  /** Events that carried revenue in this currency. */
  conversions: number;
}

export interface GoalsRepo {
  /** The site's goals, oldest first. */
  goalsOf(siteId: number): Promise<GoalRecord[]>;
  /** Goals of many sites (the agency overview), by site then age. */
  goalsOfSites(siteIds: readonly number[]): Promise<GoalRecord[]>;
  /** Adds a goal; 'exists' when the site has one of that name, 'full' at maxGoalsPerSite. */
  addGoal(
    siteId: number,
    goal: GoalDefinition,
    at: string,
  ): Promise<GoalRecord | 'exists' | 'full'>;
  /** Removes the goal of that name; the removed goal, or undefined when there was none. */
  removeGoal(siteId: number, name: string): Promise<GoalRecord | undefined>;
  /** Revenue per (event, currency) over [fromDay, toDay]. */
  revenueTotals(siteId: number, fromDay: string, toDay: string): Promise<RevenueSum[]>;
  /** Revenue of one event and currency per day, in day order. */
  revenueDaily(
    siteId: number,
    fromDay: string,
    toDay: string,
    event: string,
    currency: string,
  ): Promise<(RevenueSum & { day: string })[]>;
  /**
   * Pageviews per (day, page) over [fromDay, toDay] of the pages that start with `prefix` and hold
   * each of `pieces` (a page pattern's literal pieces; none: every page): a page goal's series is
   * matched from them.
   */
  pageviewsByDay(
    siteId: number,
    fromDay: string,
    toDay: string,
    literals?: { prefix: string; pieces: readonly string[] },
  ): Promise<{ day: string; value: string; pageviews: number }[]>;
  /**
   * Pageviews per day over [fromDay, toDay] of exactly the pages `values` (a page goal's matching
   * values, known beforehand), in day order, days without rows absent: one key seek per day and
   * value instead of a scan.
   */
  pageviewsOfPagesByDay(
    siteId: number,
    fromDay: string,
    toDay: string,
    values: readonly string[],
  ): Promise<{ day: string; pageviews: number }[]>;
}

type GoalRow = typeof schema.goals.$inferSelect;
const toGoal = (row: GoalRow): GoalRecord => ({ ...row, kind: row.kind as GoalRecord['kind'] });

export function goalsRepo(db: Db): GoalsRepo {
  return {
    async goalsOf(siteId) {
      const rows = await db.all<GoalRow>(sql`select ${goalsT.columns} from goals
        where site_id = ${siteId} order by created_at, id`);
      return rows.map(toGoal);
    },
    async goalsOfSites(siteIds) {
      if (siteIds.length === 0) return [];
      // One parameter for the list, not one per site (the overview asks for 1,000 sites at once).
      const ids =
        db.dialect === 'sqlite'
          ? sql`site_id in (select value from json_each(${JSON.stringify([...siteIds])}))`
          : sql`site_id = any(string_to_array(${siteIds.join(',')}, ',')::int[])`;
      const rows = await db.all<GoalRow>(sql`select ${goalsT.columns} from goals
        where ${ids} order by site_id, created_at, id`);
      return rows.map(toGoal);
    },
    addGoal(siteId, goal, at) {
      return db.writeTx(function* () {
        const count = yield* get<{ n: number }>(
          sql`select count(*) as n from goals where site_id = ${siteId}`,
        );
        if (Number(count?.n ?? 0) >= maxGoalsPerSite) return 'full' as const;
        const same = yield* get<{ id: number }>(
          sql`select id from goals where site_id = ${siteId} and name = ${goal.name}`,
        );
        if (same) return 'exists' as const;
        const row = yield* get<GoalRow>(
          sql`${goalsT.insert([{ siteId, ...goal, createdAt: at }])} returning ${goalsT.columns}`,
        );
        return toGoal(row!);
      });
    },
    async removeGoal(siteId, name) {
      const row = await db.get<GoalRow>(sql`delete from goals
        where site_id = ${siteId} and name = ${name} returning ${goalsT.columns}`);
      return row && toGoal(row);
    },
    async revenueTotals(siteId, fromDay, toDay) {
      const rows = await db.all<RevenueSum>(sql`select event, currency,
          cast(sum(amount) as bigint) as amount, cast(sum(conversions) as bigint) as conversions
        from revenue_counters
        where site_id = ${siteId} and day >= ${fromDay} and day <= ${toDay}
        group by event, currency order by ${db.bytewise('event')}, ${db.bytewise('currency')}`);
      return rows.map((r) => ({
        ...r,
        amount: Number(r.amount),
        conversions: Number(r.conversions),
      }));
    },
    async revenueDaily(siteId, fromDay, toDay, event, currency) {
      const rows = await db.all<RevenueSum & { day: string }>(sql`select day, event, currency,
          amount, conversions from revenue_counters
        where site_id = ${siteId} and day >= ${fromDay} and day <= ${toDay}
          and event = ${event} and currency = ${currency}
        order by ${db.bytewise('day')}`);
      return rows.map((r) => ({
        ...r,
        amount: Number(r.amount),
        conversions: Number(r.conversions),
      }));
    },
    async pageviewsByDay(siteId, fromDay, toDay, literals = { prefix: '', pieces: [] }) {
      // Each day listed, so both databases seek (site_id, day, 'page') in the key instead of reading
      // every dimension of the range (as reports.ts does).
      const days = eachDayOf(fromDay, toDay);
      const dayIn =
        db.dialect === 'sqlite'
          ? sql`day in (select value from json_each(${JSON.stringify(days)}))`
          : sql`day = any(string_to_array(${days.join(',')}, ','))`;
      // The literals narrow the rows read (the caller's matcher decides): substr and instr/strpos
      // compare exactly on both; on SQLite (binary order) the prefix also bounds the key's range.
      const { prefix, pieces } = literals;
      const narrow: SQL[] = [];
      if (prefix !== '') {
        narrow.push(
          sql`substr(value, 1, length(cast(${prefix} as text))) = cast(${prefix} as text)`,
        );
        const above = db.dialect === 'sqlite' ? successor(prefix) : null;
        if (above !== null) narrow.push(sql`value >= ${prefix} and value < ${above}`);
      }
      for (const p of pieces) {
        narrow.push(
          db.dialect === 'sqlite' ? sql`instr(value, ${p}) > 0` : sql`strpos(value, ${p}) > 0`,
        );
      }
      const rows = await db.all<{ day: string; value: string; pageviews: number }>(sql`select day,
          value, pageviews from daily_counters
        where site_id = ${siteId} and ${dayIn} and dimension = 'page' and pageviews <> 0
          ${sql.join(
            narrow.map((n) => sql`and ${n}`),
            sql` `,
          )}`);
      return rows.map((r) => ({ ...r, pageviews: Number(r.pageviews) }));
    },
    async pageviewsOfPagesByDay(siteId, fromDay, toDay, values) {
      if (values.length === 0) return [];
      const days = eachDayOf(fromDay, toDay);
      const [dayJson, valueJson] = [JSON.stringify(days), JSON.stringify(values)];
      const keys =
        db.dialect === 'sqlite'
          ? sql`day in (select value from json_each(${dayJson}))
              and value in (select value from json_each(${valueJson}))`
          : sql`day in (select jsonb_array_elements_text(cast(cast(${dayJson} as text) as jsonb)))
              and value in (select jsonb_array_elements_text(cast(cast(${valueJson} as text) as jsonb)))`;
      // Summed per day in SQL: turning rows into JavaScript values is what costs.
      const rows = await db.all<{ day: string; pageviews: number }>(sql`select day,
          cast(sum(pageviews) as bigint) as pageviews from daily_counters
        where site_id = ${siteId} and dimension = 'page' and ${keys}
        group by day order by ${db.bytewise('day')}`);
      return rows.map((r) => ({ day: r.day, pageviews: Number(r.pageviews) }));
    },
  };
}

/**
 * The least string above every string that starts with `prefix`, in code point order (SQLite's
 * binary order): its last code point plus one (past the surrogates); null when that is U+10FFFF.
 */
export function successor(prefix: string): string | null {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  if (last === 0x10ffff) return null;
  return points.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
}

/** Deletes a site's goals and revenue counters, as a piece of a unit of work (site-deletion.ts). */
export function* deleteSiteGoals(siteId: number) {
  yield* exec(sql`delete from goals where site_id = ${siteId}`);
  yield* exec(sql`delete from revenue_counters where site_id = ${siteId}`);
}
