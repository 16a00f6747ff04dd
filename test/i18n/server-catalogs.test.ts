// Server-side catalogs (documents, emails, CLI): every language has exactly English's keys, the
// same placeholders, messages that parse and format, and no key that no code uses.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { locales } from '../../server/i18n/locale.js';
import { negotiateLocale } from '../../server/i18n/locale.js';
import { privacyCatalogs } from '../../server/privacy/report.js';
import { replayCatalogs } from '../../server/replay/record-of-processing.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Argument names of an ICU message (placeholders, plural and select arguments). */
function argumentsOf(message: string): string[] {
  return [
    ...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!)),
  ].sort();
}

const catalogs: Record<
  string,
  { en: Record<string, string> } & Partial<Record<string, Record<string, string>>>
> = {
  privacy: privacyCatalogs,
  replay: replayCatalogs,
};
const sourcesOf: Record<string, string> = { privacy: 'server/privacy', replay: 'server/replay' };

describe.each(Object.entries(catalogs))('%s catalog', (name, family) => {
  const english = family.en;
  test.each(locales.filter((l) => l !== 'en'))(
    '%s has exactly the English keys and placeholders',
    (lang) => {
      const other = family[lang];
      expect(other, `${name}: no ${lang} catalog`).toBeDefined();
      expect(Object.keys(other!).sort()).toEqual(Object.keys(english).sort());
      for (const key of Object.keys(english)) {
        expect(argumentsOf(other![key]!), `${name}.${key} (${lang})`).toEqual(
          argumentsOf(english[key]!),
        );
      }
    },
  );

  test('every message parses and formats in its language', () => {
    for (const lang of locales) {
      for (const [key, message] of Object.entries(family[lang] ?? {})) {
        const values = Object.fromEntries(argumentsOf(message).map((a) => [a, 2]));
        expect(
          () => new IntlMessageFormat(message, lang).format(values),
          `${name}.${key}`,
        ).not.toThrow();
      }
    }
  });

  test('every key is used by the code', () => {
    const dir = path.join(root, sourcesOf[name]!);
    const code = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.includes('messages'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const unused = Object.keys(english).filter((k) => !code.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });
});

test('Accept-Language picks the best shipped language, bounded, English by default', () => {
  expect(negotiateLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
  expect(negotiateLocale('de-DE,en;q=0.5,fr;q=0.7')).toBe('fr');
  expect(negotiateLocale('en;q=0,fr;q=0')).toBe('en');
  expect(negotiateLocale('zz, *')).toBe('en');
  expect(negotiateLocale(undefined)).toBe('en');
  expect(negotiateLocale('x,'.repeat(100_000) + 'fr')).toBe('en'); // cut at 512 characters
});
