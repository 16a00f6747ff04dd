import { describe, expect, it } from 'vitest';
import { readBranding } from '../../../server/accounts/share-branding.js';
import {
  brandingBodyFromForm,
  brandingFormOf,
  brandingProblemOfReason,
  clearedBranding,
  type BrandingFormText,
} from './branding-form.js';

const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const form = (more: Partial<BrandingFormText>): BrandingFormText => ({
  logoUrl: '',
  useAccent: false,
  accent: '#4f46e5',
  origins: '',
  ...more,
});

describe('branding form', () => {
  it('fills from a stored link and sends the same back', () => {
    const link = { logoUrl: png, accent: '#aa3300', frameAncestors: ['https://a.test', 'http://127.0.0.1:8080'] };
    const f = brandingFormOf(link);
    expect(f).toEqual({
      logoUrl: png,
      useAccent: true,
      accent: '#aa3300',
      origins: 'https://a.test\nhttp://127.0.0.1:8080',
    });
    expect(brandingBodyFromForm(f)).toEqual({ ok: true, body: link });
    expect(brandingFormOf({})).toEqual(form({}));
  });

  it('an empty form clears everything', () => {
    expect(brandingBodyFromForm(form({ origins: ' \n ' }))).toEqual({
      ok: true,
      body: clearedBranding,
    });
  });

  // Every case the form judges, judged the same way by the server: the form never refuses what
  // the server takes, and never sends what the server refuses.
  const cases: [Partial<BrandingFormText>, string | null][] = [
    [{ logoUrl: 'https://agency.example/logo.png' }, null],
    [{ logoUrl: png }, null],
    [{ logoUrl: 'http://agency.example/logo.png' }, 'logo'],
    [{ logoUrl: 'https://u:p@agency.example/logo.png' }, 'logo'],
    [{ logoUrl: 'data:text/html;base64,PGI+' }, 'logo'],
    [{ logoUrl: 'not a url' }, 'logo'],
    [{ logoUrl: `data:image/png;base64,${'A'.repeat(48_000)}` }, 'logo'],
    [{ useAccent: true, accent: '#AA3300' }, null],
    [{ useAccent: true, accent: 'orange' }, 'accent'],
    [{ useAccent: false, accent: 'orange' }, null],
    [{ origins: 'https://client.example http://127.0.0.1:9000/' }, null],
    [{ origins: 'https://client.example/path' }, 'origins'],
    [{ origins: 'https://*.example' }, 'origins'],
    [{ origins: "https://a.example;script-src 'unsafe-inline'" }, 'origins'],
    [{ origins: 'ftp://a.example' }, 'origins'],
    [{ origins: Array.from({ length: 11 }, (_, i) => `https://s${i}.example`).join('\n') }, 'origins'],
  ];
  it.each(cases)('%j → %s, as the server judges it', (more, field) => {
    const read = brandingBodyFromForm(form(more));
    expect(read.ok ? null : read.field).toBe(field);
    const f = form(more);
    const server = readBranding({
      logoUrl: f.logoUrl,
      accent: f.useAccent ? f.accent : null,
      frameAncestors: f.origins.split(/\s+/).filter(Boolean),
    });
    expect(server.ok).toBe(field === null);
    if (!server.ok) expect(brandingProblemOfReason(server.problem)?.field).toBe(field);
  });

  it('names the field of each API reason', () => {
    expect(brandingProblemOfReason('frameAncestors[2]: an origin such as …')).toEqual({
      field: 'origins',
      error: 'linkBranding.badOrigin',
    });
    expect(brandingProblemOfReason('frameAncestors: at most 10 origins')?.error).toBe(
      'linkBranding.tooManyOrigins',
    );
    expect(brandingProblemOfReason('no such shared link')).toBeNull();
  });
});
