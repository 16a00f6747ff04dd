// A shared link's branding and embedding (issue 19), as owners send them: a logo (an https://
// address or a data:image/ URL), an accent colour (#rrggbb) and the origins allowed to frame the
// link's pages. Pure: each rule names its field and reason; what passes is stored canonical.
import * as v from 'valibot';

/** A data: logo travels in the JSON body (64 KB limit) and in every shared view: keep it small. */
export const maxLogoChars = 48_000;
export const maxFrameOrigins = 10;

const dataImage = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** Null when the logo may be shown, else the reason. */
export function logoProblem(url: string): string | null {
  if (url.length > maxLogoChars) return `logoUrl: at most ${maxLogoChars} characters`;
  if (url.startsWith('data:')) {
    return dataImage.test(url)
      ? null
      : 'logoUrl: a data: URL must be a base64 image (png, jpeg, gif, webp or svg+xml)';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'logoUrl: an https:// address or a data:image/ URL';
  }
  if (parsed.protocol !== 'https:') return 'logoUrl: an https:// address or a data:image/ URL';
  if (parsed.username || parsed.password) return 'logoUrl: no user name or password in the address';
  return null;
}

/** An origin exactly (`https://example.com`, `http://127.0.0.1:8080`), canonical; else null. */
export function canonicalOrigin(text: string): string | null {
  // Only an origin: scheme, host, port. No path, query, wildcard or CSP syntax (a space or a
  // semicolon would add directives to the header).
  if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?\/?$/i.test(text)) return null;
  try {
    return new URL(text).origin;
  } catch {
    return null;
  }
}

export const accentPattern = /^#[0-9a-fA-F]{6}$/;

export const shareBrandingBody = v.strictObject({
  logoUrl: v.optional(v.nullable(v.string())),
  accent: v.optional(v.nullable(v.string())),
  frameAncestors: v.optional(v.array(v.string())),
});

export interface ShareBrandingInput {
  logoUrl?: string | null | undefined;
  accent?: string | null | undefined;
  frameAncestors?: string[] | undefined;
}

export interface ShareBranding {
  logoUrl: string | null;
  accent: string | null;
  /** Space-separated canonical origins, or null for none (never framed). */
  frameAncestors: string | null;
}

/** The branding to store, or the first problem as `field: reason`. */
export function readBranding(
  input: ShareBrandingInput,
): { ok: true; branding: ShareBranding } | { ok: false; problem: string } {
  const logoUrl = input.logoUrl?.trim() || null;
  if (logoUrl !== null) {
    const problem = logoProblem(logoUrl);
    if (problem) return { ok: false, problem };
  }
  const accent = input.accent?.trim() || null;
  if (accent !== null && !accentPattern.test(accent)) {
    return { ok: false, problem: 'accent: a colour written #rrggbb' };
  }
  const list = input.frameAncestors ?? [];
  if (list.length > maxFrameOrigins) {
    return { ok: false, problem: `frameAncestors: at most ${maxFrameOrigins} origins` };
  }
  const origins: string[] = [];
  for (const [i, text] of list.entries()) {
    const origin = canonicalOrigin(text.trim());
    if (!origin) {
      return {
        ok: false,
        problem: `frameAncestors[${i}]: an origin such as https://example.com (no path, no wildcard)`,
      };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return {
    ok: true,
    branding: {
      logoUrl,
      accent: accent?.toLowerCase() ?? null,
      frameAncestors: origins.length > 0 ? origins.join(' ') : null,
    },
  };
}
