// The retention purge job deletes counters older than each site's retention (controllable clock).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import type { DailyRow, HourlyRow } from '../../server/counters/types.js';

const zero = {
  pageviews: 1,
  visits: 1,
  bounces: 0,
  exits: 0,
  engagedMs: 0,
  engagements: 0,
  scrollSum: 0,
  events: 0,
};

describe('retention purge', () => {
  let server: TestServer;
  let clock = Date.parse('2026-11-15T03:00:00Z');
  beforeAll(async () => {
    server = await startTestServer({
      now: () => clock,
      sites: [{ domain: 'default.test' }, { domain: 'short.test' }],
    });
  });
  afterAll(() => server.close());

  test('default 25 months, or the site’s own setting; daily and hourly', async () => {
    const { store } = server.pomelo;
    const def = (await store.siteByDomain('default.test'))!;
    const short = (await store.siteByDomain('short.test'))!;
    await store.accounts.updateSite(short.id, { settings: { retentionMonths: 2 } });
    const days = ['2024-10-14', '2024-10-15', '2026-09-14', '2026-09-15', '2026-11-15'];
    const daily: DailyRow[] = [];
    const hourly: HourlyRow[] = [];
    for (const site of [def, short]) {
      for (const day of days) {
        daily.push({ siteId: site.id, day, dimension: 'total', value: '', ...zero });
        hourly.push({ siteId: site.id, hour: `${day}T05`, ...zero });
      }
    }
    await server.pomelo.jobs.runDue(); // the pass run at start, if still running
    await store.applyCounterDeltas({ daily, hourly });
    clock += 60 * 60_000; // the job is hourly
    await server.pomelo.jobs.runDue();
    const kept = async (id: number) => (await store.dailyRows(id)).map((r) => r.day);
    expect(await kept(def.id)).toEqual(['2024-10-15', '2026-09-14', '2026-09-15', '2026-11-15']);
    expect(await kept(short.id)).toEqual(['2026-09-15', '2026-11-15']);
    const hours = (await store.hourlyRows(short.id)).map((r) => r.hour);
    expect(hours).toEqual(['2026-09-15T05', '2026-11-15T05']);

    clock += 31 * 86_400_000; // a month later the next pass drops one more month
    await server.pomelo.jobs.runDue();
    expect(await kept(short.id)).toEqual(['2026-11-15']);
  });
});
