// Tests campaign tag extraction from the page URL query, including hostile input.
import { describe, expect, test } from 'vitest';
import { extractCampaign, type Campaign } from './campaign';

const none: Campaign = { utmSource: null, utmMedium: null, utmCampaign: null, taggedSource: null };

describe('extractCampaign', () => {
  test.each<[string, string, Campaign]>([
    ['no query', '', none],
    ['unrelated params', 'q=secret&email=a%40b.c&token=xyz', none],
    [
      'full UTM set',
      'utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      {
        utmSource: 'newsletter',
        utmMedium: 'email',
        utmCampaign: 'spring',
        taggedSource: 'newsletter',
      },
    ],
    ['source param', 'source=producthunt', { ...none, taggedSource: 'producthunt' }],
    ['ref param', 'ref=hn', { ...none, taggedSource: 'hn' }],
    [
      'utm_source beats source and ref',
      'ref=a&source=b&utm_source=c',
      { ...none, utmSource: 'c', taggedSource: 'c' },
    ],
    ['source beats ref', 'ref=a&source=b', { ...none, taggedSource: 'b' }],
    ['empty utm_source falls through', 'utm_source=&source=&ref=x', { ...none, taggedSource: 'x' }],
    ['whitespace-only is empty', 'utm_source=%20%20&utm_medium=+', none],
    [
      'first value wins',
      'utm_source=a&utm_source=b',
      { ...none, utmSource: 'a', taggedSource: 'a' },
    ],
    [
      'case is kept',
      'utm_source=NewsLetter',
      { ...none, utmSource: 'NewsLetter', taggedSource: 'NewsLetter' },
    ],
    ['names are case-sensitive', 'UTM_SOURCE=x&Ref=y', none],
    [
      'plus and percent decoding',
      'utm_campaign=spring+sale%202025',
      { ...none, utmCampaign: 'spring sale 2025' },
    ],
    ['unicode', 'utm_campaign=%C3%A9t%C3%A9', { ...none, utmCampaign: 'été' }],
    // URLSearchParams (WHATWG) turns the truncated UTF-8 sequence into U+FFFD and keeps '%A'.
    [
      'malformed percent-encoding',
      'utm_source=%E0%A4%A',
      { ...none, utmSource: '\uFFFD%A', taggedSource: '\uFFFD%A' },
    ],
    [
      'control chars stripped',
      'utm_source=a%00b%07c',
      { ...none, utmSource: 'abc', taggedSource: 'abc' },
    ],
    ['RTL override stripped', 'utm_medium=%E2%80%AEliame', { ...none, utmMedium: 'liame' }],
    ['only control chars → null', 'utm_medium=%00%E2%80%8B', none],
    ['__proto__ as a param name', '__proto__=x&constructor=y', none],
    [
      '__proto__ as a value',
      'utm_source=__proto__',
      { ...none, utmSource: '__proto__', taggedSource: '__proto__' },
    ],
    [
      '10 KB value is cut to 100',
      `utm_campaign=${'a'.repeat(10_240)}`,
      { ...none, utmCampaign: 'a'.repeat(100) },
    ],
  ])('%s', (_name, query, expected) => {
    expect(extractCampaign(new URLSearchParams(query))).toEqual(expected);
  });

  test('reads from a page URL', () => {
    const url = new URL('https://example.com/p?utm_source=x&utm_medium=y&utm_campaign=z#f');
    expect(extractCampaign(url.searchParams)).toEqual({
      utmSource: 'x',
      utmMedium: 'y',
      utmCampaign: 'z',
      taggedSource: 'x',
    });
  });
});
