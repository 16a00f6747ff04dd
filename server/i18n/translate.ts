// ICU messages (FormatJS intl-messageformat) from typed catalogs: plural and select rules of each
// language, numbers and dates through Intl in the reader's locale. A key missing from a catalog
// falls back to English (catalog tests keep that from happening). Server messages are plain text:
// `<command>` in a CLI usage line is text, not a rich-text tag (ignoreTag).
import { IntlMessageFormat } from 'intl-messageformat';
import { intlTag, type Locale } from './locale.js';

export type Catalog<K extends string> = Record<K, string>;
export type MessageValues = Record<string, string | number | Date>;
export type Translate<K extends string> = (key: K, values?: MessageValues) => string;

export function translator<K extends string>(
  catalogs: { en: Catalog<K> } & Partial<Record<Locale, Catalog<K>>>,
  locale: Locale,
): Translate<K> {
  const formats = new Map<K, IntlMessageFormat>();
  return (key, values) => {
    let format = formats.get(key);
    if (!format) {
      const own = catalogs[locale]?.[key];
      format = new IntlMessageFormat(
        own ?? catalogs.en[key],
        own === undefined ? 'en' : intlTag(locale),
        undefined,
        { ignoreTag: true },
      );
      formats.set(key, format);
    }
    return String(format.format(values));
  };
}

/** A date as the reader's locale writes it ("1 December 2026", « 1 décembre 2026 »), in UTC. */
export function longDate(locale: Locale, at: number | Date): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(
    at,
  );
}
