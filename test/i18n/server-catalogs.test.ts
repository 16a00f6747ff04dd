// Server-side catalogs (documents, emails, CLI): every language has exactly English's keys, the
// same placeholders, messages that parse and format, and no key that no code uses. A family lists
// the languages it must have; another shipped language it has no catalog for falls back to English.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { locales } from '../../server/i18n/locale.js';
import { negotiateLocale, posixLocale } from '../../server/i18n/locale.js';
import { privacyCatalogs } from '../../server/privacy/report.js';
import { cliCatalogs } from '../../server/cli/text.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Argument names of an ICU message (placeholders, plural and select arguments). */
function argumentsOf(message: string): string[] {
  return [
    ...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!)),
  ].sort();
}

const catalogs: Record<
  string,
  { en: Record<string, string> } & Record<string, Record<string, string>>
> = {
  privacy: privacyCatalogs,
  cli: cliCatalogs,
};
/** The folders (or files) whose code must use every key of the family. */
const sourcesOf: Record<string, string[]> = {
  privacy: ['server/privacy'],
  // The CLI prints the configuration errors of server/config.ts (so does `npm start`).
  cli: ['server/cli', 'server/config.ts'],
};
/** Languages a family must have besides English (default: every shipped language). */
const requiredOf: Record<string, readonly string[]> = { cli: ['fr'] };

describe.each(Object.entries(catalogs))('%s catalog', (name, family) => {
  const english = family.en;
  const required = requiredOf[name] ?? locales.filter((l) => l !== 'en');
  test.each(locales.filter((l) => l !== 'en' && (required.includes(l) || family[l])))(
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
          () => new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).format(values),
          `${name}.${key}`,
        ).not.toThrow();
      }
    }
  });

  test('every key is used by the code', () => {
    const code = sourcesOf[name]!.flatMap((source) => {
      const abs = path.join(root, source);
      if (!fs.statSync(abs).isDirectory()) return [fs.readFileSync(abs, 'utf8')];
      return fs
        .readdirSync(abs, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('messages'))
        .map((f) => fs.readFileSync(path.join(abs, f), 'utf8'));
    }).join('\n');
    const unused = Object.keys(english).filter((k) => !code.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });
});

test('the terminal language: LC_ALL, then LC_MESSAGES, then LANG; C and POSIX are English', () => {
  expect(posixLocale({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
  expect(posixLocale({ LC_MESSAGES: 'fr_CA', LANG: 'en_US.UTF-8' })).toBe('fr');
  expect(posixLocale({ LC_ALL: 'C', LC_MESSAGES: 'fr_FR', LANG: 'fr_FR' })).toBe('en');
  expect(posixLocale({ LC_ALL: '', LANG: 'fr' })).toBe('fr');
  expect(posixLocale({ LANG: 'POSIX' })).toBe('en');
  expect(posixLocale({ LANG: 'fr_BE@euro' })).toBe('fr');
  expect(posixLocale({ LANG: 'zz_ZZ.UTF-8' })).toBe('en');
  expect(posixLocale({})).toBe('en');
});

test('Accept-Language picks the best shipped language, bounded, English by default', () => {
  expect(negotiateLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
  expect(negotiateLocale('de-DE,en;q=0.5,fr;q=0.7')).toBe('fr');
  expect(negotiateLocale('en;q=0,fr;q=0')).toBe('en');
  expect(negotiateLocale('zz, *')).toBe('en');
  expect(negotiateLocale(undefined)).toBe('en');
  expect(negotiateLocale('x,'.repeat(100_000) + 'fr')).toBe('en'); // cut at 512 characters
});
