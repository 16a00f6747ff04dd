// The upload route under random files (issue 18 §5, "import files"): a real server on a fresh
// SQLite file, a signed-in owner, a frozen clock, and `POST /api/sites/example.com/imports` given
// GoatCounter and Plausible exports with random rows, Pomelo exports with random cells and
// manifests, those files with bytes flipped or cut short, and raw bytes. Never a 5xx; a 201 whose
// removal (DELETE) restores the counters exactly, or a 400/413 with the documented shape — a reason,
// a detail code the dashboard can word, "Nothing was imported." — that changed nothing.
import fc from 'fast-check';
import { importDetailText, type ImportReason } from '../../server/imports/errors.js';
import type { SiteRecord } from '../../server/store/types.js';
import { setupOwner, testEnv } from '../accounts/support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { uploadBytes, uploadCase, type UploadCase } from './import-arbitraries.js';

function check(ok: unknown, message: string | (() => string)): asserts ok {
  if (!ok) throw new Error(typeof message === 'string' ? message : message());
}

const TODAY = '2025-06-01';
const reasons: readonly ImportReason[] = [
  'too_large',
  'bad_zip',
  'zip_bomb',
  'unknown_file',
  'no_data',
  'bad_columns',
  'malformed_csv',
  'bad_date',
  'date_out_of_range',
  'bad_count',
  'bad_value',
  'other_site',
  'bad_manifest',
  'duplicate',
];

export interface ImportFuzzContext {
  server: TestServer;
  site: SiteRecord;
  cookie: string;
  /** Answers seen, per `kind status`: shows the cases are not vacuous. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

export async function startImportFuzz(): Promise<ImportFuzzContext> {
  const server = await startTestServer({
    backend: 'sqlite',
    env: testEnv,
    sites: [{ domain: 'example.com', timezone: 'UTC' }],
    now: () => Date.parse(`${TODAY}T12:00:00Z`),
  });
  const { client } = await setupOwner(server, 'owner@fuzz.test', 'correct horse battery', 'Fuzz');
  return {
    server,
    site: (await server.store.siteByDomain('example.com'))!,
    cookie: client.cookie!,
    seen: new Map(),
    close: () => server.close(),
  };
}

async function send(ctx: ImportFuzzContext, method: string, path: string, body?: Buffer) {
  const res = await fetch(`${ctx.server.url}/api/sites/example.com/imports${path}`, {
    method,
    headers: { cookie: ctx.cookie, origin: ctx.server.url },
    body: body && new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

async function state(ctx: ImportFuzzContext) {
  const s = ctx.server.store;
  return JSON.stringify([
    await s.dailyRows(ctx.site.id),
    await s.hourlyRows(ctx.site.id),
    await s.imports.list(ctx.site.id),
  ]);
}

export interface ImportFuzzProperty {
  name: string;
  kind: 'imports';
  /** Relative share of the long run's import cases. */
  weight: number;
  property(ctx: ImportFuzzContext): fc.IAsyncProperty<[UploadCase]>;
}

export const importUploads: ImportFuzzProperty = {
  name: 'imports: random, mutated and raw files uploaded → 201 (removed exactly) or a shaped 400/413 changing nothing',
  kind: 'imports',
  weight: 1,
  property: (ctx) =>
    fc.asyncProperty(uploadCase, async (c) => {
      const before = await state(ctx);
      const bytes = await uploadBytes(c, TODAY);
      const up = await send(ctx, 'POST', `?kind=${c.kind}&name=fuzz-${c.kind}`, bytes);
      const show = () => `${up.status} ${up.text.slice(0, 400)}`;
      check(up.status < 500, show);
      ctx.seen.set(`${c.kind} ${up.status}`, (ctx.seen.get(`${c.kind} ${up.status}`) ?? 0) + 1);
      const body = JSON.parse(up.text) as {
        import?: { id: number };
        error?: {
          code: string;
          message: string;
          reason: ImportReason;
          file: string;
          line: number | null;
          detail: { code: string; params: Record<string, unknown> };
        };
      };
      if (up.status === 201) {
        check(Number.isInteger(body.import?.id), show);
        const removed = await send(ctx, 'DELETE', `/${body.import!.id}`);
        check(removed.status === 204, `removal: ${removed.status} ${removed.text}`);
        check((await state(ctx)) === before, 'the counters after removal differ from before');
        return;
      }
      check(up.status === 400 || up.status === 413, show);
      const e = body.error;
      check(e && reasons.includes(e.reason), show);
      check(e.code === (up.status === 413 ? 'body_too_large' : 'bad_request'), show);
      check(Object.hasOwn(importDetailText, e.detail?.code), show);
      check(typeof e.file === 'string' && e.file.startsWith(`fuzz-${c.kind}`), show);
      check(e.line === null || (Number.isInteger(e.line) && e.line >= 1), show);
      check(e.message.endsWith('. Nothing was imported.'), show);
      // Every placeholder of the detail's words has its parameter (none left for the dashboard).
      const words = importDetailText[e.detail.code as keyof typeof importDetailText];
      for (const [, name] of words.matchAll(/\{(\w+)\}/g)) check(name! in e.detail.params, show);
      check((await state(ctx)) === before, () => `a refusal changed the counters: ${show()}`);
    }),
};

export const importProperties: ImportFuzzProperty[] = [importUploads];
