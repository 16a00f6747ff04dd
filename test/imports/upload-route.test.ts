// The upload route (POST /api/sites/:site/imports), its list and its removal, over real HTTP with a
// signed-in site admin, on SQLite and PostgreSQL: an upload gives the exact counters, the same file
// again is a 409, a broken file a 400 naming file, line and reason, a declared body past the cap a
// 413 — each refusal with nothing changed — and removal restores the counters.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SiteRecord } from '../../server/store/types.js';
import { setupOwner, testEnv } from '../accounts/support.js';
import { testBackends } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { csv, goatRows, plausibleExpected, plausibleFiles, tempDir, writeZip } from './fixtures.js';

const strip = <T extends { siteId: number }>(rows: T[]) => rows.map(({ siteId: _, ...r }) => r);

describe.each(testBackends())('the import upload route on %s', (backend) => {
  let server: TestServer;
  let dir: string;
  let cookie: string;
  let zip: Buffer;
  let site: SiteRecord;

  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: testEnv,
      sites: [{ domain: 'example.com', timezone: 'UTC' }],
    });
    const { client } = await setupOwner(server, 'owner@upload.test', 'correct horse battery', 'A');
    cookie = client.cookie!;
    site = (await server.store.siteByDomain('example.com'))!;
    dir = tempDir();
    const files: Record<string, string> = {};
    for (const [name, rows] of Object.entries(plausibleFiles)) files[name] = csv(rows);
    zip = fs.readFileSync(await writeZip(path.join(dir, 'plausible.zip'), files));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = async (method: string, query: string, body?: Buffer | string) => {
    const res = await fetch(`${server.url}/api/sites/example.com/imports${query}`, {
      method,
      headers: { cookie, origin: server.url, 'content-type': 'application/octet-stream' },
      body: typeof body === 'string' ? body : body && new Uint8Array(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const state = async () => ({
    daily: await server.store.dailyRows(site.id),
    hourly: await server.store.hourlyRows(site.id),
    imports: (await send('GET', '')).body.imports as { id: number }[],
  });

  test('an upload gives the exact counters; the same file again is a 409; replace swaps it', async () => {
    const up = await send('POST', '?kind=plausible&name=plausible.zip', zip);
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ rows: 16, firstDay: '2024-01-01', replaced: null });
    expect(strip(await server.store.dailyRows(site.id))).toEqual(plausibleExpected);
    const listed = await send('GET', '');
    expect(listed.body.imports).toEqual([
      expect.objectContaining({
        id: up.body.import.id,
        source: 'plausible',
        fileName: 'plausible.zip',
        state: 'applied',
        origin: 'api',
      }),
    ]);

    const before = await state();
    const again = await send('POST', '?kind=plausible&name=again.zip', zip);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', reason: 'duplicate' });
    expect(again.body.error.message).toMatch(/Nothing was imported\.$/);
    expect(await state()).toEqual(before);

    const replaced = await send('POST', '?kind=plausible&name=plausible.zip&replace=1', zip);
    expect(replaced.status).toBe(201);
    expect(replaced.body.import.replaced).toBe(up.body.import.id);
    const after = await state();
    expect(after.daily).toEqual(before.daily);
    expect(after.imports.map((i) => i.id)).toEqual([replaced.body.import.id]);
  });

  test('a broken file is a 400 naming file, line and reason; nothing changes', async () => {
    const before = await state();
    const rows = goatRows.map((r) => [...r]);
    rows[3]![13] = 'yesterday';
    const bad = await send('POST', '?kind=goatcounter&name=export.csv', csv(rows));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'bad_request',
      reason: 'bad_date',
      file: 'export.csv',
      line: 4,
      // The detail as a code and its parameters, for clients that word it in their own language.
      detail: { code: 'notRfc3339', params: { value: '"yesterday"' } },
    });
    expect(bad.body.error.message).toBe(
      'export.csv, line 4: Date must be an RFC 3339 time, not "yesterday". Nothing was imported.',
    );
    const kind = await send('POST', '?kind=matomo&name=x.csv', 'a,b\n');
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toBe('kind must be plausible, goatcounter or pomelo');
    expect(await state()).toEqual(before);
  });

  test('a body declared past the cap is refused with 413 before it is read', async () => {
    const before = await state();
    const url = new URL(`${server.url}/api/sites/example.com/imports?kind=plausible&name=big.zip`);
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: { cookie, origin: server.url, 'content-length': String(2 * 1024 ** 3) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body });
          req.destroy(); // the rest of the declared body is never sent
        });
      });
      req.on('error', reject);
      req.write(zip.subarray(0, 100));
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatchObject({
      code: 'body_too_large',
      reason: 'too_large',
    });
    expect(await state()).toEqual(before);
  });

  test('removing the import restores the counters; removing it again is a 404', async () => {
    const [current] = (await state()).imports;
    const removed = await send('DELETE', `/${current!.id}`);
    expect(removed.status).toBe(204);
    expect(await state()).toEqual({ daily: [], hourly: [], imports: [] });
    const again = await send('DELETE', `/${current!.id}`);
    expect(again.status).toBe(404);
    expect((await send('DELETE', '/x')).status).toBe(404);
  });
});
