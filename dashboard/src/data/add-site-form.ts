// The add-site form's rules (issue 19): a pasted address keeps its host, a timezone can be found
// by its city ("paris" → Europe/Paris), and the API's refusal lands under the field it concerns.
// Pure: the zone list is passed in (Intl.supportedValuesOf('timeZone') in the browser).

/**
 * The domain a person means: `https://www.Shop.test:8080/path?q` → `www.shop.test`. Text that is
 * not an address is returned trimmed and lower-cased, for the server to judge.
 */
export function hostFromInput(text: string): string {
  const s = text.trim();
  if (!s) return '';
  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /[/?#:@]/.test(s);
  if (!looksLikeUrl) return s.toLowerCase().replace(/\.$/, '');
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
    if (url.hostname) return url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    // Not an address after all: the server names the problem.
  }
  return s.toLowerCase();
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();

/** Zones matching a search, best first: exact name, then a place name starting with it, then any part. */
export function searchTimezones(query: string, zones: readonly string[], limit = 20): string[] {
  const q = fold(query);
  if (!q) return zones.slice(0, limit);
  const rank = (zone: string): number => {
    const z = fold(zone);
    if (z === q) return 0;
    const places = z.split('/');
    if (places.some((p) => p === q)) return 1;
    if (places.some((p) => p.startsWith(q))) return 2;
    return z.includes(q) ? 3 : -1;
  };
  return zones
    .map((zone) => ({ zone, r: rank(zone) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((x) => x.zone);
}

/** The zone a typed text names: an exact zone, or the one zone whose place it names; else null. */
export function resolveTimezone(text: string, zones: readonly string[]): string | null {
  const q = fold(text);
  if (!q) return null;
  const exact = zones.find((z) => fold(z) === q);
  if (exact) return exact;
  const places = zones.filter((z) => fold(z).split('/').at(-1) === q);
  return places.length === 1 ? places[0]! : null;
}

export type SiteField = 'domain' | 'timezone' | 'name';

/** Which field an API refusal concerns (`domain: a domain name such as …`), with its reason. */
export function fieldOfApiError(message: string): { field: SiteField; reason: string } | null {
  const m = /^(domain|timezone|name): (.+)$/s.exec(message);
  if (m) return { field: m[1] as SiteField, reason: m[2]! };
  const bare = /^invalid (domain|timezone|name)$/.exec(message);
  return bare ? { field: bare[1] as SiteField, reason: message } : null;
}
