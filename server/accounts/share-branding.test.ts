import { describe, expect, it } from 'vitest';
import { canonicalOrigin, logoProblem, readBranding } from './share-branding.js';

describe('shared link branding', () => {
  it.each([
    ['https://agency.example/logo.png', null],
    ['data:image/png;base64,iVBORw0KGgo=', null],
    ['data:image/svg+xml;base64,PHN2Zy8+', null],
    ['http://agency.example/logo.png', 'logoUrl: an https:// address or a data:image/ URL'],
    ['javascript:alert(1)', 'logoUrl: an https:// address or a data:image/ URL'],
    ['data:text/html;base64,PHNjcmlwdD4=', expect.stringMatching(/^logoUrl: a data: URL/)],
    ['data:image/png,<svg onload=x>', expect.stringMatching(/^logoUrl: a data: URL/)],
    ['https://u:p@agency.example/x.png', 'logoUrl: no user name or password in the address'],
    ['not a url', 'logoUrl: an https:// address or a data:image/ URL'],
    [`data:image/png;base64,${'A'.repeat(50_000)}`, 'logoUrl: at most 48000 characters'],
  ])('logo %s → %s', (url, problem) => {
    expect(logoProblem(url)).toEqual(problem);
  });

  it.each([
    ['https://client.example', 'https://client.example'],
    ['https://Client.Example:443/', 'https://client.example'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://client.example/path', null],
    ['https://*.client.example', null],
    ["'self'", null],
    ['ftp://client.example', null],
    ['https://client.example?x=1', null],
    ['https://client.example; script-src *', null],
  ])('origin %s → %s', (text, origin) => {
    expect(canonicalOrigin(text)).toBe(origin);
  });

  it('stores canonical values and names the first problem', () => {
    expect(
      readBranding({
        logoUrl: ' https://agency.example/logo.png ',
        accent: '#AA3300',
        frameAncestors: [
          'https://client.example/',
          'https://client.example',
          'http://localhost:3000',
        ],
      }),
    ).toEqual({
      ok: true,
      branding: {
        logoUrl: 'https://agency.example/logo.png',
        accent: '#aa3300',
        frameAncestors: 'https://client.example http://localhost:3000',
      },
    });
    expect(readBranding({})).toEqual({
      ok: true,
      branding: { logoUrl: null, accent: null, frameAncestors: null },
    });
    expect(readBranding({ accent: 'red' })).toEqual({
      ok: false,
      problem: 'accent: a colour written #rrggbb',
    });
    expect(readBranding({ frameAncestors: ['https://a.example', '*'] })).toEqual({
      ok: false,
      problem: 'frameAncestors[1]: an origin such as https://example.com (no path, no wildcard)',
    });
    expect(readBranding({ frameAncestors: Array(11).fill('https://a.example') })).toEqual({
      ok: false,
      problem: 'frameAncestors: at most 10 origins',
    });
  });
});
