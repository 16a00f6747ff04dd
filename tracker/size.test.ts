// The core tracker's budget (DESIGN.md principle 5): tracker/dist/p.js, as built by the test run's
// globalSetup, stays within 1,024 bytes gzipped at level 9. Variants and the replay module
// (tracker/replay/dist/replay.js, loaded only for a research window) are reported, not capped.
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

  test('the replay module is built, as an ES module', () => {
    const file = fileURLToPath(new URL('./replay/dist/replay.js', import.meta.url));
    const code = fs.readFileSync(file);
    console.log(
      `tracker/replay/dist/replay.js: ${gzipSync(code, { level: 9 }).length} bytes gzipped`,
    );
    // The module reads its offer from its own URL, which only a module script has.
    expect(code.toString('utf8')).toContain('import.meta.url');
  });

  test('the tab loader (continue / withdraw) is built, small, and imports nothing', () => {
    const file = fileURLToPath(new URL('./replay/dist/replay-tab.js', import.meta.url));
    const code = fs.readFileSync(file);
    const size = gzipSync(code, { level: 9 }).length;
    console.log(`tracker/replay/dist/replay-tab.js: ${size} bytes gzipped`);
    expect(size).toBeLessThan(600);
    expect(code.toString('utf8')).not.toMatch(/^import /m);
  });

  test('the core bundle touches no device storage, no fingerprinting surface, no recording code', () => {
    const code = fs.readFileSync(dist('p.js'), 'utf8');
    for (const name of [
      'cookie',
      'Storage',
      'indexedDB',
      'canvas',
      'getContext',
      'MutationObserver',
      'rrweb',
    ]) {
      expect(code).not.toContain(name);
    }
    // The mentions of replay: the consent flag of pomelo('consent', {replay: true}) and the tab
    // loader a withdrawal imports (tracker/replay/tab.ts), which deletes this tab's recording.
    expect(code.match(/[\w/-]*replay[\w-]*/gi)).toEqual(['replay', '/replay-tab']);
  });
});
