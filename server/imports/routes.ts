// /api/sites/:siteId/imports and /export: the HTTP side of imports (docs/API.md, "Imports and
// exports"). An upload is streamed to a temporary file with a byte cap (bounded memory, 413 past
// it), then imported by the same code as the CLI; a refusal is a 4xx naming the file, line and
// reason, and nothing is imported. Admins only: an export is every counter, unprotected by the
// small-count threshold of shared links and API keys. Every import and removal is audited.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { siteAccess, siteParam } from '../accounts/access.js';
import { auditRequest } from '../accounts/audit.js';
import type { AccountsDeps } from '../accounts/context.js';
import { ApiError } from '../http/errors.js';
import { isDay } from '../reports/calendar.js';
import type { ImportRecord, ImportSource } from '../store/imports-store.js';
import { ImportError } from './errors.js';
import { exportSite } from './export.js';
import { DEFAULT_MAX_BYTES, runImport } from './run-import.js';

const kinds: readonly ImportSource[] = ['plausible', 'goatcounter', 'pomelo'];

/** The upload path, which the API's 64 KiB body limit leaves to this route's own streaming cap. */
export const importUploadPath = /^\/api\/sites\/[^/]+\/imports$/;

export function importView(i: ImportRecord) {
  return {
    id: i.id,
    source: i.source,
    fileName: i.fileName,
    checksum: i.checksum,
    rows: i.rows,
    firstDay: i.firstDay,
    lastDay: i.lastDay,
    state: i.state,
    origin: i.origin,
    createdBy: i.createdBy,
    createdAt: i.createdAt,
  };
}

function refusal(c: Context, err: ImportError) {
  const status = err.reason === 'duplicate' ? 409 : err.reason === 'too_large' ? 413 : 400;
  return c.json(
    {
      error: {
        code: status === 409 ? 'conflict' : status === 413 ? 'body_too_large' : 'bad_request',
        message: `${err.message}. Nothing was imported.`,
        reason: err.reason,
        file: err.file,
        line: err.line,
        // For clients that word it themselves (the dashboard, in its reader's language).
        detail: { code: err.code, params: err.params },
      },
    },
    status,
  );
}

/** A file name people recognise, cut to something safe to show and store. */
const cleanName = (raw: string | undefined) =>
  (raw ?? '')
    .replace(/[\u0000-\u001f\u007f/\\]/g, '')
    .trim()
    .slice(0, 200) || 'upload';

export function importRoutes(deps: AccountsDeps, maxBytes = DEFAULT_MAX_BYTES): Hono {
  const app = new Hono();

  app.get('/api/sites/:siteId/imports', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    return c.json({ imports: (await deps.store.imports.list(site.id)).map(importView) });
  });

  app.post('/api/sites/:siteId/imports', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const kind = c.req.query('kind') as ImportSource | undefined;
    if (!kind || !kinds.includes(kind)) {
      throw new ApiError('bad_request', 'kind must be plausible, goatcounter or pomelo');
    }
    const fileName = cleanName(c.req.query('name'));
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > maxBytes) {
      return refusal(
        c,
        new ImportError('too_large', fileName, null, 'tooLarge', {
          bytes: declared,
          limit: maxBytes,
        }),
      );
    }
    const body = c.req.raw.body;
    if (!body) throw new ApiError('bad_request', 'the body must be the file');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pomelo-upload-'));
    const file = path.join(dir, 'upload');
    try {
      let seen = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _e, done) {
          seen += chunk.length;
          if (seen > maxBytes)
            done(
              new ImportError('too_large', fileName, null, 'tooLargeStream', { limit: maxBytes }),
            );
          else done(null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(body as never), cap, createWriteStream(file));
      const summary = await runImport(deps.store, {
        kind,
        path: file,
        fileName,
        site,
        replace: c.req.query('replace') === '1' || c.req.query('replace') === 'true',
        ...(c.req.query('from_site') && { fromSite: c.req.query('from_site') }),
        createdBy: (c.get('principal') as { userId?: number } | undefined)?.userId ?? null,
        origin: 'api',
        now: new Date(deps.now()),
        maxBytes,
      });
      await auditRequest(c, {
        action: 'import.create',
        target: `site:${site.id}`,
        orgId: site.orgId ?? null,
        details: {
          id: summary.id,
          source: kind,
          file: fileName,
          rows: summary.rows,
          replaced: summary.replaced,
        },
      });
      return c.json({ import: summary }, 201);
    } catch (err) {
      if (err instanceof ImportError) return refusal(c, err);
      throw err;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  app.delete('/api/sites/:siteId/imports/:id', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await deps.store.imports.get(site.id, id))) {
      throw new ApiError('not_found', 'no such import');
    }
    await deps.store.imports.remove(site.id, id);
    await auditRequest(c, {
      action: 'import.remove',
      target: `site:${site.id}`,
      orgId: site.orgId ?? null,
      details: { id },
    });
    return c.body(null, 204);
  });

  app.get('/api/sites/:siteId/export', async (c) => {
    const site = await siteAccess(c, siteParam(c), 'admin');
    const format = c.req.query('format') ?? 'pomelo';
    if (format !== 'pomelo' && format !== 'plausible') {
      throw new ApiError('bad_request', 'format must be plausible or pomelo');
    }
    const [from, to] = [c.req.query('from'), c.req.query('to')];
    for (const [name, v] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (v !== undefined && !isDay(v))
        throw new ApiError('bad_request', `${name} must be a day YYYY-MM-DD`);
    }
    if (from && to && from > to) throw new ApiError('bad_request', 'from must not be after to');
    const out = new PassThrough();
    // Streamed as it is written; an error midway cuts the download (the ZIP is then unreadable).
    exportSite(deps.store, site, out, {
      format,
      ...(from && { from }),
      ...(to && { to }),
      now: new Date(deps.now()),
    }).catch((err) => out.destroy(err as Error));
    const name =
      `${site.domain}-${format}${from ? `-${from}` : ''}${to ? `-${to}` : ''}.zip`.replace(
        /[^\w.-]/g,
        '_',
      );
    return new Response(Readable.toWeb(out) as ReadableStream, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    });
  });
  return app;
}
