// The languages the dashboard speaks. English is in the bundle; every other language is its own
// chunk, fetched when it is chosen (loadCatalog), so a reader downloads one language, not seven.
// Adding one is one file in messages/ typed `Record<MessageKey, string>`, a loader below, and its
// code in `langs` (and `offered` to show it in the menu).
import { en } from './messages/en.js';
import { pseudo } from './pseudo.js';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

export const langs = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'qps'] as const;
export type Lang = (typeof langs)[number];

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

const loaders: Record<Exclude<Lang, 'en'>, () => Promise<Catalog>> = {
  fr: () => import('./messages/fr.js').then((m) => m.fr),
  de: () => import('./messages/de.js').then((m) => m.de),
  es: () => import('./messages/es.js').then((m) => m.es),
  it: () => import('./messages/it.js').then((m) => m.it),
  nl: () => import('./messages/nl.js').then((m) => m.nl),
  pt: () => import('./messages/pt.js').then((m) => m.pt),
  qps: async () => pseudo(en),
};

const loaded: Partial<Record<Lang, Catalog>> = { en };

/** The catalog of a language once loaded; undefined before (t() then falls back to English). */
export function catalogOf(lang: Lang): Catalog | undefined {
  return loaded[lang];
}

/** Fetches a language's catalog (once); resolves when t() can speak it. */
export async function loadCatalog(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  loaded[lang] = await loaders[lang as Exclude<Lang, 'en'>]();
}

/** Catalogs already imported (the tests load every language at once: all-catalogs.ts). */
export function registerCatalog(lang: Lang, catalog: Catalog): void {
  loaded[lang] = catalog;
}
