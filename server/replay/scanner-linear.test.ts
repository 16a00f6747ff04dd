// The leak scanner reads attacker-controlled text (a 2 MiB chunk): its work must grow linearly
// with the text's length. Steps are counted by the scanner itself (StepCounter), never timed.
import { describe, expect, test } from 'vitest';
import { jsonPathsAt } from './json-path';
import { scanChunk, scanJoinedRuns, scanText, type StepCounter } from './scanner';

/** Text of about `n` characters made by repeating `unit`. */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length));

const FAMILIES: Record<string, string> = {
  letters: 'a',
  digits: '1',
  'spaced digits': '1 ',
  'at signs': '@',
  dots: '.',
  'encoded at signs': '%40',
  'addresses back to back': 'a@b.cd ',
  'a long local part, then a failing domain': 'ab.'.repeat(30) + '@' + 'b.'.repeat(40) + 'x ',
  'international phones': '+33 6 12 34 56 78 ',
  'plus signs and digits': '+1',
  'French phones in a row': '06 12 34 56 78 ',
  'IBAN starts': 'FR76 ',
  'NIRs in a row': '1 85 05 78 006 084 91 ',
  'zeros and slashes': '01/',
  'cards in a row': '4111 1111 1111 1111 ',
  'JSON escapes': '\\n',
};

function steps(text: string, canaries: string[] = []): number {
  const counter: StepCounter = { count: 0 };
  scanText(text, { steps: counter, canaries });
  return counter.count;
}

describe('scanText grows linearly on adversarial text', () => {
  test.each(Object.entries(FAMILIES))('%s', (_name, unit) => {
    const n = 8_000;
    const small = steps(fill(unit, n));
    const large = steps(fill(unit, 8 * n));
    // Linear: eight times the text costs about eight times the steps (quadratic would be 64×),
    // and a bounded number of steps per character.
    expect(large / small).toBeLessThan(9);
    expect(large).toBeLessThan(60 * 8 * n);
  });

  test('findings everywhere: overlap checks stay linear (they were quadratic)', () => {
    const unit = 'a@b.cd 1 85 05 78 006 084 91 ';
    const small = steps(fill(unit, 10_000));
    const large = steps(fill(unit, 80_000));
    expect(scanText(fill(unit, 80_000)).length).toBeGreaterThan(5_000);
    expect(large / small).toBeLessThan(9);
  });

  test('a canary hit at every position', () => {
    const small = steps(fill('a', 10_000), ['aaaa']);
    const large = steps(fill('a', 80_000), ['aaaa']);
    expect(large / small).toBeLessThan(9);
  });
});

describe('the joined-text scan and the JSON paths', () => {
  test('many runs of many pieces grow linearly', () => {
    const count = (pieces: number) => {
      const runs = Array.from({ length: pieces / 10 }, () => ({
        pieces: Array.from({ length: 10 }, (_, k) => (k % 2 === 0 ? 'jane' : '@example.com ')),
        path: () => '[0]',
      }));
      const counter: StepCounter = { count: 0 };
      const found = scanJoinedRuns(runs, { steps: counter });
      return { steps: counter.count, found: found.length };
    };
    const small = count(2_000);
    const large = count(16_000);
    expect(small.found).toBeGreaterThan(0);
    expect(large.steps / small.steps).toBeLessThan(9);
  });

  test('many findings deep in the tree: each path is rendered once per string', () => {
    const deep = (n: number) =>
      '['.repeat(400) + JSON.stringify(fill('a@b.cd ', n)) + ']'.repeat(400);
    const text = deep(7_000);
    const findings = scanChunk(text);
    expect(findings.length).toBe(1_000);
    const paths = new Set(findings.map((f) => f.path));
    expect(paths.size).toBe(1);
    // The same answer as asking for each offset alone.
    expect(jsonPathsAt(text, [findings[500]!.offset])[0]).toBe(findings[0]!.path);
  });
});
