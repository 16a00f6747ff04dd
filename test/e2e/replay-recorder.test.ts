// Chromium test of the replay module: what leaves the page is masked (text, inputs, attributes,
// URLs), the unmasked element's text is there, sensitive pages are never recorded, and the server
// can stop a running recorder. Captured chunks are also run through the server's leak scanner.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { scanChunk } from '../../server/replay/scanner';
import { PERSONAL } from './replay-personal-values.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/replay');
const bundle = path.join(root, 'tracker/replay/dist/replay.js');

interface Captured {
  method: string;
  query: URLSearchParams;
  body: Buffer;
}

let server: http.Server;
let base = '';
let browser: Browser;
let captured: Captured[] = [];
let answerStatus = 204;

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/capture') {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      captured.push({
        method: req.method ?? '',
        query: url.searchParams,
        body: Buffer.concat(parts),
      });
      res.writeHead(req.method === 'DELETE' ? 204 : answerStatus).end();
    });
    return;
  }
  if (url.pathname === '/replay.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(bundle));
    return;
  }
  const name = url.pathname.replace(/^\/fixtures\//, '');
  const file = path.join(fixtures, name);
  if (/^[a-z-]+\.html$/.test(name) && fs.existsSync(file)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
    return;
  }
  res.writeHead(404).end();
}

beforeAll(async () => {
  // tracker/replay/dist/replay.js is built by the global setup (test/support/global-setup.ts).
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => {
  captured = [];
  answerStatus = 204;
});

/** Opens a fixture page, loads the module and starts it; returns the page and start()'s result. */
async function startOn(
  fixture: string,
  recordingId: string,
  unmaskSelectors: string[] = ['.replay-unmask'],
): Promise<{ page: Page; started: boolean }> {
  const page = await browser.newPage();
  await page.goto(`${base}/fixtures/${fixture}`);
  // An ES module (the core tracker import()s it); without an offer in its URL it only installs
  // window.__pomeloReplay.
  await page.addScriptTag({ url: `${base}/replay.js`, type: 'module' });
  const started = await page.evaluate(
    ({ endpoint, recordingId, unmaskSelectors }) => {
      const w = window as unknown as { __stops: string[] };
      w.__stops = [];
      return window.__pomeloReplay!.start({
        endpoint,
        recordingId,
        windowConfig: { unmaskSelectors },
        flushIntervalMs: 10_000,
        onStop: (reason) => w.__stops.push(reason),
      });
    },
    { endpoint: `${base}/capture`, recordingId, unmaskSelectors },
  );
  return { page, started };
}

const stopsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __stops: string[] }).__stops);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** The decompressed JSON text of each chunk of a recording, in arrival order. */
function chunksOf(recordingId: string): string[] {
  return captured
    .filter((c) => c.method === 'POST' && c.query.get('recording') === recordingId)
    .map((c) => (c.query.get('enc') === 'gzip' ? gunzipSync(c.body) : c.body).toString('utf8'));
}

interface Node {
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: Node[];
}
/** Every attribute map in the events: snapshot nodes, added nodes and attribute mutations. */
function attributeMaps(events: Array<{ type: number; data: Record<string, unknown> }>) {
  const maps: Array<Record<string, unknown>> = [];
  const walk = (node: Node | undefined): void => {
    if (!node) return;
    if (node.attributes) maps.push(node.attributes);
    node.childNodes?.forEach(walk);
  };
  for (const e of events) {
    if (e.type === 2) walk(e.data.node as Node);
    const adds = (e.data.adds ?? []) as Array<{ node: Node }>;
    adds.forEach((a) => walk(a.node));
    const changes = (e.data.attributes ?? []) as Array<{ attributes: Record<string, unknown> }>;
    if (Array.isArray(changes)) changes.forEach((c) => maps.push(c.attributes));
  }
  return maps;
}

describe('replay recorder in Chromium', () => {
  test('a masked page: no personal value, no query string, the unmasked text is there', async () => {
    const { page, started } = await startOn(
      'form.html?utm_source=newsletter&email=jean.dupont%40example.com',
      'rec_masked_0001',
    );
    expect(started).toBe(true);
    await page.fill('#email', 'pierre.martin@example.net');
    await page.fill('#message', 'Mon numéro est le 07 98 76 54 32');
    await page.selectOption('#city', 'paris-75011');
    await page.fill('#name', 'Pierre Martin');
    await page.check('#consent');
    await page.click('#send');
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunksOf('rec_masked_0001').length > 0, 'a chunk');
    await page.close();

    const chunks = chunksOf('rec_masked_0001');
    const posts = captured.filter((c) => c.method === 'POST');
    expect(posts.map((c) => [c.query.get('enc'), c.query.get('seq')])).toEqual([['gzip', '0']]);
    const events = chunks.flatMap((c) => JSON.parse(c) as Array<{ type: number; data: any }>);
    const json = chunks.join('\n');

    expect(events.find((e) => e.type === 4)?.data.href).toBe(`${base}/fixtures/form.html`);
    expect(events.some((e) => e.type === 2)).toBe(true);
    const inputs = events.filter((e) => e.type === 3 && e.data.source === 5);
    expect(inputs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(inputs.map((e) => e.data.text))).toEqual(new Set(['***']));
    expect(inputs.every((e) => e.data.isChecked === false)).toBe(true);
    // The click's new text arrived as an added text node, masked like the rest.
    const added = events
      .filter((e) => e.type === 3 && e.data.source === 0)
      .flatMap((e) => e.data.adds as Array<{ node: { type: number; textContent?: string } }>)
      .filter((a) => a.node.type === 3);
    expect(added.map((a) => a.node.textContent)).toContain('***');

    for (const value of PERSONAL) expect(json, value).not.toContain(value);
    expect(json).not.toContain('?');
    expect(json).toContain('Livraison offerte dès 50 euros');
    expect(json).toContain('***');

    const names = new Set(attributeMaps(events).flatMap((m) => Object.keys(m)));
    for (const name of names) {
      expect(name).not.toMatch(/^(title|alt|placeholder|value|content|aria-.*|data-.*)$/);
    }
    expect(names.has('href')).toBe(true);
    for (const map of attributeMaps(events)) {
      for (const key of ['href', 'src', 'action']) {
        if (typeof map[key] === 'string') expect(map[key]).not.toMatch(/[?#]|^mailto:/);
      }
    }
    expect(json).toContain(`${base}/merci`);
    expect(json).toContain(`${base}/suivi`);

    for (const chunk of chunks) expect(scanChunk(chunk)).toEqual([]);
  });

  test('a leak through an unmasked element is caught by the server-side scanner', async () => {
    const { page, started } = await startOn('leak.html', 'rec_leaky_0001');
    expect(started).toBe(true);
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunksOf('rec_leaky_0001').length > 0, 'a chunk');
    await page.close();
    const findings = chunksOf('rec_leaky_0001').flatMap((c) =>
      scanChunk(c, { canaries: ['pomelo-canary-3f9a1c'] }),
    );
    expect(findings.map((f) => f.type).sort()).toEqual(['canary', 'email']);
    expect(findings.every((f) => f.path?.includes('textContent'))).toBe(true);
    // The masked paragraph's address never left the page.
    expect(chunksOf('rec_leaky_0001').join('')).not.toContain('jean.dupont');
  });

  test.each([
    ['a password field', 'password.html'],
    ['an autocomplete="cc-*" field', 'card-autocomplete.html'],
    ['an autocomplete="one-time-code" field', 'one-time-code.html'],
    ['<html data-replay="off">', 'replay-off.html'],
  ])('a page with %s is not recorded at all', async (_name, fixture) => {
    const { page, started } = await startOn(fixture, 'rec_never_0001');
    expect(started).toBe(false);
    expect(await stopsOf(page)).toEqual(['sensitive_page']);
    await page.click('body');
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await new Promise((r) => setTimeout(r, 300));
    await page.close();
    expect(captured).toEqual([]);
  });

  test('a password field appearing later stops the recording, discards it and purges the server copy', async () => {
    const { page, started } = await startOn('form.html', 'rec_later_0001');
    expect(started).toBe(true);
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunksOf('rec_later_0001').length === 1, 'the first chunk');
    await page.fill('#name', 'Pierre Martin');
    await page.evaluate(() => {
      const pw = document.createElement('input');
      pw.type = 'password';
      document.querySelector('form')!.append(pw);
    });
    await until(() => captured.some((c) => c.method === 'DELETE'), 'the purge request');
    expect(await stopsOf(page)).toEqual(['sensitive_page']);
    expect(await page.evaluate(() => window.__pomeloReplay!.isRecording())).toBe(false);
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await page.close();
    expect(chunksOf('rec_later_0001')).toHaveLength(1);
    const purge = captured.find((c) => c.method === 'DELETE')!;
    expect(purge.query.get('recording')).toBe('rec_later_0001');
    expect(chunksOf('rec_later_0001')[0]).not.toContain('password');
  });

  test('an input switched to type=password also stops it', async () => {
    const { page } = await startOn('form.html', 'rec_switch_001');
    await page.evaluate(() => document.getElementById('name')!.setAttribute('type', 'password'));
    await until(() => captured.some((c) => c.method === 'DELETE'), 'the purge request');
    expect(await stopsOf(page)).toEqual(['sensitive_page']);
    await page.close();
    expect(chunksOf('rec_switch_001')).toEqual([]);
  });

  test('the server answering 410 (kill switch) stops the recorder at that flush', async () => {
    answerStatus = 410;
    const { page } = await startOn('form.html', 'rec_killed_001');
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await until(() => chunksOf('rec_killed_001').length === 1, 'a chunk');
    await until(() => captured.length === 1, 'nothing else');
    expect(await stopsOf(page)).toEqual(['server_stopped']);
    await page.fill('#name', 'Pierre Martin');
    await page.evaluate(() => window.__pomeloReplay!.flush());
    await page.close();
    expect(chunksOf('rec_killed_001')).toHaveLength(1);
  });

  test('stop({ purge: true }) drops the buffer and asks the server to delete the recording', async () => {
    const { page } = await startOn('form.html', 'rec_purged_001');
    await page.fill('#name', 'Pierre Martin');
    await page.evaluate(() => window.__pomeloReplay!.stop({ purge: true }));
    await until(() => captured.length === 1, 'the purge request');
    expect(await stopsOf(page)).toEqual(['purged']);
    await page.close();
    expect(captured.map((c) => [c.method, c.query.get('recording')])).toEqual([
      ['DELETE', 'rec_purged_001'],
    ]);
  });

  test('leaving the page sends the last chunk as plain JSON, masked too', async () => {
    const { page } = await startOn('form.html', 'rec_leave_0001');
    await page.fill('#email', 'pierre.martin@example.net');
    await page.goto('about:blank');
    await until(() => chunksOf('rec_leave_0001').length === 1, 'the final chunk');
    await page.close();
    const final = captured.find((c) => c.query.get('recording') === 'rec_leave_0001')!;
    expect(final.query.get('enc')).toBe('identity');
    const json = chunksOf('rec_leave_0001')[0]!;
    for (const value of PERSONAL) expect(json, value).not.toContain(value);
    expect(scanChunk(json)).toEqual([]);
  });
});
