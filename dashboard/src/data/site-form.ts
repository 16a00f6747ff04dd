// The site settings form's fields as text, and back to a PATCH body with the server's rules
// (server/accounts/site-input.ts), so mistakes are named before anything is sent.

export interface SiteFormText {
  name: string;
  timezone: string;
  excludedPaths: string;
  cardinalityCap: string;
  retentionMonths: string;
}

export interface SitePatchBody {
  name: string;
  timezone: string;
  excludedPaths: string[];
  cardinalityCap?: number;
  retentionMonths: number;
}

/** One pattern a line; blank lines dropped, repeats kept once, order kept. */
export function parseExcludedPaths(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p) seen.add(p);
  }
  return [...seen];
}

const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The PATCH body, or the first problem as a sentence naming the field. */
export function sitePatchFromForm(
  f: SiteFormText,
): { ok: true; body: SitePatchBody } | { ok: false; error: string } {
  const name = f.name.trim();
  if (!name || name.length > 200) return { ok: false, error: 'Name: 1 to 200 characters' };
  if (!f.timezone) return { ok: false, error: 'Timezone: choose one' };
  const excludedPaths = parseExcludedPaths(f.excludedPaths);
  if (excludedPaths.length > 50) return { ok: false, error: 'Excluded paths: at most 50' };
  const bad = excludedPaths.find((p) => !p.startsWith('/') || p.length > 200);
  if (bad !== undefined) {
    return { ok: false, error: `Excluded paths: "${bad}" must start with / (200 characters at most)` };
  }
  const retentionMonths = wholeNumber(f.retentionMonths);
  if (!(retentionMonths >= 1 && retentionMonths <= 120)) {
    return { ok: false, error: 'Retention: 1 to 120 months' };
  }
  const body: SitePatchBody = { name, timezone: f.timezone, excludedPaths, retentionMonths };
  if (f.cardinalityCap.trim() !== '') {
    const cap = wholeNumber(f.cardinalityCap);
    if (!(cap >= 10 && cap <= 10_000_000)) {
      return { ok: false, error: 'Cardinality cap: 10 to 10,000,000, or empty for the default' };
    }
    body.cardinalityCap = cap;
  }
  return { ok: true, body };
}
