// Server-side catalogs (documents, emails, CLI): every language has exactly English's keys, the
// same placeholders, messages that parse and format, and no key that no code uses. A family lists
// the languages it must have; another shipped language it has no catalog for falls back to English.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { locales } from '../../server/i18n/locale.js';
import { intlTag, negotiateLocale, posixLocale } from '../../server/i18n/locale.js';
import { longDate, translator } from '../../server/i18n/translate.js';
import { privacyCatalogs, privacyReport } from '../../server/privacy/report.js';
import { replayCatalogs } from '../../server/replay/record-of-processing.js';
import { cliCatalogs } from '../../server/cli/text.js';
import { privacyFacts } from '../fixtures/privacy-facts.js';
import { mailCatalogs } from '../../server/mail/text.js';

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
  cli: cliCatalogs,
  mail: mailCatalogs,
};
/** The folders (or files) whose code must use every key of the family. */
const sourcesOf: Record<string, string[]> = {
  privacy: ['server/privacy'],
  replay: ['server/replay'],
  // The CLI prints the configuration errors of server/config.ts (so does `npm start`).
  cli: ['server/cli', 'server/config.ts'],
  mail: ['server/mail'],
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
  expect(negotiateLocale('de-DE,en;q=0.5,fr;q=0.7')).toBe('de');
  expect(negotiateLocale('ja-JP,en;q=0.5,fr;q=0.7')).toBe('fr'); // an unshipped first choice
  expect(negotiateLocale('nl-BE,fr-BE;q=0.8')).toBe('nl');
  expect(negotiateLocale('de-AT;q=0.5,nl;q=0.9')).toBe('nl');
  expect(negotiateLocale('en;q=0,fr;q=0')).toBe('en');
  expect(negotiateLocale('zz, *')).toBe('en');
  expect(negotiateLocale(undefined)).toBe('en');
  expect(negotiateLocale('x,'.repeat(100_000) + 'fr')).toBe('en'); // cut at 512 characters
});

test('the privacy report counts and writes numbers and dates in German and Dutch', () => {
  const facts = privacyFacts();
  const de = JSON.stringify(privacyReport(facts, 'de'));
  expect(de).toContain('werden 1 Monat gespeichert');
  expect(de).toContain('1 Pfadmuster ist von der Messung ausgenommen');
  expect(de).toContain('Aufzeichnungen 1 Tag gespeichert');
  expect(de).toContain('mehr als 1.234 verschiedene Werte');
  expect(de).toContain('1. Dezember 2026');
  const deMany = JSON.stringify(privacyReport({ ...facts, retentionMonths: 13 }, 'de'));
  expect(deMany).toContain('werden 13 Monate gespeichert');
  const nl = JSON.stringify(privacyReport(facts, 'nl'));
  expect(nl).toContain('worden 1 maand bewaard');
  expect(nl).toContain('1 padpatroon is uitgesloten');
  expect(nl).toContain('opnames 1 dag bewaard');
  expect(nl).toContain('meer dan 1.234 verschillende waarden');
  expect(nl).toContain('1 december 2026');
  const nlMany = JSON.stringify(privacyReport({ ...facts, excludedPaths: 3 }, 'nl'));
  expect(nlMany).toContain('3 padpatronen zijn uitgesloten');
});

test('Spanish, Italian and Portuguese readers get their language (pt is European Portuguese)', () => {
  expect(negotiateLocale('es-ES,es;q=0.9,en;q=0.8')).toBe('es');
  expect(negotiateLocale('it-IT')).toBe('it');
  expect(negotiateLocale('pt-PT,pt;q=0.9')).toBe('pt');
  expect(negotiateLocale('pt-BR')).toBe('pt');
  expect(intlTag('pt')).toBe('pt-PT');
  expect(intlTag('es')).toBe('es');
});

test('privacy reports count and date in the reader’s language', () => {
  const day = Date.UTC(2026, 11, 1);
  expect(longDate('es', day)).toBe('1 de diciembre de 2026');
  expect(longDate('it', day)).toBe('1 dicembre 2026');
  expect(longDate('pt', day)).toBe('1 de dezembro de 2026');
  const es = translator(privacyCatalogs, 'es');
  expect(es('retention', { months: 1 })).toContain('se conservan 1 mes y');
  expect(es('retention', { months: 13 })).toContain('se conservan 13 meses y');
  expect(es('checkRetentionOk', { months: 25 })).toBe(
    'Plazo de conservación de 25 meses como máximo: 25 meses.',
  );
  const it = translator(privacyCatalogs, 'it');
  expect(it('retention', { months: 1 })).toContain('conservati per 1 mese,');
  expect(it('replayWindow', { purpose: 'P', from: 'a', to: 'b', days: 2, state: 's' })).toBe(
    'P: dal a al b, registrazioni conservate per 2 giorni (s).',
  );
  const pt = translator(privacyCatalogs, 'pt');
  expect(pt('retention', { months: 1 })).toContain('durante 1 mês e');
  // pt-PT grouping (no-break space from five digits on), not Brazil's dot.
  expect(pt('checkpoint', { rows: 12345, head: 'ab', date: 'x' })).toContain(
    'ponto de controlo 12\u00a0345 da cadeia',
  );
  expect(pt('collectedExcluded', { count: 0 })).toBe('Nenhum caminho está excluído da medição.');
  expect(pt('collectedExcluded', { count: 1 })).toMatch(/^1 padrão de caminho está excluído/);
});
