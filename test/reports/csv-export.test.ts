// Issue 11 §6: CSV formula injection. Visitor text reaches exports (paths, campaign tags, props):
// every string cell is quoted, so `x;=HYPERLINK(…)` stays one inert cell even in a `;` locale, and a
// cell starting with = + - @ TAB CR carries a leading quote. Over real HTTP, on both backends.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultBackend } from '../support/server.js';
import { startReportsServer, type ReportsServer } from './support.js';

const domain = 'csv.test';
const range = 'period=custom&from=2025-04-01&to=2025-04-01';
let s: ReportsServer;
beforeAll(async () => {
  s = await startReportsServer(defaultBackend(), [{ domain, timezone: 'UTC' }]);
  await s.event('2025-04-01T10:00:00Z', {
    n: 'pageview',
    u: `https://${domain}/x;=HYPERLINK("evil")?utm_source=%3D1%2B1&utm_campaign=${encodeURIComponent('x;=HYPERLINK("http://evil")')}`,
    d: domain,
    r: null,
  });
  s.setClock('2025-04-01T12:00:00Z');
});
afterAll(() => s.close());

test.each([
  ['page', '"/x;=HYPERLINK(""evil"")"'],
  ['utm_source', `"'=1+1"`],
  ['utm_campaign', '"x;=HYPERLINK(""http://evil"")"'],
])('%s export: the value quoted and guarded, numbers bare', async (dimension, cell) => {
  const res = await s.get(`/api/sites/${domain}/export/breakdown/${dimension}.csv?${range}`);
  expect(res.status).toBe(200);
  const [header, row, end] = res.text.split('\r\n');
  expect(header!.split(',').every((h) => /^"[a-z_]+"$/.test(h))).toBe(true);
  expect(header!.startsWith(`"${dimension}",`)).toBe(true);
  expect(row!.startsWith(`${cell},`)).toBe(true);
  expect(
    row!
      .slice(cell.length + 1)
      .split(',')
      .every((n) => /^(\d+(\.\d+)?)?$/.test(n)),
  ).toBe(true);
  expect(end).toBe('');
});
