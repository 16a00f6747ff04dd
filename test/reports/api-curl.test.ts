// docs/API.md and docs/METRICS.md: every ```curl line runs as written (only $POMELO and $KEY
// replaced) over real HTTP against a real server with the fixtures and a real API key, and answers
// 2xx or the status it notes; a following ```json response must be the exact answer. Every request
// example of docs/API.md has its curl line. Missing or wrong API keys answer in API terms
// (issue 19 §12). SQLite and PostgreSQL.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, setupOwner, testEnv } from '../accounts/support.js';
import { testBackends } from '../support/db.js';
import { startTestServer, postEvent, type TestServer } from '../support/server.js';
import { curlRequest, fencedBlocks, readCurlExamples, shellWords } from './curl.js';
import { readApiExamples } from './examples.js';
import { exampleGoals, fixtureEvents, readAt, site } from './fixtures.js';

const docs = (name: string) => path.resolve(import.meta.dirname, '../../docs', name);
const apiMd = docs('API.md');
const files = [apiMd, docs('METRICS.md')];
const examples = files.flatMap((f) =>
  readCurlExamples(f).map((e) => ({ ...e, file: path.basename(f) })),
);

test('every request example of docs/API.md is followed by its curl line, same request', () => {
  const blocks = fencedBlocks(apiMd);
  const requests = readApiExamples(apiMd);
  const vars = { POMELO: 'http://pomelo.test', KEY: 'k' };
  const followers = blocks
    .map((b, i) => [b, blocks[i + 1]] as const)
    .filter(([b]) => b.tag === 'http request' || b.tag === 'json request');
  expect(followers).toHaveLength(requests.length);
  followers.forEach(([, next], i) => {
    expect(next?.tag, `curl after the request example at ${requests[i]!.title}`).toBe('curl');
    const req = curlRequest(next!.text, vars);
    const example = requests[i]!;
    expect(req.method).toBe(example.method);
    expect(req.url).toBe(`http://pomelo.test${example.path}`);
    expect(req.headers.authorization).toBe('Bearer k');
    if (example.body !== undefined) expect(JSON.parse(req.body!)).toEqual(example.body);
  });
  expect(examples.length).toBeGreaterThan(requests.length);
});

test('the curl reader: quotes, continuations, placeholders; refuses what it cannot run', () => {
  expect(shellWords(`curl -H "A: $KEY" \\\n  '$KEY' x"\${KEY}"y`, { KEY: 'v' })).toEqual([
    'curl',
    '-H',
    'A: v',
    '$KEY',
    'xvy',
  ]);
  expect(() => shellWords('curl "$TOKEN"', { KEY: 'v' })).toThrow('unknown placeholder $TOKEN');
  expect(() => curlRequest('curl x | jq', {})).toThrow('shell syntax |');
  expect(() => curlRequest('curl -k https://x', {})).toThrow('option -k');
  expect(curlRequest("curl -d '{}' u", {})).toMatchObject({ method: 'POST', body: '{}' });
});

describe.each(testBackends())('docs curl lines on %s', (backend) => {
  let server: TestServer;
  let clock = Date.parse('2025-03-20T08:00:00Z');
  let key: string;
  let vars: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, sites: [site], now: () => clock, env: testEnv });
    const owner = await setupOwner(server, 'docs@example.test', 'docs curl password 1234', 'Docs');
    await server.store.accounts.adoptOrphanSites(owner.orgId);
    const shop = (await server.store.siteByDomain(site.domain))!;
    const created = await owner.client.post('/api/api-keys', { name: 'docs', siteIds: [shop.id] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    key = created.body.secret;
    // Goals first, while the session is fresh (they apply to history anyway).
    for (const g of exampleGoals) {
      const r = await owner.client.post(`/api/sites/${shop.id}/goals`, g);
      expect(r.status).toBe(201);
    }
    for (const [at, body] of fixtureEvents) {
      clock = Date.parse(at);
      expect((await postEvent(server.url, body)).status).toBe(202);
    }
    clock = Date.parse(readAt);
    vars = { POMELO: server.url, KEY: key };
  });
  afterAll(() => server?.close());

  test.each(examples.map((e) => [`${e.file}:${e.line} ${e.title}`, e] as const))(
    '%s',
    async (_name, e) => {
      const req = curlRequest(e.text, vars);
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
      });
      const text = await res.text();
      if (e.status) expect(res.status, text).toBe(e.status);
      else
        expect([res.status, res.status >= 200 && res.status < 300], text).toEqual([
          res.status,
          true,
        ]);
      if (e.response !== undefined) expect(JSON.parse(text)).toEqual(e.response);
    },
  );

  test.each([
    ['/api/v2/query', 'POST'],
    ['/api/sites/shop.test/report?period=7d', 'GET'],
    ['/api/sites/shop.test/goals/report?period=7d', 'GET'],
  ])('%s without a key or with a wrong one: 401 in API terms', async (route, method) => {
    const body =
      method === 'POST'
        ? JSON.stringify({ site_id: 'shop.test', metrics: ['visits'], date_range: '7d' })
        : undefined;
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer not-a-key' },
      { authorization: 'Basic eDp5' },
    ]) {
      const res = await fetch(`${server.url}${route}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(401);
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe('unauthorized');
      expect(answer.error.message).toContain('API key');
      expect(answer.error.message).not.toContain('sign in first');
    }
    // The same request with the key is answered.
    const ok = await new Client(server.url, { authorization: `Bearer ${key}` }).request(
      method as 'GET' | 'POST',
      route,
      body ? JSON.parse(body) : undefined,
    );
    expect(ok.status).toBe(200);
  });
});
