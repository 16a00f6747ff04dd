import { describe, expect, test } from 'vitest';
import { createProgress, duration, progressLine } from './progress.js';

describe('progress', () => {
  test('a line: bar, counts, rate per second and time left; done in at the end', () => {
    expect(progressLine('copy', 250, 1000, 5_000, 'rows')).toBe(
      'copy [########----------------------]  25% 250/1,000 rows, 50 rows/s, ETA 15s',
    );
    expect(progressLine('copy', 1000, 1000, 65_000, 'rows')).toMatch(/100% .* done in 1m05s$/);
    expect(progressLine('copy', 0, 10, 0)).toMatch(/ETA \?$/);
    // In French: numbers as French writes them, the words translated, the units as given.
    expect(progressLine('copie', 2500, 10000, 5_000, 'lignes', 'fr')).toBe(
      'copie [########----------------------]  25% 2\u202f500/10\u202f000 lignes, 500 lignes/s, reste 15s',
    );
    expect(progressLine('copie', 10, 10, 65_000, 'lignes', 'fr')).toMatch(/terminé en 1m05s$/);
    expect(duration(7_384)).toBe('2h03m');
  });

  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (t: string) => writes.push(t) } };
  }

  test('on a terminal: redrawn in place with \\r, at most ten times a second', () => {
    let now = 0;
    const s = stream(true);
    const bar = createProgress('x', 100, { stream: s.stream, now: () => now });
    for (let i = 1; i <= 100; i++) {
      now += 10;
      bar.update(i);
    }
    bar.finish();
    expect(s.writes.every((w) => w.startsWith('\r'))).toBe(true);
    expect(s.writes.length).toBeLessThanOrEqual(12);
    expect(s.writes.at(-1)).toMatch(/100% .*\n$/);
  });

  test('not on a terminal: whole lines, one every 5 s, and the last one', () => {
    let now = 0;
    const s = stream(false);
    const bar = createProgress('x', 1000, { stream: s.stream, now: () => now });
    for (let i = 1; i <= 1000; i++) {
      now += 20;
      bar.update(i);
    }
    bar.finish();
    expect(s.writes.some((w) => w.includes('\r'))).toBe(false);
    expect(s.writes.every((w) => w.endsWith('\n'))).toBe(true);
    expect(s.writes.length).toBe(5); // at 0.02 s, 5, 10 and 15 s, and the final one
    expect(s.writes.at(-1)).toMatch(/100% 1,000\/1,000, 50\/s, done in 20s\n$/);
  });
});
