// Fixed-seed fuzzing of imports (issue 15 §6, issue 18 §5): random CSV rows — well-formed, hostile
// or broken — in a GoatCounter export and in a Plausible visitors file. Whatever the rows, an import
// either succeeds or is refused with an ImportError naming the file; a refusal changes nothing, and
// a success removed again leaves the counters as they were. Real SQLite file and real PostgreSQL
// database (the same properties on both), real ZIP, real CSV. Then the upload route over real HTTP
// with every kind of file, mutated and raw bytes too (test/fuzz/import-properties.ts; `npm run fuzz`
// runs the same property with many more cases).
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
import { goatRow, visitorsHeader, visitorsRow } from './import-arbitraries.js';
import { type ImportFuzzContext, importUploads, startImportFuzz } from './import-properties.js';
import { createPgDatabase, testBackends, type PgDatabase } from '../support/db.js';

const SEED = 42;
const RUNS = 60;
/** Uploads over HTTP: every kind of file (see uploadCase), ~1 s of a 2-core machine per 10. */
const UPLOAD_RUNS = 80;
const now = new Date('2025-06-01T12:00:00Z');

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
          const header = visitorsHeader;
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

describe('the upload route over HTTP (seed 42)', () => {
  let ctx: ImportFuzzContext;
  beforeAll(async () => {
    ctx = await startImportFuzz();
  }, 60_000);
  afterAll(() => ctx?.close());

  test(
    importUploads.name,
    async () => {
      await fc.assert(importUploads.property(ctx), { seed: SEED, numRuns: UPLOAD_RUNS });
      // Every kind of file was imported at least once and refused at least once: not vacuous.
      const seen = Object.fromEntries(ctx.seen);
      for (const key of [
        'goatcounter 201',
        'goatcounter 400',
        'plausible 201',
        'plausible 400',
        'pomelo 201',
        'pomelo 400',
      ]) {
        expect(seen[key] ?? 0, `${key} in ${JSON.stringify(seen)}`).toBeGreaterThan(0);
      }
    },
    180_000,
  );
});
