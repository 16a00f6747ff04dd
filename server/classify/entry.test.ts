// Tests navigation kinds and entry (new visit) detection, including hostile input.
import { describe, expect, test } from 'vitest';
import { isEntry, navigationKind, type NavigationKind } from './entry';

describe('navigationKind', () => {
  test.each<[number | undefined, NavigationKind]>([
    [0, 'navigate'],
    [1, 'reload'],
    [2, 'back_forward'],
    [3, 'spa'],
    [undefined, 'unknown'],
    [4, 'unknown'],
    [255, 'unknown'],
    [-1, 'unknown'],
    [0.5, 'unknown'],
    [1.0000001, 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
    [-0, 'navigate'],
  ])('%s → %s', (t, expected) => {
    expect(navigationKind(t)).toBe(expected);
  });

  test.each([
    ['string "0"', '0'],
    ['null', null],
    ['boolean', true],
    ['object', {}],
    ['__proto__ string', '__proto__'],
    ['length string', 'length'],
  ])('hostile %s → unknown', (_name, t) => {
    expect(navigationKind(t as unknown as number)).toBe('unknown');
  });
});

describe('isEntry', () => {
  test.each<[NavigationKind, boolean, boolean]>([
    ['navigate', false, true],
    ['navigate', true, false],
    ['unknown', false, true],
    ['unknown', true, false],
    ['reload', false, false],
    ['reload', true, false],
    ['back_forward', false, false],
    ['back_forward', true, false],
    ['spa', false, false],
    ['spa', true, false],
  ])('%s with internal referrer %s → %s', (nav, internal, expected) => {
    expect(isEntry(nav, internal)).toBe(expected);
  });

  test('an unexpected kind at runtime is not an entry', () => {
    expect(isEntry('prerender' as NavigationKind, false)).toBe(false);
  });
});
