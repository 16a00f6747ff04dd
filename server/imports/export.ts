// Exports: a site's counters (all days, or a range of them) written as a ZIP in Plausible's import
// format or in Pomelo's own (pomelo-format.ts), streamed: counters are read a page at a time and
// each CSV file is produced as the ZIP writer asks for it, so memory stays bounded.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { DailyRow } from '../counters/types.js';
import { utcHoursOfLocalDays } from '../reports/date-range.js';
import type { SiteRecord, Store } from '../store/types.js';
import { plausibleExportFiles } from './plausible.js';
import {
  dailyCells,
  hourlyCells,
  MANIFEST,
  POMELO_FORMAT,
  POMELO_VERSION,
  pomeloFiles,
  revenueCells,
  type PomeloManifest,
} from './pomelo-format.js';

export type ExportFormat = 'plausible' | 'pomelo';

export interface ExportOptions {
  format: ExportFormat;
  /** Days in the site's timezone, both included; the site's whole history when absent. */
  from?: string;
  to?: string;
  now: Date;
  onProgress?: (rows: number) => void;
}

export interface ExportSummary {
  rows: number;
  from: string | null;
  to: string | null;
  files: string[];
}

const PAGE = 5000;

/** RFC 4180: quoted when it holds a comma, quote, CR or LF. Data files, read back exactly. */
function csvLine(cells: readonly (string | number)[]): string {
  return `${cells
    .map((c) => {
      const s = String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}

const compact = (day: string) => day.replace(/-/g, '');

export async function exportSite(
  store: Store,
  site: SiteRecord,
  out: Writable,
  o: ExportOptions,
): Promise<ExportSummary> {
  const span = await store.imports.daySpan(site.id);
  const from = o.from ?? span.first;
  const to = o.to ?? span.last;
  const summary: ExportSummary = { rows: 0, from, to, files: [] };
  const counted = (n: number) => {
    summary.rows += n;
    o.onProgress?.(summary.rows);
  };
  const zip = new yazl.ZipFile();
  const mtime = o.now;

  async function* dailyLines(
    dimension: string | null,
    cells: (r: DailyRow) => (string | number)[],
  ) {
    if (from === null || to === null) return;
    let after: DailyRow | null = null;
    for (;;) {
      const rows = await store.imports.dailyPage(site.id, from, to, dimension, after, PAGE);
      if (rows.length === 0) return;
      yield rows.map((r) => csvLine(cells(r))).join('');
      counted(rows.length);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!;
    }
  }
  const file = (name: string, header: readonly string[], body: AsyncIterable<string>) => {
    summary.files.push(name);
    async function* all() {
      yield csvLine(header);
      yield* body;
    }
    zip.addReadStream(Readable.from(all()), name, { mtime });
  };

  if (o.format === 'plausible') {
    const range = from && to ? `_${compact(from)}_${compact(to)}` : '';
    for (const f of plausibleExportFiles) {
      file(
        `${f.table}${range}.csv`,
        f.header,
        dailyLines(f.dimension, (r) => f.row(r, site.domain)),
      );
    }
  } else {
    const manifest: PomeloManifest = {
      format: POMELO_FORMAT,
      version: POMELO_VERSION,
      domain: site.domain,
      timezone: site.timezone,
      from,
      to,
      exportedAt: o.now.toISOString(),
    };
    summary.files.push(MANIFEST);
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST, { mtime });
    file(pomeloFiles.daily.name, pomeloFiles.daily.header, dailyLines(null, dailyCells));
    async function* hourly() {
      if (from === null || to === null) return;
      // The UTC hours that start within the exported local days (docs/API.md, "Periods").
      const hours = utcHoursOfLocalDays(site.timezone, from, to);
      let after: string | null = null;
      for (;;) {
        const rows = await store.imports.hourlyPage(
          site.id,
          hours.fromHour,
          hours.toHour,
          after,
          PAGE,
        );
        if (rows.length === 0) return;
        yield rows.map((r) => csvLine(hourlyCells(r))).join('');
        counted(rows.length);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.hour;
      }
    }
    file(pomeloFiles.hourly.name, pomeloFiles.hourly.header, hourly());
    async function* revenue() {
      if (from === null || to === null) return;
      const rows = await store.imports.revenueRows(site.id, from, to);
      if (rows.length > 0) yield rows.map((r) => csvLine(revenueCells(r))).join('');
      counted(rows.length);
    }
    file(pomeloFiles.revenue.name, pomeloFiles.revenue.header, revenue());
  }
  zip.end();
  await pipeline(zip.outputStream, out);
  return summary;
}
