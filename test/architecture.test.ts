// Enforces the code map's import rules (docs/ARCHITECTURE.md) by scanning source imports.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.includes('dist'))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
}

const dbModules = /^(drizzle-orm|better-sqlite3|postgres)(\/|$)/;
const ioModules = /^(node:)?(fs|net|http|https|child_process|dgram)(\/|$)|^(hono|@hono\/)/;
const pureCounters = ['batch.ts', 'cap.ts', 'deltas.ts', 'time.ts', 'types.ts'];
/** The replay core: decisions and checks, no I/O (server/replay/*, DESIGN.md "Replay research window"). */
const pureReplay = [
  'checksums.ts', 'json-path.ts', 'offer-token.ts', 'record-of-processing.ts', 'scanner.ts',
  'url-rules.ts', 'window.ts', 'window-input.ts', 'window-options.ts', 'window-transitions.ts',
  'safeguards.ts',
]; // prettier-ignore

describe('import rules', () => {
  test.each(sources('server').filter((f) => !f.startsWith('server/store/')))(
    '%s does not touch the database directly',
    (file) => {
      expect(importsOf(file).filter((m) => dbModules.test(m))).toEqual([]);
    },
  );

  test.each([
    ...sources('server/classify'),
    ...pureCounters.map((f) => `server/counters/${f}`),
    ...pureReplay.map((f) => `server/replay/${f}`),
    'server/goals/goal-input.ts',
    'server/privacy/report.ts',
    'server/privacy/render.ts',
    'server/i18n/locale.ts',
    'server/i18n/translate.ts',
  ])('%s is pure (no I/O, no framework)', (file) => {
    expect(importsOf(file).filter((m) => ioModules.test(m) || dbModules.test(m))).toEqual([]);
    expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toMatch(
      /Date\.now\(\)|new Date\(\)/,
    );
  });

  test.each([...sources('server/ingest'), ...sources('server/classify')])(
    '%s does not climb into accounts (path matching lives in server/classify)',
    (file) => {
      expect(importsOf(file).filter((m) => /(^|\/)accounts\//.test(m))).toEqual([]);
    },
  );

  test.each(sources('tracker/src'))('%s (core tracker) imports nothing from the server', (file) => {
    expect(importsOf(file).filter((m) => !m.startsWith('./'))).toEqual([]);
  });

  test.each(sources('server').filter((f) => !/server\/(main|cli\/main)\.ts$/.test(f)))(
    '%s does not read process.env (config is parsed once)',
    (file) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect(text.includes('process.env') && !file.endsWith('config.ts')).toBe(false);
    },
  );
});
