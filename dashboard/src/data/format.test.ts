import '../i18n/all-catalogs.js';
import { describe, expect, it } from 'vitest';
import {
  formatBucket,
  formatChange,
  formatCompact,
  formatCurrency,
  formatDate,
  formatDuration,
  formatNumber,
  formatPercent,
} from './format.js';
import { intlLocale } from '../i18n/locale.js';

describe('formatting', () => {
  it('formats counts and averages for the locale', () => {
    expect(formatNumber(1234, 'en-US')).toBe('1,234');
    expect(formatNumber(1234.5, 'de-DE')).toBe('1.234,5');
    expect(formatNumber(1.333, 'en-US')).toBe('1.33');
    expect(formatNumber(null)).toBe('—');
  });

  it('shortens large counts only', () => {
    expect(formatCompact(9999, 'en-US')).toBe('9,999');
    expect(formatCompact(12_345, 'en-US')).toBe('12.3K');
    expect(formatCompact(1_200_000, 'en-US')).toBe('1.2M');
  });

  it('formats whole percents', () => {
    expect(formatPercent(33, 'en-US')).toBe('33%');
    expect(formatPercent(16.7, 'en-US')).toBe('16.7%');
    expect(formatPercent(null)).toBe('—');
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats changes with a sign', () => {
    expect(formatChange(12, 'percent', 'en-US')).toBe('+12%');
    expect(formatChange(-5, 'percent', 'en-US')).toBe('-5%');
    expect(formatChange(0, 'percent', 'en-US')).toBe('0%');
    expect(formatChange(3, 'points', 'en-US')).toBe('+3 pts');
    expect(formatChange(null)).toBe('—');
  });

  it('labels buckets by interval without shifting the day', () => {
    expect(formatBucket('2025-03-29', 'day', 'en-US')).toBe('Mar 29');
    expect(formatBucket('2025-03-01', 'month', 'en-US')).toBe('Mar 2025');
    expect(formatBucket('2025-03-29T14:00', 'hour', 'en-GB')).toBe('14:00');
  });
});

describe('formatting per language', () => {
  it('groups and separates decimals the French way (narrow no-break space, comma)', () => {
    expect(formatNumber(1234.5, 'fr-FR')).toBe('1\u202f234,5');
    expect(formatNumber(1234.5, 'fr')).toBe('1\u202f234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });

  // Intl (ICU) puts a no-break space (U+00A0) before % in French, a narrow one in groups.
  it('writes percents, changes and durations in French', () => {
    expect(formatPercent(16.7, 'fr')).toBe('16,7\u00a0%');
    expect(formatChange(12, 'percent', 'fr')).toBe('+12\u00a0%');
    expect(formatChange(3, 'points', 'fr')).toBe('+3\u202fpts');
    expect(formatDuration(45, 'fr')).toBe('45\u202fs');
    expect(formatDuration(125, 'fr')).toBe('2\u202fmin 05\u202fs');
    expect(formatDuration(3720, 'fr')).toBe('1\u202fh 02\u202fmin');
  });

  // Node 20's ICU: German and Dutch group with a dot and separate decimals with a comma; German
  // puts a no-break space (U+00A0) before %, Dutch none.
  it('writes numbers, percents, changes and durations in German and Dutch', () => {
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'nl')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'nl-BE')).toBe('1.234,5');
    expect(formatPercent(16.7, 'de')).toBe('16,7\u00a0%');
    expect(formatPercent(16.7, 'nl')).toBe('16,7%');
    expect(formatChange(12, 'percent', 'de')).toBe('+12\u00a0%');
    expect(formatChange(12, 'percent', 'nl')).toBe('+12%');
    expect(formatChange(3, 'points', 'de')).toBe('+3\u00a0Pp.');
    expect(formatChange(-3, 'points', 'nl')).toBe('-3\u00a0%-punt');
    expect(formatDuration(45, 'de')).toBe('45\u00a0s');
    expect(formatDuration(125, 'de')).toBe('2\u00a0min 05\u00a0s');
    expect(formatDuration(3720, 'nl')).toBe('1\u00a0u 02\u00a0min');
    expect(formatDate('2025-03-29T12:00:00Z', 'de')).toBe('29.03.2025');
    expect(formatDate('2025-03-29T12:00:00Z', 'nl')).toBe('29 mrt 2025');
    expect(formatCurrency(1234.5, 'EUR', 'de')).toBe('1.234,50\u00a0€');
    expect(formatCurrency(1234.5, 'EUR', 'nl')).toBe('€\u00a01.234,50');
  });

  it('formats dates, times and currencies in the locale', () => {
    expect(formatBucket('2025-03-29', 'day', 'fr')).toBe('29 mars');
    expect(formatDate('2025-03-29T12:00:00Z', 'fr')).toBe('29 mars 2025');
    expect(formatDate('2025-03-29T12:00:00Z', 'en')).toBe('Mar 29, 2025');
    expect(formatCurrency(1234.5, 'EUR', 'fr')).toBe('1\u202f234,50\u00a0€');
    expect(formatCurrency(1234.5, 'EUR', 'en')).toBe('€1,234.50');
  });

  // Spanish, Italian and European Portuguese do not group four-digit numbers (CLDR minimum
  // grouping 2); Portuguese groups with a no-break space, Spanish and Italian with a dot.
  it('groups and separates decimals in Spanish, Italian and European Portuguese', () => {
    expect(formatNumber(1234.5, 'es')).toBe('1234,5');
    expect(formatNumber(12345.5, 'es')).toBe('12.345,5');
    expect(formatNumber(1234.5, 'it')).toBe('1234,5');
    expect(formatNumber(12345.5, 'it')).toBe('12.345,5');
    expect(formatNumber(1234.5, intlLocale('pt'))).toBe('1234,5');
    expect(formatNumber(12345.5, intlLocale('pt'))).toBe('12\u00a0345,5');
    // Bare `pt` is Brazil's: the reason `pt` formats as pt-PT.
    expect(formatNumber(1234.5, 'pt')).toBe('1.234,5');
  });

  it('writes percents, changes and durations in Spanish, Italian and Portuguese', () => {
    expect(formatPercent(16.7, 'es')).toBe('16,7\u00a0%');
    expect(formatChange(12, 'percent', 'es')).toBe('+12\u00a0%');
    expect(formatChange(3, 'points', 'es')).toBe('+3\u00a0p.\u00a0p.');
    expect(formatDuration(125, 'es')).toBe('2\u00a0min 05\u00a0s');
    expect(formatPercent(16.7, 'it')).toBe('16,7%');
    expect(formatChange(3, 'points', 'it')).toBe('+3\u00a0p.p.');
    expect(formatDuration(3720, 'it')).toBe('1\u00a0h 02\u00a0min');
    expect(formatPercent(16.7, intlLocale('pt'))).toBe('16,7%');
    expect(formatChange(3, 'points', intlLocale('pt'))).toBe('+3\u00a0p.p.');
    expect(formatDuration(45, 'pt')).toBe('45\u00a0s');
  });

  it('formats dates and currencies in Spanish, Italian and Portuguese', () => {
    expect(formatDate('2025-03-29T12:00:00Z', 'es')).toBe('29 mar 2025');
    expect(formatDate('2025-03-29T12:00:00Z', 'it')).toBe('29 mar 2025');
    expect(formatDate('2025-03-29T12:00:00Z', intlLocale('pt'))).toBe('29/03/2025');
    expect(formatBucket('2025-03-29', 'day', 'es')).toBe('29 mar');
    expect(formatCurrency(1234.5, 'EUR', 'es')).toBe('1234,50\u00a0€');
    expect(formatCurrency(1234.5, 'EUR', 'it')).toBe('1234,50\u00a0€');
    expect(formatCurrency(1234.5, 'EUR', intlLocale('pt'))).toBe('1234,50\u00a0€');
  });
});
