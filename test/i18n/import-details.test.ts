// Import refusals in the dashboard's languages (issue: "Import error detail in the user's
// language"): every detail code the server can send has words in the dashboard's catalogs, the
// English words are the server's own, and a refusal made by the real importer from a real bad file
// reads, once through the dashboard's wording, in the reader's language.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { importDetailKeys, importRefusalText } from '../../dashboard/src/i18n/import-errors.js';
import '../../dashboard/src/i18n/all-catalogs.js';
import { setLang } from '../../dashboard/src/i18n/locale.js';
import { en } from '../../dashboard/src/i18n/messages/en.js';
import { cliCatalogs } from '../../server/cli/text.js';
import { ImportError, importDetailText } from '../../server/imports/errors.js';
import { runImport } from '../../server/imports/run-import.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { SiteRecord, Store } from '../../server/store/types.js';
import { csv, goatRows, tempDir } from '../imports/fixtures.js';

test('every server detail code has the dashboard words, in English the server’s own', () => {
  expect(Object.keys(importDetailKeys).sort()).toEqual(Object.keys(importDetailText).sort());
  for (const [code, key] of Object.entries(importDetailKeys)) {
    expect(en[key], code).toBe(importDetailText[code as keyof typeof importDetailText]);
  }
});

test('the CLI words every detail code too, in English the server’s own', () => {
  const cli = cliCatalogs.en as Record<string, string>;
  for (const [code, words] of Object.entries(importDetailText)) {
    expect(cli[`importDetail_${code}`], code).toBe(words);
  }
});

describe('a real refusal worded by the dashboard', () => {
  let dir: string;
  let store: Store;
  let site: SiteRecord;
  beforeAll(async () => {
    dir = tempDir();
    store = openSqliteStore(path.join(dir, 'pomelo.db'));
    await store.migrate();
    site = await store.addSite({ domain: 'example.com', timezone: 'UTC' }, new Date());
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => setLang('en'));

  /** What the upload route answers for a refused file (server/imports/routes.ts). */
  async function refusal(rows: (string | number)[][], name: string) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, csv(rows));
    const err = await runImport(store, {
      kind: 'goatcounter',
      path: file,
      fileName: name,
      site,
      createdBy: null,
      origin: 'api',
      now: new Date('2025-06-01T12:00:00Z'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const e = err as ImportError;
    return {
      message: `${e.message}. Nothing was imported.`,
      file: e.file,
      line: e.line,
      detail: { code: e.code, params: e.params },
    };
  }

  test('a bad date: English as the API says it, then French, German and Portuguese', async () => {
    const rows = goatRows.map((r) => [...r]);
    rows[3]![13] = 'yesterday';
    const error = await refusal(rows, 'export.csv');
    expect(importRefusalText(error)).toBe(error.message);
    expect(error.message).toBe(
      'export.csv, line 4: Date must be an RFC 3339 time, not "yesterday". Nothing was imported.',
    );
    await setLang('fr');
    expect(importRefusalText(error)).toBe(
      'export.csv, ligne 4\u202f: Date doit être une heure RFC 3339, pas "yesterday". Rien n’a été importé.',
    );
    await setLang('de');
    expect(importRefusalText(error)).toBe(
      'export.csv, Zeile 4: Date muss eine Zeit nach RFC 3339 sein, nicht "yesterday". Es wurde nichts importiert.',
    );
    await setLang('pt');
    expect(importRefusalText(error)).toBe(
      'export.csv, linha 4: Date tem de ser uma hora RFC 3339, não "yesterday". Nada foi importado.',
    );
  });

  test('a file without its line (wrong columns) and an unknown code fall back sensibly', async () => {
    const error = await refusal([['1Path', 'Title']], 'old.csv');
    await setLang('es');
    expect(importRefusalText(error)).toBe(
      'old.csv, línea 1: el formato de exportación 1 de GoatCounter no es compatible (solo la versión 2). No se ha importado nada.',
    );
    // A newer server's code this dashboard does not know yet: the server's sentence as sent.
    const unknown = { ...error, detail: { code: 'somethingNew', params: {} } };
    expect(importRefusalText(unknown)).toBe(error.message);
  });
});
