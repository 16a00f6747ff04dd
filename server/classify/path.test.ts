// Tests page path normalisation, including hostile input.
import { describe, expect, test } from 'vitest';
import { normalisePath } from './path';

const at = (pathAndMore: string): URL => new URL(`https://example.com${pathAndMore}`);

describe('normalisePath without hash routing', () => {
  test.each([
    ['root', '/', '/'],
    ['no path', '', '/'],
    ['simple', '/about', '/about'],
    ['trailing slash kept', '/blog/', '/blog/'],
    ['query dropped', '/search?q=secret&email=a@b.c', '/search'],
    ['utm dropped', '/?utm_source=x', '/'],
    ['fragment dropped', '/docs#install', '/docs'],
    ['percent-decoded', '/caf%C3%A9/na%C3%AFve', '/café/naïve'],
    ['non-ASCII from the URL parser', '/日本語', '/日本語'],
    ['spaces decoded', '/a%20b', '/a b'],
    ['repeated slashes collapsed', '//a///b//', '/a/b/'],
    ['encoded slashes collapse too', '/a%2F%2Fb', '/a/b'],
    ['dot segments resolved by URL', '/a/b/../c/./d', '/a/c/d'],
    ['encoded dot segments resolved by URL', '/a/%2e%2e/b', '/b'],
    ['malformed escape leaves its segment encoded', '/ok%20here/%E0%A4%A/x', '/ok here/%E0%A4%A/x'],
    ['lone percent', '/100%', '/100%'],
    ['NUL removed', '/a%00b', '/ab'],
    ['C0 and C1 removed', '/a%01%1Fb%C2%80%C2%9Fc', '/abc'],
    ['RTL override removed', '/%E2%80%AEgpj.exe', '/gpj.exe'],
    ['zero-width removed', '/a%E2%80%8Bb%EF%BB%BFc', '/abc'],
    ['trailing encoded space trimmed', '/a%20%20', '/a'],
    ['backslashes are slashes in http URLs', '/a\\b', '/a/b'],
    ['__proto__ segment', '/__proto__/constructor', '/__proto__/constructor'],
    ['javascript: as a path', '/javascript:alert(1)', '/javascript:alert(1)'],
    ['encoded hash stays in the path', '/a%23b', '/a#b'],
  ])('%s', (_name, input, expected) => {
    expect(normalisePath(at(input), false)).toBe(expected);
  });

  test.each([
    ['10 KB path', '/' + 'a'.repeat(10_240), '/' + 'a'.repeat(299)],
    ['10 KB of escapes', '/' + '%41'.repeat(3_000), '/' + 'A'.repeat(299)],
    ['cap does not split an emoji', '/' + 'a'.repeat(298) + '😀', '/' + 'a'.repeat(298)],
  ])('%s is capped at 300', (_name, input, expected) => {
    const out = normalisePath(at(input), false);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(300);
  });

  test('a non-special URL without a leading slash still gives one', () => {
    expect(normalisePath(new URL('mailto:someone'), false)).toBe('/someone');
  });
});

describe('normalisePath with hash routing', () => {
  test.each([
    ['route kept', '/#/settings', '/#/settings'],
    ['path plus route', '/app/#/users/42', '/app/#/users/42'],
    ['route without slash', '/#about', '/#about'],
    ['query inside the fragment dropped', '/#/search?q=secret', '/#/search'],
    ['real query dropped too', '/app?x=1#/a?b=2', '/app#/a'],
    ['empty fragment', '/#', '/'],
    ['fragment with only a query', '/#?q=1', '/'],
    ['no fragment', '/page', '/page'],
    ['fragment decoded', '/#/caf%C3%A9', '/#/café'],
    ['fragment malformed escape', '/#/%E0%A4%A', '/#/%E0%A4%A'],
    ['fragment slashes collapsed', '/#//a//b', '/#/a/b'],
    ['fragment control chars removed', '/#/a%00%E2%80%AEb', '/#/ab'],
    ['10 KB fragment capped', '/#/' + 'x'.repeat(10_240), '/#/' + 'x'.repeat(297)],
  ])('%s', (_name, input, expected) => {
    expect(normalisePath(at(input), true)).toBe(expected);
  });
});
