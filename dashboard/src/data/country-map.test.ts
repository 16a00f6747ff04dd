import { describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import { alpha2OfNumeric, drawnCountries, mapValues } from './country-map.js';

const ids = (atlas as { objects: { countries: { geometries: { id?: string }[] } } }).objects
  .countries.geometries.map((g) => g.id);

describe('world map numbers', () => {
  it.each([
    ['250', 'FR'],
    ['840', 'US'],
    ['826', 'GB'],
    ['276', 'DE'],
    ['732', 'EH'],
    ['036', 'AU'],
    ['999', null],
    ['FR', null],
  ])('%s → %s', (id, code) => {
    expect(alpha2OfNumeric(id)).toBe(code);
  });

  it('names every country of countries-110m that has an id, each once', () => {
    const codes = ids.filter((id) => id !== undefined).map((id) => alpha2OfNumeric(id!));
    expect(codes.filter((c) => c === null)).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(170);
  });

  it('puts the table rows on their countries', () => {
    const rows = [
      { value: 'FR', count: 3 },
      { value: 'US', count: 1 },
      { value: '(other)', count: 2 },
    ];
    const values = mapValues(['250', '840', '276', undefined], rows);
    expect(values).toEqual([3, 1, 0, null]);
    expect(drawnCountries(ids, rows)).toEqual({ FR: 3, US: 1 });
  });
});
