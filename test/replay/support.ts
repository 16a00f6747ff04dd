// A replay test world: a real server (SQLite or PostgreSQL) with a controllable clock and sampling
// draw, an org with an owner, an admin and two viewers, a site, and helpers speaking the replay
// contract over HTTP (pageview → offer → start → chunk).
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ReplayOptions } from '../../server/replay/deps.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addUser, Client, login, longSessions, setupOwner, testEnv } from '../accounts/support.js';

export const password = 'replay pomelo password 1';
export const DOMAIN = 'shop.test';
export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A browser's User-Agent: Node's own would be counted as a bot, and bots are never offered. */
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

export interface ReplayWorld {
  server: TestServer;
  clock: { now: number; draw: number };
  owner: { client: Client; userId: number; orgId: number };
  admin: { client: Client; userId: number };
  viewer: { client: Client; userId: number };
  /** A member with the viewer role who is not named on the windows of these tests. */
  bystander: { client: Client; userId: number };
  siteId: number;
  close(): Promise<void>;
}

export async function replayWorld(
  replay: Partial<ReplayOptions> = {},
  env: Record<string, string> = {},
): Promise<ReplayWorld> {
  const clock = { now: T0, draw: 0 };
  const server = await startTestServer({
    // Windows last hours to days and the test clock jumps across them: sessions must outlast it.
    env: { ...testEnv, ...longSessions, ...env },
    now: () => clock.now,
    // Every request of a test comes from 127.0.0.1: the per-client limits are tested on their own.
    replay: {
      random: () => clock.draw,
      startsPerMinute: 100_000,
      chunksPerMinute: 100_000,
      ...replay,
    },
  });
  const owner = await setupOwner(server, 'owner@example.test', password, 'Shop Org');
  const site = await owner.client.post(`/api/orgs/${owner.orgId}/sites`, {
    domain: DOMAIN,
    timezone: 'UTC',
  });
  const member = async (email: string, role: 'admin' | 'viewer') => {
    const { userId } = await addUser(server, email, password, 'Shop Org', role);
    return { userId, client: await login(server, email, password) };
  };
  return {
    server,
    clock,
    owner,
    admin: await member('admin@example.test', 'admin'),
    viewer: await member('viewer@example.test', 'viewer'),
    bystander: await member('bystander@example.test', 'viewer'),
    siteId: site.body.site.id as number,
    close: () => server.close(),
  };
}

export function windowBody(w: ReplayWorld, over: Record<string, unknown> = {}) {
  return {
    purpose: 'ux_debugging',
    ownerUserId: w.admin.userId,
    endsAt: new Date(w.clock.now + 2 * HOUR).toISOString(),
    sampleRate: 0.25,
    maxSessions: 50,
    maxMinutesPerRecording: 10,
    maxPagesPerRecording: 3,
    includeRules: ['/shop/*'],
    retentionDays: 7,
    viewerUserIds: [w.viewer.userId],
    ...over,
  };
}

type WindowView = { id: string; canary: boolean; [k: string]: unknown };

/** Creates a window through the API as the admin: a draft (issue 12 §12). */
export async function draftWindow(w: ReplayWorld, over: Record<string, unknown> = {}) {
  const r = await w.admin.client.post(`/api/sites/${w.siteId}/replay/windows`, windowBody(w, over));
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.window as WindowView;
}

/** A second person signs a draft off (without a preview) and the admin opens it. */
export async function signOffAndOpen(w: ReplayWorld, id: string, ownerUserId = w.admin.userId) {
  const signer = ownerUserId === w.owner.userId ? w.viewer : w.owner;
  const s = await signer.client.post(`/api/replay/windows/${id}/sign-off`, {
    note: 'settings checked, no preview (test)',
  });
  if (s.status !== 200) throw new Error(`sign-off failed: ${s.status} ${JSON.stringify(s.body)}`);
  const opener = ownerUserId === w.owner.userId ? w.owner : w.admin;
  const r = await opener.client.post(`/api/replay/windows/${id}/open`, {});
  if (r.status !== 200) throw new Error(`open failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.window as WindowView;
}

/** Creates, signs off (a second member) and opens a window; returns its view. */
export async function openWindow(w: ReplayWorld, over: Record<string, unknown> = {}) {
  const draft = await draftWindow(w, over);
  const owner = typeof over.ownerUserId === 'number' ? over.ownerUserId : w.admin.userId;
  return signOffAndOpen(w, draft.id, owner);
}

/**
 * A pageview as the core tracker sends it; the raw response (status and body text). Without a
 * referrer and a navigation kind it is a visit's entry.
 */
export async function pageview(
  w: ReplayWorld,
  path: string,
  name = 'pageview',
  nav: { r?: string | null; t?: number } = {},
) {
  const res = await fetch(`${w.server.url}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
    body: JSON.stringify({ n: name, u: `https://${DOMAIN}${path}`, d: DOMAIN, r: null, ...nav }),
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

export async function offerFor(w: ReplayWorld, path: string): Promise<string> {
  const r = await pageview(w, path);
  if (r.status !== 200) throw new Error(`no offer for ${path}: ${r.status}`);
  return r.text.slice(r.text.indexOf('?o=') + 3);
}

export async function publicPost(w: ReplayWorld, path: string, body: BodyInit) {
  const res = await fetch(`${w.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: 'https://shop.test' },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function start(w: ReplayWorld, offer: string, path: string, more = {}) {
  return publicPost(
    w,
    '/api/replay/start',
    JSON.stringify({ offer, url: `https://${DOMAIN}${path}`, ...more }),
  );
}

/** Offer + start: a new recording id on `path`. */
export async function newRecording(w: ReplayWorld, path = '/shop/cart'): Promise<string> {
  const r = await start(w, await offerFor(w, path), path);
  if (r.status !== 201) throw new Error(`start failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.recording as string;
}

export async function sendChunk(
  w: ReplayWorld,
  recording: string,
  seq: number,
  events: unknown,
  enc: 'gzip' | 'identity' = 'gzip',
) {
  const json = Buffer.from(JSON.stringify(events));
  const body = enc === 'gzip' ? gzipSync(json) : json;
  return publicPost(w, `/api/replay/chunk?recording=${recording}&seq=${seq}&enc=${enc}`, body);
}

/** A small rrweb recording: a Meta event and a full snapshot whose one paragraph holds `text`. */
export function snapshotEvents(text: string, at = T0, path = '/shop/cart') {
  return [
    {
      type: 4,
      data: { href: `https://${DOMAIN}${path}?coupon=X`, width: 800, height: 600 },
      timestamp: at,
    },
    {
      type: 2,
      timestamp: at + 1,
      data: {
        initialOffset: { top: 0, left: 0 },
        node: {
          type: 0,
          id: 1,
          childNodes: [
            {
              type: 2,
              id: 2,
              tagName: 'html',
              attributes: {},
              childNodes: [
                {
                  type: 2,
                  id: 3,
                  tagName: 'p',
                  attributes: { class: 'note', title: 'secret title' },
                  childNodes: [{ type: 3, id: 4, textContent: text }],
                },
              ],
            },
          ],
        },
      },
    },
  ];
}

/**
 * POST with node:http, resolving on the response even if the server answers (413) and closes
 * before the whole body was written — fetch reports that as a socket error instead.
 */
export function rawPost(w: ReplayWorld, path: string, body: Buffer) {
  return new Promise<{ status: number; body: { error?: { code: string } } | null }>(
    (resolve, reject) => {
      const req = http.request(`${w.server.url}${path}`, {
        method: 'POST',
        // A fresh connection: the server closes one after a 413 it answered mid-body.
        agent: false,
        headers: { 'content-type': 'text/plain', 'content-length': body.length },
      });
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
      });
      req.on('error', (err) => (req.writableFinished ? reject(err) : undefined));
      req.end(body);
    },
  );
}
