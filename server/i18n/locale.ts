// Which language a reader gets (pure): an explicit choice if it is one we ship, else the best of
// the browser's Accept-Language, else English. Documents, emails and CLI text use the same list.
export const locales = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/**
 * The BCP 47 tag Intl formats a locale's numbers, dates and plurals in, and that documents are
 * labelled with: `pt` is European Portuguese (bare `pt` in Intl is Brazil's: `1.234,5`, and 0
 * counts as "one").
 */
export function intlTag(locale: Locale): string {
  return locale === 'pt' ? 'pt-PT' : locale;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Headers longer than this are cut: the work stays bounded whatever a client sends. */
const maxHeaderLength = 512;
const maxRanges = 32;

/**
 * The shipped locale that best matches an Accept-Language header (RFC 9110 §12.5.4): ranges in
 * order of their q-value (ties keep their order), each matched on its primary subtag.
 */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .slice(0, maxHeaderLength)
    .split(',', maxRanges)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean);
      return { primary: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.q > 0 && r.primary !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    if (isLocale(r.primary)) return r.primary;
  }
  return defaultLocale;
}

/**
 * The language of a POSIX locale environment, as a terminal program reads it: the first set of
 * LC_ALL, LC_MESSAGES and LANG (`fr_FR.UTF-8` → fr); `C`, `POSIX` or a language we do not ship →
 * English.
 */
export function posixLocale(env: Record<string, string | undefined>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const primary = value?.split(/[_.@-]/)[0]?.toLowerCase();
  return isLocale(primary) ? primary : defaultLocale;
}

/** An explicit `?lang=` wins when it names a shipped locale; otherwise the header decides. */
export function chooseLocale(
  explicit: string | undefined | null,
  acceptLanguage?: string | null,
): Locale {
  return isLocale(explicit) ? explicit : negotiateLocale(acceptLanguage);
}
