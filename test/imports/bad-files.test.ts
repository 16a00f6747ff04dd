// Issue 15 §6: every bad file is refused with its reason, naming the file (and the line when there
// is one), and nothing is imported: no counters, no import record — on SQLite and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ImportError } from '../../server/imports/errors.js';
import { runImport } from '../../server/imports/run-import.js';
import type { ImportSource } from '../../server/store/imports-store.js';
import { testBackends } from '../support/db.js';
import { startReportsServer, type ReportsServer } from '../reports/support.js';
import { csv, goatRows, plausibleFiles, tempDir, writeZip } from './fixtures.js';

const visitors = 'imported_visitors_20240101_20240102.csv';
const pages = 'imported_pages_20240101_20240102.csv';
const good = () => Object.fromEntries(Object.entries(plausibleFiles).map(([n, r]) => [n, csv(r)]));
const header = plausibleFiles[visitors]![0]!;

/** name, kind, how to make the file, reason, text the message must hold. */
const cases: [string, ImportSource, (dir: string) => Promise<string>, string, string][] = [
  [
    'missing column',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'a.zip'), {
        ...good(),
        [visitors]: csv([header.slice(0, -1), ['2024-01-01', 1, 2, 3, 4]]),
      }),
    'bad_columns',
    `a.zip/${visitors}, line 1: missing column(s): visit_duration`,
  ],
  [
    'unknown column',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'b.zip'), {
        ...good(),
        [visitors]: csv([
          [...header, 'extra'],
          ['2024-01-01', 1, 2, 3, 4, 5, 6],
        ]),
      }),
    'bad_columns',
    'unknown column(s): "extra"',
  ],
  [
    'malformed CSV',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'c.zip'), {
        ...good(),
        [visitors]: `${header.join(',')}\n2024-01-01,1,2,3,4,5\n2024-01-02,"1,2,3,4,5\n`,
      }),
    'malformed_csv',
    `c.zip/${visitors}, line`,
  ],
  [
    'a short row',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'c2.zip'), {
        ...good(),
        [visitors]: `${header.join(',')}\n2024-01-01,1,2,3,4,5\n2024-01-02,1,2\n`,
      }),
    'malformed_csv',
    `c2.zip/${visitors}, line 3`,
  ],
  [
    'date in the future',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'd.zip'), {
        ...good(),
        [visitors]: csv([header, ['2024-01-01', 1, 2, 3, 4, 5], ['2099-01-01', 1, 2, 3, 4, 5]]),
      }),
    'date_out_of_range',
    `d.zip/${visitors}, line 3: date 2099-01-01 is in the future`,
  ],
  [
    'date before 2000',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'e.zip'), {
        ...good(),
        [visitors]: csv([header, ['1999-12-31', 1, 2, 3, 4, 5]]),
      }),
    'date_out_of_range',
    'line 2: date 1999-12-31 is before 2000-01-01',
  ],
  [
    'not a date',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'e2.zip'), {
        ...good(),
        [visitors]: csv([header, ['2024-02-30', 1, 2, 3, 4, 5]]),
      }),
    'bad_date',
    'line 2: date must be a date',
  ],
  [
    'negative count',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'f.zip'), {
        ...good(),
        [visitors]: csv([header, ['2024-01-01', 1, -2, 3, 4, 5]]),
      }),
    'bad_count',
    'line 2: pageviews must be a whole number ≥ 0, not "-2"',
  ],
  [
    'non-numeric count',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'g.zip'), {
        ...good(),
        [visitors]: csv([header, ['2024-01-01', 1, 'many', 3, 4, 5]]),
      }),
    'bad_count',
    'pageviews must be a whole number',
  ],
  [
    'a file for another site',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'h.zip'), {
        ...good(),
        [pages]: csv([
          plausibleFiles[pages]![0]!,
          ['2024-01-01', 'other.org', '/', 1, 1, 1, '', 0],
        ]),
      }),
    'other_site',
    `h.zip/${pages}, line 2: hostname "other.org" is not example.com`,
  ],
  [
    'a file that is not in a Plausible export',
    'plausible',
    (d) => writeZip(path.join(d, 'i.zip'), { ...good(), 'notes.txt': 'hello' }),
    'unknown_file',
    'i.zip/notes.txt',
  ],
  [
    // Found by `npm run fuzz` (import uploads): a cut-short gzip file's error was left unheard and
    // took the whole server process down.
    'a GoatCounter .csv.gz cut short',
    'goatcounter',
    async (d) => {
      const gz = zlib.gzipSync(csv(goatRows));
      fs.writeFileSync(path.join(d, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
      return path.join(d, 'cut.csv.gz');
    },
    'bad_zip',
    'cut.csv.gz: not a readable gzip file (unexpected end of file)',
  ],
  [
    // Found by the upload fuzzer (test/fuzz/import-properties.ts): a damaged local header, under a
    // central directory that reads fine, was a 500.
    'a ZIP whose entry header is damaged',
    'plausible',
    async (d) => {
      const file = await writeZip(path.join(d, 'h.zip'), {
        'imported_visitors_20240101_20240102.csv': 'date,visitors\n',
      });
      const bytes = fs.readFileSync(file);
      bytes[0] = 0;
      fs.writeFileSync(file, bytes);
      return file;
    },
    'bad_zip',
    'h.zip/imported_visitors_20240101_20240102.csv: invalid local file header signature',
  ],
  [
    'not a ZIP',
    'plausible',
    async (d) => {
      fs.writeFileSync(path.join(d, 'j.zip'), 'date,visitors\n');
      return path.join(d, 'j.zip');
    },
    'bad_zip',
    'j.zip: not a ZIP file',
  ],
  [
    'a ZIP bomb',
    'plausible',
    (d) =>
      writeZip(path.join(d, 'k.zip'), {
        ...good(),
        [visitors]: Buffer.alloc(8 * 1024 * 1024, 0x30),
      }),
    'zip_bomb',
    'refused as a ZIP bomb',
  ],
  [
    'a 2 GB file',
    'plausible',
    async (d) => {
      const f = path.join(d, 'big.zip');
      fs.writeFileSync(f, '');
      fs.truncateSync(f, 2 * 1024 ** 3);
      return f;
    },
    'too_large',
    'big.zip: 2147483648 bytes: the limit is 1073741824',
  ],
  [
    'an empty file',
    'goatcounter',
    async (d) => {
      fs.writeFileSync(path.join(d, 'l.csv'), '');
      return path.join(d, 'l.csv');
    },
    'no_data',
    'l.csv: the file is empty',
  ],
  [
    'GoatCounter columns',
    'goatcounter',
    async (d) => {
      fs.writeFileSync(
        path.join(d, 'm.csv'),
        csv([
          ['1Path', 'Title'],
          ['/', 'x'],
        ]),
      );
      return path.join(d, 'm.csv');
    },
    'bad_columns',
    'm.csv, line 1: GoatCounter export format 1 is not supported',
  ],
  [
    'GoatCounter bad date on line 4',
    'goatcounter',
    async (d) => {
      const rows = goatRows.map((r) => [...r]);
      rows[3]![13] = 'yesterday';
      fs.writeFileSync(path.join(d, 'n.csv'), csv(rows));
      return path.join(d, 'n.csv');
    },
    'bad_date',
    'n.csv, line 4: Date must be an RFC 3339 time',
  ],
  [
    'GoatCounter future date',
    'goatcounter',
    async (d) => {
      const rows = goatRows.map((r) => [...r]);
      rows[2]![13] = '2031-01-01T00:00:00Z';
      fs.writeFileSync(path.join(d, 'o.csv'), csv(rows));
      return path.join(d, 'o.csv');
    },
    'date_out_of_range',
    'o.csv, line 3: Date 2031-01-01 is in the future',
  ],
  [
    'Pomelo manifest missing',
    'pomelo',
    (d) => writeZip(path.join(d, 'p.zip'), { 'daily_counters.csv': 'day\n' }),
    'bad_manifest',
    'p.zip/pomelo.json',
  ],
];

describe.each(testBackends())('bad import files on %s', (backend) => {
  let s: ReportsServer;
  let dir: string;
  beforeAll(async () => {
    s = await startReportsServer(backend, [{ domain: 'example.com', timezone: 'Europe/Paris' }]);
    s.setClock('2025-06-01T12:00:00Z');
    // Native data that must stay as it is.
    await s.event('2024-01-01T10:00:00Z', {
      n: 'pageview',
      d: 'example.com',
      u: 'https://example.com/',
      r: null,
      z: 'Europe/Paris',
      w: 1280,
    });
    dir = tempDir();
  });
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(cases)(
    '%s is refused with its reason and changes nothing',
    async (_name, kind, make, reason, text) => {
      const store = s.server.store;
      const site = (await store.siteByDomain('example.com'))!;
      const before = {
        daily: await store.dailyRows(site.id),
        hourly: await store.hourlyRows(site.id),
      };
      const file = await make(dir);
      const err = await runImport(store, {
        kind,
        path: file,
        fileName: path.basename(file),
        site,
        createdBy: null,
        origin: 'cli',
        now: new Date('2025-06-01T12:00:00Z'),
      }).catch((e) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect(err.reason).toBe(reason);
      expect(err.message).toContain(text);
      expect(await store.dailyRows(site.id)).toEqual(before.daily);
      expect(await store.hourlyRows(site.id)).toEqual(before.hourly);
      expect(await store.imports.list(site.id)).toEqual([]);
    },
  );

  test('rows already staged when a late line fails are discarded with the import', async () => {
    const store = s.server.store;
    const site = (await store.siteByDomain('example.com'))!;
    const before = await store.dailyRows(site.id);
    const rows = goatRows.map((r) => [...r]);
    rows[5]![2] = 'maybe'; // the Event cell of the last line
    const file = path.join(dir, 'late.csv');
    fs.writeFileSync(file, csv(rows));
    const staged: number[] = [];
    const original = store.imports.stageRows;
    store.imports.stageRows = async (siteId, id, write) => {
      staged.push(write.daily.length);
      return original(siteId, id, write);
    };
    try {
      const err = await runImport(store, {
        kind: 'goatcounter',
        path: file,
        fileName: 'late.csv',
        site,
        createdBy: null,
        origin: 'cli',
        now: new Date('2025-06-01T12:00:00Z'),
        flushEvery: 1,
      }).catch((e) => e);
      expect(err.message).toBe('late.csv, line 6: Event must be true or false');
    } finally {
      store.imports.stageRows = original;
    }
    expect(staged.length).toBeGreaterThan(2);
    expect(await store.dailyRows(site.id)).toEqual(before);
    expect(await store.imports.list(site.id)).toEqual([]);
  });
});
