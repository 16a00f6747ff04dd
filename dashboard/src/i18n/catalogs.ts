// The languages the dashboard speaks. Adding one (de, es, it, nl, pt…) is one file in messages/
// typed `Record<MessageKey, string>` and one line here.
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { nl } from './messages/nl.js';
import { pt } from './messages/pt.js';
import { pseudo } from './pseudo.js';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

export const catalogs = {
  en,
  fr,
  de,
  es,
  it,
  nl,
  pt,
  qps: pseudo(en),
} satisfies Record<string, Catalog>;

export type Lang = keyof typeof catalogs;

/** The languages offered in the menu, in this order (not the pseudo-locale). */
export const offered = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'nl',
  'pt',
] as const satisfies readonly Lang[];
