// One import, start to end: size and checksum of the file, the re-import check, then its rows read
// as a stream into bounded in-memory merges that are staged into the import's ledger, then the
// whole ledger applied to the counters in one transaction (store/imports-store.ts). Any error on the
// way discards the staged import: nothing is imported unless everything is.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { localDay } from '../counters/time.js';
import type { Store, SiteRecord } from '../store/types.js';
import type { ImportSource } from '../store/imports-store.js';
import { Accumulator } from './accumulator.js';
import { checkHeader, day as readDay, type Where } from './cells.js';
import { csvRecords } from './csv-stream.js';
import { ImportError } from './errors.js';
import { addGoatcounterRow, checkGoatcounterHeader } from './goatcounter.js';
import { plausibleTableOf, type Row } from './plausible.js';
import {
  addPomeloDaily,
  addPomeloHourly,
  addPomeloRevenue,
  MANIFEST,
  pomeloFiles,
  readManifest,
} from './pomelo-format.js';
import { defaultZipLimits, openZip, type ZipLimits } from './zip-read.js';

/** Largest file accepted (CLI and upload): 1 GiB unless configured. */
export const DEFAULT_MAX_BYTES = 1024 ** 3;

export interface ImportProgress {
  rows: number;
  /** Bytes read of the data (uncompressed for a ZIP) and how many there are in all. */
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  kind: ImportSource;
  /** Where the file is on disk (an upload is written to a temporary file first). */
  path: string;
  /** The name people know it by (the upload's name), used in every message. */
  fileName: string;
  site: SiteRecord;
  /** Replace an earlier import of the same file instead of refusing it. */
  replace?: boolean;
  /** A Pomelo export of another site is accepted only when its domain is named here. */
  fromSite?: string;
  createdBy: number | null;
  origin: 'cli' | 'api';
  now: Date;
  maxBytes?: number;
  zipLimits?: ZipLimits;
  /** Merged rows kept in memory before they are staged (the memory bound). */
  flushEvery?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportSummary {
  id: number;
  fileName: string;
  checksum: string;
  rows: number;
  firstDay: string | null;
  lastDay: string | null;
  /** The import this one replaced. */
  replaced: number | null;
  /** Rows GoatCounter flagged as bots: counted apart, as ingestion does. */
  bots: number;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Counts the bytes that pass (progress), and refuses more than `max` (a gzip bomb). */
function byteCounter(onBytes: (n: number) => void, max: number, file: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) {
        done(new ImportError('zip_bomb', file, null, 'zipEntryPast', { limit: max }));
        return;
      }
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

export async function runImport(store: Store, o: ImportOptions): Promise<ImportSummary> {
  const file = o.fileName;
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits = o.zipLimits ?? defaultZipLimits;
  const stat = await fs.promises.stat(o.path);
  if (stat.size > maxBytes) {
    throw new ImportError('too_large', file, null, 'tooLarge', {
      bytes: stat.size,
      limit: maxBytes,
    });
  }
  if (stat.size === 0) throw new ImportError('no_data', file, null, 'fileEmpty');
  const checksum = await sha256(o.path);
  const earlier = await store.imports.byChecksum(o.site.id, checksum);
  if (earlier && !o.replace) {
    throw new ImportError('duplicate', file, null, 'alreadyImported', {
      id: earlier.id,
      at: earlier.createdAt,
    });
  }
  // A staged import a day old was left by a process that died mid-way: nothing reads it; drop it.
  await store.imports.discardStale(new Date(o.now.getTime() - 86_400_000).toISOString());
  const today = localDay(o.site.timezone, o.now.getTime());
  const acc = new Accumulator(o.site.id);
  const flushEvery = o.flushEvery ?? 20_000;
  const id = await store.imports.stage({
    siteId: o.site.id,
    source: o.kind,
    fileName: file.slice(0, 255),
    checksum,
    createdBy: o.createdBy,
    origin: o.origin,
    createdAt: o.now.toISOString(),
  });
  const progress: ImportProgress = { rows: 0, bytes: 0, totalBytes: stat.size };
  let lastReport = 0;
  const report = (force = false) => {
    const t = Date.now();
    if (force || t - lastReport >= 100) {
      lastReport = t;
      o.onProgress?.({ ...progress });
    }
  };
  const onBytes = (n: number) => {
    progress.bytes += n;
  };
  let bots = 0;

  /** Feeds each record of a CSV stream to `add`, staging the merged rows as they pile up. */
  const eachRecord = async (
    input: Readable,
    name: string,
    onHeader: (header: string[]) => void,
    add: (cells: string[], at: Where) => void,
  ) => {
    let header: string[] | null = null;
    for await (const { cells, line } of csvRecords(input, name)) {
      if (header === null) {
        header = cells.map((c) => c.trim());
        onHeader(header);
        continue;
      }
      add(cells, { file: name, line });
      progress.rows++;
      if (acc.size >= flushEvery) await store.imports.stageRows(o.site.id, id, acc.drain());
      report();
    }
    if (header === null) throw new ImportError('no_data', name, null, 'fileEmpty');
  };

  try {
    if (o.kind === 'goatcounter') {
      const head = Buffer.alloc(2);
      const fd = await fs.promises.open(o.path, 'r');
      await fd.read(head, 0, 2, 0);
      await fd.close();
      const raw = fs.createReadStream(o.path);
      const gz = head[0] === 0x1f && head[1] === 0x8b;
      let input: Readable;
      if (gz) {
        // pipe() does not forward errors: a broken gzip stream left unheard takes the process down.
        const gunzip = createGunzip();
        input = raw.pipe(gunzip).pipe(byteCounter(onBytes, limits.maxUncompressed, file));
        const fail = (e: Error) =>
          input.destroy(
            e instanceof ImportError
              ? e
              : new ImportError('bad_zip', file, null, 'gzipUnreadable', { error: e.message }),
          );
        raw.on('error', fail);
        gunzip.on('error', fail);
      } else input = raw.pipe(byteCounter(onBytes, maxBytes, file));
      const ctx = { timezone: o.site.timezone, domain: o.site.domain, today };
      await eachRecord(
        input,
        file,
        (h) => checkGoatcounterHeader(h, file),
        (cells, at) => {
          if (addGoatcounterRow(cells, acc, at, ctx) === 'bot') bots++;
        },
      );
    } else {
      const zip = await openZip(o.path, file, limits);
      try {
        progress.totalBytes = zip.entries.reduce((s, e) => s + e.size, 0);
        if (o.kind === 'plausible') {
          const tables = zip.entries.map((e) => {
            const t = plausibleTableOf(e.name);
            if (!t) {
              throw new ImportError('unknown_file', `${file}/${e.name}`, null, 'notPlausibleFile');
            }
            return { entry: e, table: t };
          });
          if (tables.length === 0) throw new ImportError('no_data', file, null, 'zipNoCsv');
          for (const { entry, table } of tables) {
            const name = `${file}/${entry.name}`;
            let header: string[] = [];
            await eachRecord(
              (await entry.open()).pipe(byteCounter(onBytes, limits.maxUncompressed, name)),
              name,
              (h) => {
                checkHeader(h, table.required, table.optional, name);
                header = h;
              },
              (cells, at) => {
                const r: Row = {};
                for (let i = 0; i < header.length; i++) r[header[i]!] = cells[i] ?? '';
                table.add(r, readDay(r.date, 'date', at, today), acc, at, {
                  domain: o.site.domain,
                });
              },
            );
          }
        } else {
          const byName = new Map(zip.entries.map((e) => [e.name, e]));
          const known = new Set<string>([
            MANIFEST,
            ...Object.values(pomeloFiles).map((f) => f.name),
          ]);
          for (const e of zip.entries) {
            if (!known.has(e.name)) {
              throw new ImportError('unknown_file', `${file}/${e.name}`, null, 'notPomeloFile');
            }
          }
          const manifestEntry = byName.get(MANIFEST);
          if (!manifestEntry || manifestEntry.size > 64 * 1024) {
            throw new ImportError('bad_manifest', `${file}/${MANIFEST}`, null, 'manifestMissing');
          }
          const chunks: Buffer[] = [];
          for await (const c of await manifestEntry.open()) chunks.push(c as Buffer);
          const manifest = readManifest(
            Buffer.concat(chunks).toString('utf8'),
            `${file}/${MANIFEST}`,
          );
          if (manifest.domain !== o.site.domain && manifest.domain !== o.fromSite) {
            throw new ImportError('other_site', file, null, 'otherSiteExport', {
              from: manifest.domain,
              domain: o.site.domain,
            });
          }
          if (manifest.timezone !== o.site.timezone) {
            throw new ImportError('bad_manifest', file, null, 'otherTimezone', {
              from: manifest.timezone,
              timezone: o.site.timezone,
            });
          }
          const parts = [
            [pomeloFiles.daily, addPomeloDaily],
            [pomeloFiles.hourly, addPomeloHourly],
            [pomeloFiles.revenue, addPomeloRevenue],
          ] as const;
          for (const [spec, add] of parts) {
            const entry = byName.get(spec.name);
            if (!entry) continue;
            const name = `${file}/${spec.name}`;
            await eachRecord(
              (await entry.open()).pipe(byteCounter(onBytes, limits.maxUncompressed, name)),
              name,
              (h) => {
                if (h.join(',') !== spec.header.join(',')) {
                  throw new ImportError('bad_columns', name, 1, 'columnsExactly', {
                    columns: spec.header.join(','),
                  });
                }
              },
              (cells, at) => add(cells, acc, at, today),
            );
          }
        }
      } finally {
        zip.close();
      }
    }
    if (progress.rows === 0) throw new ImportError('no_data', file, null, 'noDataRows');
    await store.imports.stageRows(o.site.id, id, acc.drain());
    const figures = { rows: progress.rows, firstDay: acc.firstDay, lastDay: acc.lastDay };
    const outcome = await store.imports.apply(o.site.id, id, figures, earlier?.id);
    if (outcome === 'duplicate') {
      throw new ImportError('duplicate', file, null, 'importedMeanwhile');
    }
    report(true);
    return { id, fileName: file, checksum, ...figures, replaced: earlier?.id ?? null, bots };
  } catch (err) {
    await store.imports.discard(o.site.id, id);
    throw err;
  }
}
