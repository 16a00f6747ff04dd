// A shared link's branding form (issue 19): the logo, the accent colour and the origins allowed to
// embed the link, as typed, turned into the API body; the checks the form can make before asking
// (the same rules as server/accounts/share-branding.ts); and the field an API refusal is about
// (`frameAncestors[1]: …` → origins), each worded by the catalogs.
import type { MessageKey } from '../i18n/t.js';

export type BrandingField = 'logo' | 'accent' | 'origins';

export interface BrandingFormText {
  logoUrl: string;
  useAccent: boolean;
  /** #rrggbb, from the colour input. */
  accent: string;
  /** Origins separated by spaces or new lines. */
  origins: string;
}

export interface BrandingBody {
  logoUrl: string | null;
  accent: string | null;
  frameAncestors: string[];
}

export type BrandingProblem = { field: BrandingField; error: MessageKey };

export const defaultAccent = '#4f46e5';
const maxFrameOrigins = 10;
const originPattern = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?\/?$/i;

/** The form as a stored link fills it. */
export function brandingFormOf(link: {
  logoUrl?: string | null;
  accent?: string | null;
  frameAncestors?: string[];
}): BrandingFormText {
  return {
    logoUrl: link.logoUrl ?? '',
    useAccent: Boolean(link.accent),
    accent: link.accent ?? defaultAccent,
    origins: (link.frameAncestors ?? []).join('\n'),
  };
}

export function originsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map((o) => o.trim())
    .filter(Boolean);
}

const maxLogoChars = 48_000;
const dataImage = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

function logoProblem(url: string): boolean {
  if (url.length > maxLogoChars) return true;
  if (url.startsWith('data:')) return !dataImage.test(url);
  try {
    const u = new URL(url);
    return u.protocol !== 'https:' || u.username !== '' || u.password !== '';
  } catch {
    return true;
  }
}

/** The PATCH body of a filled form (empty fields clear), or the first field to correct. */
export function brandingBodyFromForm(
  f: BrandingFormText,
): { ok: true; body: BrandingBody } | ({ ok: false } & BrandingProblem) {
  const logoUrl = f.logoUrl.trim() || null;
  if (logoUrl !== null && logoProblem(logoUrl)) {
    return { ok: false, field: 'logo', error: 'linkBranding.badLogo' };
  }
  const accent = f.useAccent ? f.accent.trim().toLowerCase() : null;
  if (accent !== null && !/^#[0-9a-f]{6}$/.test(accent)) {
    return { ok: false, field: 'accent', error: 'linkBranding.badAccent' };
  }
  const frameAncestors = originsOf(f.origins);
  if (frameAncestors.length > maxFrameOrigins) {
    return { ok: false, field: 'origins', error: 'linkBranding.tooManyOrigins' };
  }
  if (frameAncestors.some((o) => !originPattern.test(o))) {
    return { ok: false, field: 'origins', error: 'linkBranding.badOrigin' };
  }
  return { ok: true, body: { logoUrl, accent, frameAncestors } };
}

/** What clearing the branding sends: no logo, no accent, never framed. */
export const clearedBranding: BrandingBody = { logoUrl: null, accent: null, frameAncestors: [] };

/** The field and catalog words of an API refusal about branding, or null for another reason. */
export function brandingProblemOfReason(message: string): BrandingProblem | null {
  if (message.startsWith('logoUrl:')) return { field: 'logo', error: 'linkBranding.badLogo' };
  if (message.startsWith('accent:')) return { field: 'accent', error: 'linkBranding.badAccent' };
  if (/^frameAncestors: at most/.test(message)) {
    return { field: 'origins', error: 'linkBranding.tooManyOrigins' };
  }
  if (message.startsWith('frameAncestors')) {
    return { field: 'origins', error: 'linkBranding.badOrigin' };
  }
  return null;
}
