// STYLE.md 1: date resolution, metrics, parsing and report shaping are pure (no I/O, no clock).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const pure = [
  'server/reports/calendar.ts',
  'server/reports/date-range.ts',
  'server/reports/metrics.ts',
  'server/reports/compare.ts',
  'server/reports/csv.ts',
  'server/reports/params.ts',
  'server/reports/realtime.ts',
  'server/reports/minutes.ts',
  'server/stats-api/parse.ts',
];
const root = path.resolve(import.meta.dirname, '../..');

test.each(pure)('%s imports no framework, driver or I/O and reads no clock', (file) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  expect(imports.filter((m) => !m.startsWith('.'))).toEqual([]);
  expect(imports.filter((m) => m.includes('/store/') && !/import type/.test(text))).toEqual([]);
  expect(text).not.toMatch(/Date\.now\(\)|new Date\(\)|performance\.now/);
});
