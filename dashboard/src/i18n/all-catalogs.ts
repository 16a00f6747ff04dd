// Every catalog at once, for tests only (the app loads one language at a time: catalogs.ts).
// Importing this module registers them, so t() speaks every language synchronously.
import { registerCatalog, type Catalog, type Lang } from './catalogs.js';
import { de } from './messages/de.js';
import { en } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { nl } from './messages/nl.js';
import { pt } from './messages/pt.js';
import { pseudo } from './pseudo.js';

export const catalogs = {
  en,
  fr,
  de,
  es,
  it,
  nl,
  pt,
  qps: pseudo(en),
} satisfies Record<Lang, Catalog>;

for (const [lang, catalog] of Object.entries(catalogs)) registerCatalog(lang as Lang, catalog);
