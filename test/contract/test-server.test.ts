// startTestServer on every backend of the run: the pattern for integration suites that must hold on
// SQLite and PostgreSQL alike (describe.each(testBackends())).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { postEvent, startTestServer, type TestServer } from '../support/server.js';

describe.each(testBackends())('test server on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend, sites: [{ domain: 'both.test' }] });
  });
  afterAll(() => server?.close());

  test('counts a pageview and reads it back through the store', async () => {
    const res = await postEvent(server.url, {
      n: 'pageview',
      u: 'https://both.test/hello',
      d: 'both.test',
      r: null,
      t: 0,
    });
    expect(res.status).toBe(202);
    const rows = await server.dailyRows('both.test');
    expect(rows.find((r) => r.dimension === 'total')).toMatchObject({ pageviews: 1, visits: 1 });
    expect(rows.find((r) => r.dimension === 'page')).toMatchObject({
      value: '/hello',
      pageviews: 1,
    });
    expect(server.store.dialect).toBe(backend);
    if (backend === 'postgres') expect(() => server.db()).toThrow(/SQLite/);
  });
});
