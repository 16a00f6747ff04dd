// The reader's language: which catalog the dashboard speaks and which locale Intl formats in.
// Chosen, in order: `?lang=` in the URL (a hook for tests and the `qps` pseudo-locale, never
// remembered), the language picked in the menu, the browser's languages (navigator.languages,
// which Chromium derives from Accept-Language), then English.
import { langs, loadCatalog, offered, type Lang } from './catalogs.js';

export type { Lang } from './catalogs.js';

const storageKey = 'pomelo-lang';

const isLang = (s: string | null | undefined): s is Lang =>
  typeof s === 'string' && (langs as readonly string[]).includes(s);

/** The catalog for a BCP 47 tag (`fr-CA` → `fr`), or null when none is offered. */
export function langOf(tag: string): Lang | null {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return (offered as readonly string[]).includes(base) ? (base as Lang) : null;
}

/** The first of the browser's languages the dashboard speaks, else English. */
export function fromBrowser(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function initialLang(): Lang {
  if (typeof location !== 'undefined') {
    const asked = new URLSearchParams(location.search).get('lang');
    if (isLang(asked)) return asked;
  }
  const stored = readStored();
  if (isLang(stored) && stored !== 'qps') return stored;
  if (typeof navigator !== 'undefined' && Array.isArray(navigator.languages)) {
    return fromBrowser(navigator.languages);
  }
  return 'en';
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

export function getLang(): Lang {
  return current;
}

/**
 * The locale Intl formats numbers, dates and plurals in (the pseudo-locale formats as English).
 * A catalog written for one country says so here: `pt` is European Portuguese, and bare `pt` in
 * Intl is Brazil's (`1.234,5`, and 0 counts as "one").
 */
const intlTags: Partial<Record<Lang, string>> = { qps: 'en', pt: 'pt-PT' };

export function intlLocale(lang: Lang = current): string {
  return intlTags[lang] ?? lang;
}

/** Switches the language now (the caller re-renders) and sets `<html lang>`. */
/**
 * Switches the language once its catalog is loaded (the caller's listeners re-render then) and
 * sets `<html lang>`; resolves when done. A catalog that cannot be fetched leaves the language as
 * it was.
 */
export async function setLang(lang: Lang): Promise<void> {
  await loadCatalog(lang);
  current = lang;
  applyDocumentLang();
  for (const l of listeners) l(lang);
}

/** Loads the starting language's catalog: the app renders once it resolves. */
export function loadInitialLang(): Promise<void> {
  return loadCatalog(current).catch(() => {
    current = 'en'; // the chunk could not be fetched: English is in the bundle
  });
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `<html lang>` follows the language (the pseudo-locale is English underneath). */
export function applyDocumentLang(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = intlLocale();
}

/**
 * Remembers the reader's choice: with the account (`PUT /api/auth/locale`, through `save` when
 * signed in), so it follows the user across sign-outs and browsers, and in this browser for the
 * sign-in page, which has no account yet.
 */
export function persistLocale(lang: Lang, save?: (lang: Lang) => Promise<unknown>): void {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  void save?.(lang).catch(() => {
    // Signed out, or the server is unreachable: the browser keeps the choice.
  });
}

/**
 * At sign-in: the account's language wins over the browser's (unless `?lang=` asked for one),
 * and becomes this browser's remembered choice too.
 */
export function adoptAccountLocale(locale: string | null | undefined): void {
  if (!isLang(locale) || locale === 'qps' || locale === current) return;
  if (typeof location !== 'undefined' && isLang(new URLSearchParams(location.search).get('lang'))) {
    return;
  }
  persistLocale(locale);
  void setLang(locale);
}
