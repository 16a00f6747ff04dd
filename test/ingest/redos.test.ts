// Issue 11 §1 acceptance: the catastrophic-backtracking pattern set as a site's excluded path AND as
// a replay window's include rule. Before the linear glob matcher (server/classify/glob.ts) one event
// with a 300-character path froze the event loop (the whole process, this test included) for hours.
// The bound itself is proven by counting steps (server/classify/glob.test.ts); here, over real HTTP
// on both backends, the event is answered and a concurrent GET /p.js is served.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openWindow, pageview, type ReplayWorld, replayWorld } from '../replay/support.js';

const redos = `/${'a*'.repeat(40)}b`;
let w: ReplayWorld;

beforeAll(async () => {
  w = await replayWorld();
  const patched = await w.admin.client.patch(`/api/sites/${w.siteId}`, { excludedPaths: [redos] });
  expect(patched.status).toBe(200);
  await openWindow(w, { includeRules: [redos] }); // the world's draw samples every pageview
});
afterAll(() => w.close());

test('the pattern is accepted as an excluded path and as an include rule', async () => {
  const site = await w.admin.client.get(`/api/sites/${w.siteId}`);
  expect((site.body as { site: { excludedPaths: string[] } }).site.excludedPaths).toEqual([redos]);
});

test('a 300-character matching-prefix path is answered while /p.js is served', async () => {
  const path = `/${'a'.repeat(299)}`; // every `a*` can take any share of it; no `b`: no match
  const started = Date.now();
  const [event, script] = await Promise.all([
    pageview(w, path),
    fetch(`${w.server.url}/p.js`).then(async (r) => ({ status: r.status, body: await r.text() })),
  ]);
  expect(event.status).toBe(202); // counted (not excluded), not included in the window: no offer
  expect(script.status).toBe(200);
  expect(script.body.length).toBeGreaterThan(100);
  // Generous on a shared machine; the backtracking matcher needed far longer than this.
  expect(Date.now() - started).toBeLessThan(5_000);

  // A path that does match the pattern is excluded: answered alike, never counted.
  const excluded = await pageview(w, `/${'a'.repeat(298)}b`);
  expect(excluded.status).toBe(202);
  const rows = await w.server.store.dailyRows(w.siteId);
  expect(rows.filter((r) => r.dimension === 'page').map((r) => [r.value, r.pageviews])).toEqual([
    [path, 1],
  ]);
});

test('bad patterns and a cap above the install ceiling get a 400 naming the reason', async () => {
  const url = `/api/sites/${w.siteId}`;
  const cases: [Record<string, unknown>, string][] = [
    [{ excludedPaths: ['/a/***'] }, 'excludedPaths[0]: use * (within a segment) or ** (across segments), not ***'],
    [{ excludedPaths: ['/ok', 'admin'] }, 'excludedPaths[1]: must start with /'],
    [{ excludedPaths: [`/${'a'.repeat(200)}`] }, 'excludedPaths[0]: longer than 200 characters'],
    [{ cardinalityCap: 50_001 }, 'cardinalityCap: at most 50000 on this install (POMELO_MAX_CARDINALITY_CAP)'],
  ]; // prettier-ignore
  for (const [body, message] of cases) {
    const r = await w.admin.client.patch(url, body);
    expect([r.status, r.body]).toEqual([400, { error: { code: 'bad_request', message } }]);
  }
  const site = await w.admin.client.get(url);
  expect((site.body as { site: { excludedPaths: string[] } }).site.excludedPaths).toEqual([redos]);
  expect((await w.admin.client.patch(url, { cardinalityCap: 50_000 })).status).toBe(200);
});
