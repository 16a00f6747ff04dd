// The words of reports, alerts and the unsubscribe page in the recipient's language (messages/en.ts
// is the source); numbers and dates through Intl in that language.
import { intlTag, isLocale, type Locale } from '../i18n/locale.js';
import { translator, type Translate } from '../i18n/translate.js';
import { de } from './messages/de.js';
import { en, type MailMessageKey } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { nl } from './messages/nl.js';
import { pt } from './messages/pt.js';

export type { MailMessageKey } from './messages/en.js';
export type MailText = Translate<MailMessageKey>;

export const mailCatalogs = { en, fr, de, es, it, nl, pt };

const cache = new Map<Locale, MailText>();

export function mailText(locale: Locale): MailText {
  let t = cache.get(locale);
  if (!t) cache.set(locale, (t = translator(mailCatalogs, locale)));
  return t;
}

/** A stored recipient language, or English when it is not one we ship. */
export const mailLocale = (value: string): Locale => (isLocale(value) ? value : 'en');

/** Formatting of numbers, days and durations in one language. */
export interface MailFormat {
  number(n: number): string;
  /** A local day YYYY-MM-DD as "23 Nov 2026". */
  day(day: string): string;
  /** A month YYYY-MM as "November 2026". */
  month(month: string): string;
  /** Seconds as "1 min 5 s" (Intl units). */
  duration(seconds: number): string;
}

export function mailFormat(locale: Locale): MailFormat {
  const tag = intlTag(locale);
  const num = new Intl.NumberFormat(tag);
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const min = new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const sec = new Intl.NumberFormat(tag, { style: 'unit', unit: 'second', unitDisplay: 'short' });
  return {
    number: (n) => num.format(n),
    day: (d) => day.format(Date.parse(`${d}T00:00:00Z`)),
    month: (m) => month.format(Date.parse(`${m}-01T00:00:00Z`)),
    duration: (s) =>
      s >= 60
        ? `${min.format(Math.floor(s / 60))}${s % 60 ? ` ${sec.format(s % 60)}` : ''}`
        : sec.format(s),
  };
}
