// t(key, values): a message of the current language, formatted with ICU MessageFormat (plurals
// and selects by the language's own rules, numbers and dates through Intl).
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { catalogOf, type MessageKey } from './catalogs.js';
import { en } from './messages/en.js';
import { getLang, intlLocale, type Lang } from './locale.js';

export type { MessageKey } from './catalogs.js';
export type Values = Record<string, PrimitiveType>;

const compiled = new Map<string, IntlMessageFormat>();

function formatter(wanted: Lang, key: MessageKey): IntlMessageFormat {
  // A language whose catalog is not loaded yet speaks English meanwhile (locale.ts switches only
  // once it is loaded, so this is for a moment at most).
  const catalog = catalogOf(wanted);
  const lang: Lang = catalog ? wanted : 'en';
  const id = `${lang}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    // A key missing from a catalog (caught by catalog.test.ts) falls back to English.
    const message = (catalog as Record<string, string> | undefined)?.[key] ?? en[key];
    // ignoreTag: `<head>` in a sentence is text, not a rich-text tag.
    f = new IntlMessageFormat(message, intlLocale(lang), undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return f;
}

/** The message `key` in the current language (or `lang`), with its placeholders filled. */
export function t(key: MessageKey, values?: Values, lang: Lang = getLang()): string {
  return String(formatter(lang, key).format(values));
}
