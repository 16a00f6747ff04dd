// The catalogs: the same keys in every language, every key used by the dashboard's code, every
// message valid ICU that formats in its language, with the placeholders English has.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogs } from './all-catalogs.js';
import { offered, type Catalog, type MessageKey } from './catalogs.js';
import { intlLocale, langOf } from './locale.js';
import { en } from './messages/en.js';
import { t } from './t.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const englishKeys = Object.keys(en).sort();

/** Every .ts file of dashboard/src except the catalogs themselves and the tests. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(path.join('i18n', 'messages')) ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

type Arg = { name: string; kind: 'number' | 'select' | 'date' | 'text' };

/** The arguments a message takes, from its ICU syntax tree (plural and number args are numbers). */
function argsOf(message: string): Arg[] {
  const ast = new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst();
  const out = new Map<string, Arg['kind']>();
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as { type: number; value: string; options?: object }[]) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (formatjs' TYPE enum).
      if (n.type === 1 && !out.has(n.value)) out.set(n.value, 'text');
      if (n.type === 2 || n.type === 6) out.set(n.value, 'number');
      if (n.type === 3 || n.type === 4) out.set(n.value, 'date');
      if (n.type === 5) out.set(n.value, 'select');
      if (n.options) {
        for (const o of Object.values(n.options) as { value: unknown[] }[]) walk(o.value);
      }
    }
  };
  walk(ast);
  return [...out].map(([name, kind]) => ({ name, kind }));
}

const sample = (args: Arg[], n: number) =>
  Object.fromEntries(
    args.map((a) => [
      a.name,
      a.kind === 'number' ? n : a.kind === 'date' ? new Date(0) : a.kind === 'select' ? 'x' : 'x',
    ]),
  );

describe('message catalogs', () => {
  const langs = Object.keys(catalogs) as (keyof typeof catalogs)[];

  it.each(langs)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(catalogs[lang]).sort()).toEqual(englishKeys);
  });

  it('offers its languages in the menu, each named in itself', () => {
    expect([...offered]).toEqual(['en', 'fr', 'de', 'es', 'it', 'nl', 'pt']);
    expect(offered.map((l) => t('language.self', {}, l))).toEqual([
      'English',
      'Français',
      'Deutsch',
      'Español',
      'Italiano',
      'Nederlands',
      'Português',
    ]);
  });

  it('uses every key somewhere in the dashboard code', () => {
    const code = sources(src)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const unused = englishKeys.filter((k) => !code.includes(`'${k}'`));
    expect(unused, `keys no code uses: ${unused.join(', ')}`).toEqual([]);
  });

  it.each(langs)('every %s message parses and formats, with English placeholders', (lang) => {
    const catalog: Catalog = catalogs[lang];
    const problems: string[] = [];
    for (const key of englishKeys as MessageKey[]) {
      try {
        const expected = argsOf(en[key])
          .map((a) => a.name)
          .sort();
        const args = argsOf(catalog[key]);
        const names = args.map((a) => a.name).sort();
        if (JSON.stringify(names) !== JSON.stringify(expected)) {
          problems.push(`${key}: placeholders ${names.join(',')} ≠ ${expected.join(',')}`);
        }
        for (const n of [0, 1, 2, 1234.5]) {
          const out = t(key, sample(argsOf(en[key]), n), lang);
          if (typeof out !== 'string' || out.includes('{')) problems.push(`${key}: ${out}`);
        }
      } catch (err) {
        problems.push(`${key}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes French with typographic apostrophes and a narrow no-break space before : ; ? !', () => {
    const bad = Object.entries(catalogs.fr).filter(
      ([, m]) => m.includes("'") || /[^\u202f\s(][:;?!](\s|$)/u.test(m) || / [:;?!]/.test(m),
    );
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  // German and Dutch: typographic quotes and apostrophes, no space before : ; ? ! (unlike French),
  // and a no-break space between a number placeholder and its unit.
  it.each(['de', 'nl'] as const)('writes %s with typographic quotes and apostrophes', (lang) => {
    const bad = Object.entries(catalogs[lang]).filter(
      ([, m]) => /['"]/.test(m) || /\s[:;?!](\s|$)/u.test(m) || /\} (?:s|min|h|u)\b|\} %/.test(m),
    );
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  // A straight apostrophe is also ICU's quote character ('{' would swallow a placeholder), and
  // straight double quotes are English typography: these languages take ’ and « ».
  it.each(['es', 'it', 'pt'] as const)(
    'writes %s with typographic quotes and apostrophes, and no space before : ; ? !',
    (lang) => {
      const bad = Object.entries(catalogs[lang]).filter(
        ([, m]) => /['"]/.test(m) || /[ \u00a0\u202f][:;?!](\s|$)/u.test(m),
      );
      expect(bad.map(([k]) => k)).toEqual([]);
    },
  );

  it('opens every Spanish question and exclamation with ¿ and ¡', () => {
    const bad = Object.entries(catalogs.es).filter(
      ([, m]) =>
        (m.match(/\?/g) ?? []).length !== (m.match(/¿/g) ?? []).length ||
        (m.match(/!/g) ?? []).length !== (m.match(/¡/g) ?? []).length,
    );
    expect(bad.map(([k]) => k)).toEqual([]);
  });
});

describe('plurals and formats per language', () => {
  it('counts visits in English and French', () => {
    expect(t('report.realtime', { count: 1 }, 'en')).toBe('1 visit in the last 30 minutes');
    expect(t('report.realtime', { count: 2 }, 'en')).toBe('2 visits in the last 30 minutes');
    expect(t('report.realtime', { count: 1 }, 'fr')).toBe('1 visite ces 30\u202fdernières minutes');
    expect(t('report.realtime', { count: 2 }, 'fr')).toBe(
      '2 visites ces 30\u202fdernières minutes',
    );
    // French's "one" covers 0 as well; thousands take French grouping (U+202F).
    expect(t('report.realtime', { count: 0 }, 'fr')).toBe('0 visite ces 30\u202fdernières minutes');
    expect(t('report.realtime', { count: 1234 }, 'fr')).toBe(
      '1\u202f234 visites ces 30\u202fdernières minutes',
    );
  });

  it('counts visits in German and Dutch (one is 1 only), with their grouping', () => {
    expect(t('report.realtime', { count: 1 }, 'de')).toBe('1 Besuch in den letzten 30 Minuten');
    expect(t('report.realtime', { count: 2 }, 'de')).toBe('2 Besuche in den letzten 30 Minuten');
    expect(t('report.realtime', { count: 0 }, 'de')).toBe('0 Besuche in den letzten 30 Minuten');
    expect(t('report.realtime', { count: 1234 }, 'de')).toBe(
      '1.234 Besuche in den letzten 30 Minuten',
    );
    expect(t('apiKeys.inDays', { days: 1 }, 'de')).toBe('In 1 Tag');
    expect(t('apiKeys.inDays', { days: 7 }, 'de')).toBe('In 7 Tagen');
    expect(t('report.realtime', { count: 1 }, 'nl')).toBe('1 bezoek in de afgelopen 30 minuten');
    expect(t('report.realtime', { count: 2 }, 'nl')).toBe('2 bezoeken in de afgelopen 30 minuten');
    expect(t('report.realtime', { count: 0 }, 'nl')).toBe('0 bezoeken in de afgelopen 30 minuten');
    expect(t('report.realtime', { count: 1234 }, 'nl')).toBe(
      '1.234 bezoeken in de afgelopen 30 minuten',
    );
    expect(t('rw.retentionValue', { days: 1 }, 'nl')).toBe('1 dag na het einde');
    expect(t('rw.retentionValue', { days: 30 }, 'nl')).toBe('30 dagen na het einde');
  });

  it('counts visits in Spanish, Italian and European Portuguese (0 is plural; no 4-digit group)', () => {
    expect(t('report.realtime', { count: 1 }, 'es')).toBe('1 visita en los últimos 30 minutos');
    expect(t('report.realtime', { count: 2 }, 'es')).toBe('2 visitas en los últimos 30 minutos');
    expect(t('report.realtime', { count: 0 }, 'es')).toBe('0 visitas en los últimos 30 minutos');
    expect(t('report.realtime', { count: 1234 }, 'es')).toBe(
      '1234 visitas en los últimos 30 minutos',
    );
    expect(t('report.realtime', { count: 12345 }, 'es')).toBe(
      '12.345 visitas en los últimos 30 minutos',
    );
    expect(t('report.realtime', { count: 1 }, 'it')).toBe('1 visita negli ultimi 30 minuti');
    expect(t('report.realtime', { count: 2 }, 'it')).toBe('2 visite negli ultimi 30 minuti');
    expect(t('report.realtime', { count: 1234 }, 'it')).toBe('1234 visite negli ultimi 30 minuti');
    expect(t('rw.retentionValue', { days: 1 }, 'it')).toBe('1 giorno dopo la fine');
    expect(t('rw.retentionValue', { days: 7 }, 'it')).toBe('7 giorni dopo la fine');
    expect(t('report.realtime', { count: 1 }, 'pt')).toBe('1 visita nos últimos 30 minutos');
    expect(t('report.realtime', { count: 2 }, 'pt')).toBe('2 visitas nos últimos 30 minutos');
    // pt is European Portuguese: "one" is 1 only (Brazil's rule would say "0 visita"), and
    // thousands are grouped with a no-break space from 5 digits on (Brazil: 1.234).
    expect(t('report.realtime', { count: 0 }, 'pt')).toBe('0 visitas nos últimos 30 minutos');
    expect(t('report.realtime', { count: 1234 }, 'pt')).toBe('1234 visitas nos últimos 30 minutos');
    expect(t('report.realtime', { count: 12345 }, 'pt')).toBe(
      '12\u00a0345 visitas nos últimos 30 minutos',
    );
  });

  it('formats European Portuguese as pt-PT, every other language as itself', () => {
    expect(intlLocale('pt')).toBe('pt-PT');
    expect(intlLocale('es')).toBe('es');
    expect(intlLocale('it')).toBe('it');
    expect(intlLocale('qps')).toBe('en');
    expect(langOf('pt-BR')).toBe('pt');
    expect(langOf('es-MX')).toBe('es');
    expect(langOf('it-CH')).toBe('it');
  });

  it('marks every message in the pseudo-locale', () => {
    expect(t('app.signOut', {}, 'qps')).toBe('⟦Sign out⟧');
    expect(t('report.realtime', { count: 2 }, 'qps')).toBe('⟦2 visits in the last 30 minutes⟧');
  });
});
