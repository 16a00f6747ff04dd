import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileGlob,
  excludedPathGlob,
  type GlobTail,
  type StepCounter,
  urlRuleGlob,
  validateGlob,
} from './glob.js';

/** The plainest possible matcher: recursion over the pattern text, exponential, small inputs only. */
function reference(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p.startsWith('**')) {
    for (let k = 0; k <= s.length; k++) if (reference(p.slice(2), s.slice(k))) return true;
    return false;
  }
  if (p[0] === '*') {
    for (let k = 0; k <= s.length; k++) {
      if (reference(p.slice(1), s.slice(k))) return true;
      if (s[k] === '/') return false;
    }
    return false;
  }
  return s !== '' && s[0] === p[0] && reference(p.slice(1), s.slice(1));
}

function referenceWithTail(p: string, s: string, tail: GlobTail): boolean {
  if (reference(p, s)) return true;
  if (tail === 'optional-slash') return s.endsWith('/') && reference(p, s.slice(0, -1));
  if (tail === 'subtree') {
    for (let k = 0; k < s.length; k++) if (s[k] === '/' && reference(p, s.slice(0, k))) return true;
  }
  return false;
}

/** The regular expressions the two callers built before issue 11 (safe on these tiny inputs). */
function oldExcluded(pattern: string, path: string): boolean {
  const body = pattern
    .replace(/\/\*$/, '\u0000')
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace('\u0000', '(/.*)?');
  return new RegExp(`^${body}/?$`).test(path);
}
function oldUrlRule(rule: string, path: string): boolean {
  if (!rule.includes('*')) {
    const prefix = rule.toLowerCase().replace(/\/+$/, '');
    const p = path.toLowerCase();
    return prefix === '' || p === prefix || p.startsWith(`${prefix}/`);
  }
  const source = rule
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'i').test(path);
}

const text = (chars: string[], max: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
const patternArb = text(['a', 'b', 'A', '/', '*', '*', '.'], 9);
const pathArb = text(['a', 'b', 'A', '/', '.'], 12);
const runs = { numRuns: 10_000, seed: 11 };

describe('compileGlob agrees with the reference matcher', () => {
  test.each<[GlobTail, boolean]>([
    ['exact', false],
    ['optional-slash', false],
    ['subtree', true],
  ])('tail %s, ignoreCase %s: 10,000 random patterns and paths', (tail, ignoreCase) => {
    fc.assert(
      fc.property(patternArb, pathArb, (p, s) => {
        const fold = (x: string) => (ignoreCase ? x.toLowerCase() : x);
        const got = compileGlob(p, { tail, ignoreCase }).matches(s);
        expect(got).toBe(referenceWithTail(fold(p), fold(s), tail));
      }),
      runs,
    );
  });

  test('excluded paths keep the matches of the old regex (patterns without **)', () => {
    const excluded = patternArb.filter((p) => !p.includes('**')).map((p) => `/${p}`);
    fc.assert(
      fc.property(excluded, pathArb, (p, s) => {
        expect(excludedPathGlob(p).matches(s)).toBe(oldExcluded(p, s));
      }),
      runs,
    );
  });

  test('URL rules keep the matches of the old regex', () => {
    const rules = patternArb.filter((p) => !p.includes('***')).map((p) => `/${p}`);
    fc.assert(
      fc.property(rules, pathArb, (r, s) => {
        expect(urlRuleGlob(r).matches(s)).toBe(oldUrlRule(r, s));
      }),
      runs,
    );
  });
});

describe('worst case: steps bounded by 2 × (|pattern| + 3) × (|path| + 1)', () => {
  const bound = (p: string, s: string) => 2 * (p.length + 3) * (s.length + 1);
  const redos = `/${'a*'.repeat(40)}b`;
  const path = `/${'a'.repeat(299)}`;

  test.each<[string, () => { matches(s: string, c?: StepCounter): boolean }]>([
    ['excluded path', () => excludedPathGlob(redos)],
    ['URL rule', () => urlRuleGlob(redos)],
    ['** rule', () => urlRuleGlob(`/${'a**'.repeat(40)}b`)],
    ['subtree', () => excludedPathGlob(`/${'a*'.repeat(40)}b/*`)],
  ])('the issue 11 pattern as %s on a 300-character path', (_name, make) => {
    const counter = { steps: 0 };
    expect(make().matches(path, counter)).toBe(false);
    expect(counter.steps).toBeGreaterThan(0);
    expect(counter.steps).toBeLessThanOrEqual(bound(redos, path) + 2 * 4 * (path.length + 1));
  });

  test('every random pattern and path stays under the bound (instrumented)', () => {
    const long = text(['a', 'b', '/', '*', '*'], 200);
    const longPath = text(['a', 'a', 'b', '/'], 300);
    fc.assert(
      fc.property(long, longPath, (p, s) => {
        for (const tail of ['exact', 'optional-slash', 'subtree'] as const) {
          const counter = { steps: 0 };
          compileGlob(`/${p}`, { tail }).matches(s, counter);
          expect(counter.steps).toBeLessThanOrEqual(bound(`/${p}`, s));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  test('steps grow linearly with the path, not exponentially', () => {
    const g = urlRuleGlob(redos);
    const steps = [300, 600, 1200].map((n) => {
      const c = { steps: 0 };
      g.matches(`/${'a'.repeat(n)}`, c);
      return c.steps;
    });
    expect(steps[2]! / steps[1]!).toBeLessThan(2.1);
    expect(steps[1]! / steps[0]!).toBeLessThan(2.1);
  });
});

describe('the two callers', () => {
  test.each([
    ['/admin', '/admin', true],
    ['/admin', '/admin/', true],
    ['/admin', '/administrator', false],
    ['/admin', '/Admin', false],
    ['/admin/*', '/admin/users/1', true],
    ['/admin/*', '/admin', true],
    ['/admin/*', '/administrator', false],
    ['/shop/*/42', '/shop/cart/42', true],
    ['/shop/*/42', '/shop/a/b/42', false],
    ['/shop/**/42', '/shop/a/b/42', true],
    ['/a*b', '/a.b', true],
    ['/a.b', '/axb', false],
    ['/*', '/anything/below', true],
  ])('excluded %s on %s → %s', (pattern, path, expected) => {
    expect(excludedPathGlob(pattern).matches(path)).toBe(expected);
  });

  test.each([
    ['/blog', '/blog/a/b', true],
    ['/blog', '/blogger', false],
    ['/blog/', '/blog', true],
    ['/Blog', '/blog/x', true],
    ['/', '/anything', true],
    ['/products/*', '/products/shoes/red', false],
    ['/products/**', '/products/shoes/red', true],
    ['/docs/*.HTML', '/docs/intro.html', true],
  ])('URL rule %s on %s → %s', (rule, path, expected) => {
    expect(urlRuleGlob(rule).matches(path)).toBe(expected);
  });

  test.each([
    ['/admin/*', null],
    ['/a/**/b', null],
    ['', 'empty pattern'],
    ['admin', 'must start with /'],
    [`/${'a'.repeat(200)}`, 'longer than 200 characters'],
    ['/a b', 'no spaces or control characters'],
    ['/a\u0000b', 'no spaces or control characters'],
    ['/a?x=1', 'no query or fragment (? or #)'],
    ['/a#x', 'no query or fragment (? or #)'],
    ['/a/***', 'use * (within a segment) or ** (across segments), not ***'],
    ['/a\ud800', 'must be valid Unicode (a lone surrogate)'],
    ['/\udc00a', 'must be valid Unicode (a lone surrogate)'],
    ['/caf\u00e9/\ud83d\ude00', null],
  ])('validateGlob(%j) → %j', (pattern, reason) => {
    expect(validateGlob(pattern)).toBe(reason);
  });
});
