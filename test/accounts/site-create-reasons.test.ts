// Adding a site over the API: a refused domain, timezone or name says why, in the words the CLI
// prints (server/accounts/site-input.ts), so the dashboard can put it under the field; a library
// message that could quote the value is never sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setupOwner, testEnv, type Client } from './support.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let owner: Client;
let orgId: number;

describe('site creation refusals name their reason', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: testEnv });
    ({ client: owner, orgId } = await setupOwner(
      server,
      'o@reasons.test',
      'a long password 1',
      'Org',
    ));
  });
  afterAll(async () => {
    await server?.close();
  });

  test.each([
    [
      { domain: 'https://x.test/path', timezone: 'UTC' },
      'domain: a domain name such as example.com, without https:// or a path',
    ],
    [{ domain: 'x.test', timezone: 'Paris' }, 'timezone: an IANA timezone'],
    [{ domain: 'x.test', timezone: 'UTC', name: '' }, 'name: not empty'],
    // A wrong type gets the bare field: valibot's own message would quote the value.
    [{ domain: 12345, timezone: 'UTC' }, 'invalid domain'],
    [{ domain: 'x.test', timezone: 'UTC', retentionMonths: 'soon' }, 'invalid retentionMonths'],
  ])('%j → %s', async (body, message) => {
    const r = await owner.post(`/api/orgs/${orgId}/sites`, body);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ code: 'bad_request', message });
    expect((await owner.get('/api/sites/x.test')).status).toBe(404);
  });

  test('a good body still creates the site', async () => {
    const r = await owner.post(`/api/orgs/${orgId}/sites`, { domain: 'x.test', timezone: 'UTC' });
    expect(r.status).toBe(201);
  });
});
