// The CLI's words in the user's language (messages/en.ts is the source, messages/fr.ts …): the
// language is POMELO_LANG, else the POSIX locale (server/config.ts `terminalLocale`), else English.
import { translator, type Translate } from '../i18n/translate.js';
import type { Locale } from '../i18n/locale.js';
import { en, type CliMessageKey } from './messages/en.js';
import { fr } from './messages/fr.js';

export type { CliMessageKey } from './messages/en.js';
export type CliText = Translate<CliMessageKey>;

/** Every shipped CLI catalog; a language without one falls back to English. */
export const cliCatalogs = { en, fr };

const cache = new Map<Locale, CliText>();

export function cliText(locale: Locale): CliText {
  let t = cache.get(locale);
  if (!t) cache.set(locale, (t = translator(cliCatalogs, locale)));
  return t;
}
