// Fixed-seed fuzzing of imports (issue 15 §6): random CSV rows — well-formed, hostile or broken —
// in a GoatCounter export and in a Plausible visitors file. Whatever the rows, an import either
// succeeds or is refused with an ImportError naming the file; a refusal changes nothing, and a
// success removed again leaves the counters as they were. Real SQLite file and real PostgreSQL
// database (the same properties on both), real ZIP, real CSV.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ImportError } from '../../server/imports/errors.js';
import { runImport } from '../../server/imports/run-import.js';
import { openPgStore } from '../../server/store/pg.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import { csv, goatHeader, tempDir, writeZip } from '../imports/fixtures.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';

const SEED = 42;
const RUNS = 60;
const now = new Date('2025-06-01T12:00:00Z');

/** A cell: mostly plausible values, sometimes hostile text (quotes, newlines, control, bidi). */
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    '-1',
    '1e3',
    'NaN',
    '"',
    '\n',
    '\r\n',
    '\u0000',
    '\u202e',
    '=cmd|calc',
    '９',
    ' 7 ',
  ),
  fc.string({ maxLength: 12 }),
);
const count = fc.oneof(
  { weight: 19, arbitrary: fc.nat({ max: 500 }).map(String) },
  { weight: 1, arbitrary: hostile },
);
const date = fc.oneof(
  {
    weight: 19,
    arbitrary: fc
      .date({ min: new Date('1998-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: hostile },
);
const time = fc.oneof(
  fc
    .date({ min: new Date('1998-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  hostile,
);
const goatRow = fc.tuple(
  fc.oneof(fc.constantFrom('/', '/a', '/b?x=1', 'signup'), hostile),
  fc.string({ maxLength: 6 }),
  fc.oneof(fc.constantFrom('true', 'false'), hostile),
  fc.constant(''),
  fc.oneof(fc.constantFrom('Firefox 121', 'Chrome 120', ''), hostile),
  fc.oneof(fc.constantFrom('Linux', 'Android 14', ''), hostile),
  fc.nat().map(String),
  fc.oneof(fc.constantFrom('0', '0', '1'), hostile),
  fc.oneof(fc.constantFrom('', 'news.example.org/x', 'https://t.co/y'), hostile),
  fc.constantFrom('', 'h', 'g', 'o'),
  fc.oneof(fc.constantFrom('1920,1080,1', '390,844,3', ''), hostile),
  fc.oneof(fc.constantFrom('FR', 'US-CA', ''), hostile),
  fc.oneof(fc.constantFrom('true', 'false'), hostile),
  time,
);
const visitorsRow = fc.tuple(date, count, count, count, count, count);

describe.each(testBackends())('imports fuzzing on %s (seed 42)', (backend) => {
  let dir: string;
  let store: Store;
  let pg: PgDatabase | undefined;
  let site: SiteRecord;
  let n = 0;
  beforeAll(async () => {
    dir = tempDir();
    if (backend === 'postgres') {
      pg = await createPgDatabase();
      store = openPgStore(pg.url, { poolSize: 2 });
    } else {
      store = openSqliteStore(path.join(dir, 'fuzz.db'));
    }
    await store.migrate();
    site = await store.addSite({ domain: 'example.com', timezone: 'Europe/Paris' }, now);
  });
  afterAll(async () => {
    await store?.close();
    await pg?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function check(kind: 'goatcounter' | 'plausible', file: string) {
    const before = await store.dailyRows(site.id);
    const hourly = await store.hourlyRows(site.id);
    const outcome = await runImport(store, {
      kind,
      path: file,
      fileName: path.basename(file),
      site,
      createdBy: null,
      origin: 'cli',
      now,
    }).catch((e: unknown) => e);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ImportError);
      expect(outcome.message.startsWith(path.basename(file))).toBe(true);
    } else {
      await store.imports.remove(site.id, (outcome as { id: number }).id);
    }
    expect(await store.dailyRows(site.id)).toEqual(before);
    expect(await store.hourlyRows(site.id)).toEqual(hourly);
    expect(await store.imports.list(site.id)).toEqual([]);
    return outcome instanceof Error ? 'refused' : 'imported';
  }

  test('GoatCounter: random rows are imported (and removed exactly) or refused with nothing changed', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(goatRow, { minLength: 1, maxLength: 12 }), async (rows) => {
        const file = path.join(dir, `goat-${++n}.csv`);
        fs.writeFileSync(file, csv([goatHeader, ...rows]));
        outcomes.add(await check('goatcounter', file));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both branches were exercised: the property is not vacuous.
    expect([...outcomes].sort()).toEqual(['imported', 'refused']);
  }, 120_000);

  test('Plausible: random visitors rows are imported (and removed exactly) or refused with nothing changed', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(visitorsRow, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (rows, raw) => {
          const header = ['date', 'visitors', 'pageviews', 'bounces', 'visits', 'visit_duration'];
          // Sometimes the rows are joined without quoting: broken CSV on purpose.
          const body = raw
            ? `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`
            : csv([header, ...rows]);
          const file = await writeZip(path.join(dir, `plausible-${++n}.zip`), {
            'imported_visitors_20240101_20240102.csv': body,
          });
          outcomes.add(await check('plausible', file));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect([...outcomes].sort()).toEqual(['imported', 'refused']);
  }, 120_000);
});
