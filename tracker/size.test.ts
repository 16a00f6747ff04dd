// The core tracker's budget (DESIGN.md principle 5): tracker/dist/p.js, as built by the test run's
// globalSetup, stays within 1,024 bytes gzipped at level 9. Variants are reported, not capped.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { variants } from './vite.config';

const budget = 1024;
const dist = (file: string) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));
const gzipped = (file: string) => gzipSync(fs.readFileSync(dist(file)), { level: 9 }).length;

describe('tracker size', () => {
  test(`p.js is at most ${budget} bytes gzipped`, () => {
    const size = gzipped('p.js');
    console.log(`tracker/dist/p.js: ${size} bytes gzipped (budget ${budget})`);
    expect(size).toBeLessThanOrEqual(budget);
  });

  test.each(Object.keys(variants).slice(1))('variant %s is built', (file) => {
    console.log(`tracker/dist/${file}: ${gzipped(file)} bytes gzipped`);
    expect(fs.existsSync(dist(file))).toBe(true);
  });

  test('the core bundle touches no device storage and no fingerprinting surface', () => {
    const code = fs.readFileSync(dist('p.js'), 'utf8');
    for (const name of ['cookie', 'Storage', 'indexedDB', 'canvas', 'getContext', 'replay']) {
      expect(code).not.toContain(name);
    }
  });
});
