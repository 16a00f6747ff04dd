import { expect, test } from 'vitest';
import { isExcludedPath } from './excluded-path.js';

test.each([
  ['/admin', ['/admin'], true],
  ['/admin/', ['/admin'], true],
  ['/administrator', ['/admin'], false],
  ['/admin/users/1', ['/admin/*'], true],
  ['/admin', ['/admin/*'], true],
  ['/shop/cart/42', ['/shop/*/42'], true],
  ['/a.b', ['/a*b'], true],
  ['/axb', ['/a.b'], false],
  ['/x', ['/a', '/b', '/x/*'], true],
  ['/', undefined, false],
  ['/', [], false],
])('isExcludedPath(%s, %j) = %s', (path, patterns, expected) => {
  expect(isExcludedPath(path, patterns)).toBe(expected);
});

test('the issue 11 pattern on a 300-character path: false, in a bounded number of steps', () => {
  const patterns = [`/${'a*'.repeat(40)}b`];
  const counter = { steps: 0 };
  expect(isExcludedPath(`/${'a'.repeat(299)}`, patterns, counter)).toBe(false);
  expect(counter.steps).toBeLessThanOrEqual(2 * (patterns[0]!.length + 3) * 301);
});
