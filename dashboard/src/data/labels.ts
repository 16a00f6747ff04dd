// How breakdown values read on screen. Always plain strings: the caller renders them as text.

const pathDimensions = new Set(['page', 'entry', 'exit']);

const regionNames = new Map<string, Intl.DisplayNames | null>();

function regions(locale: string | undefined): Intl.DisplayNames | null {
  const key = locale ?? '';
  if (!regionNames.has(key)) {
    try {
      regionNames.set(key, new Intl.DisplayNames(locale, { type: 'region' }));
    } catch {
      regionNames.set(key, null);
    }
  }
  return regionNames.get(key) ?? null;
}

/** A page path with its percent-escapes decoded (`/caf%C3%A9` → `/café`), as visitors typed it. */
export function decodePath(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Paths decoded, ISO country codes named in the locale; anything else unchanged. */
export function displayValue(dimension: string, value: string, locale?: string): string {
  if (pathDimensions.has(dimension)) return decodePath(value);
  if (dimension === 'country' && /^[A-Z]{2}$/.test(value)) {
    const name = regions(locale)?.of(value);
    if (name && name !== value) return name;
  }
  return value;
}

/** A breakdown row as shown: an event property reads `key: value`; other rows as displayValue. */
export function rowLabel(
  dimension: string,
  row: { value: string; key?: unknown },
  locale?: string,
): string {
  if (dimension === 'event_prop' && typeof row.key === 'string') return `${row.key}: ${row.value}`;
  return displayValue(dimension, row.value, locale);
}
