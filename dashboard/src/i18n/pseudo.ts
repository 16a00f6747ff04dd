// The `qps` pseudo-locale: every message wrapped in ⟦…⟧, so a page rendered in it shows at a
// glance (and to a test) any text that did not come from a catalog.

export const markOpen = '⟦';
export const markClose = '⟧';

export function pseudo<K extends string>(source: Record<K, string>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(source) as K[]) out[key] = `${markOpen}${source[key]}${markClose}`;
  return out;
}
