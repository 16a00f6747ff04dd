// The world map's numbers (issue 19): world-atlas names countries by ISO 3166-1 numeric id, the
// counters by alpha-2 (from the visitor's timezone). The mapping is derived, not hand-typed:
// CLDR's territory aliases, as Intl applies them (`und-250` → region FR). Pure.

/** `250` → `FR`; null for an id Intl does not alias to a country. */
export function alpha2OfNumeric(id: string): string | null {
  if (!/^\d{3}$/.test(id)) return null;
  try {
    const region = new Intl.Locale(`und-${id}`).region;
    // ZZ is CLDR's unknown region.
    return region && /^[A-Z]{2}$/.test(region) && region !== 'ZZ' ? region : null;
  } catch {
    return null;
  }
}

/**
 * Each map feature's value: the country row's count, 0 for a country without visits, null for a
 * feature with no ISO code (disputed areas drawn without data). `rows` are the table's rows.
 */
export function mapValues(
  featureIds: (string | undefined)[],
  rows: { value: string; count: number }[],
): (number | null)[] {
  const byCode = new Map(rows.map((r) => [r.value, r.count]));
  return featureIds.map((id) => {
    const code = id === undefined ? null : alpha2OfNumeric(id);
    return code === null ? null : (byCode.get(code) ?? 0);
  });
}

/** The rows the map can draw (a country it knows), for its description and tests. */
export function drawnCountries(
  featureIds: (string | undefined)[],
  rows: { value: string; count: number }[],
): Record<string, number> {
  const known = new Set(featureIds.map((id) => (id ? alpha2OfNumeric(id) : null)));
  return Object.fromEntries(rows.filter((r) => known.has(r.value)).map((r) => [r.value, r.count]));
}
