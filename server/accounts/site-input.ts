// Site fields as people send them (API and CLI): domain, timezone, excluded paths, cap, retention.
// Pure: validation, defaults and the excluded-path matcher that ingestion applies.
import * as v from 'valibot';
import { isValidTimezone } from '../counters/time.js';
import type { SiteSettings } from '../store/types.js';

/** CNIL's audience-measurement exemption keeps data at most 25 months: the default. */
export const defaultRetentionMonths = 25;

const domainPattern =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const siteDomain = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(domainPattern, 'a domain name such as example.com, without https:// or a path'),
);
export const siteTimezone = v.pipe(v.string(), v.check(isValidTimezone, 'an IANA timezone'));
/** `/admin`, `/admin/*` (prefix) or `*` anywhere in a segment; at most 50 patterns. */
export const excludedPaths = v.pipe(
  v.array(v.pipe(v.string(), v.startsWith('/'), v.maxLength(200))),
  v.maxLength(50),
);
const capRule = 'a whole number from 10 to 10,000,000';
export const cardinalityCap = v.pipe(
  v.number(capRule),
  v.integer(capRule),
  v.minValue(10, capRule),
  v.maxValue(10_000_000, capRule),
);
const retentionRule = 'a whole number of months from 1 to 120';
export const retentionMonths = v.pipe(
  v.number(retentionRule),
  v.integer(retentionRule),
  v.minValue(1, retentionRule),
  v.maxValue(120, retentionRule),
);

export const siteSettingsFields = {
  excludedPaths: v.optional(excludedPaths),
  cardinalityCap: v.optional(cardinalityCap),
  retentionMonths: v.optional(retentionMonths),
};

export const newSiteBody = v.strictObject({
  domain: siteDomain,
  name: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'not empty'),
      v.maxLength(200, 'at most 200 characters'),
    ),
  ),
  timezone: siteTimezone,
  ...siteSettingsFields,
});

export const sitePatchBody = v.strictObject({
  name: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'not empty'),
      v.maxLength(200, 'at most 200 characters'),
    ),
  ),
  timezone: v.optional(siteTimezone),
  ...siteSettingsFields,
});

/** Merges given settings over the current ones (undefined keeps a value). */
export function mergeSettings(
  current: SiteSettings,
  input: { excludedPaths?: string[]; cardinalityCap?: number; retentionMonths?: number },
): SiteSettings {
  return {
    ...current,
    ...(input.excludedPaths !== undefined && { excludedPaths: input.excludedPaths }),
    ...(input.cardinalityCap !== undefined && { cardinalityCap: input.cardinalityCap }),
    ...(input.retentionMonths !== undefined && { retentionMonths: input.retentionMonths }),
  };
}

export function retentionOf(settings: SiteSettings): number {
  return settings.retentionMonths ?? defaultRetentionMonths;
}

const patternCache = new Map<string, RegExp>();

/** True when a page path matches one of the site's excluded patterns (for server/ingest). */
export function isExcludedPath(path: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return false;
  return patterns.some((p) => {
    let re = patternCache.get(p);
    if (!re) {
      const body = p
        .replace(/\/\*$/, '\u0000')
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace('\u0000', '(/.*)?');
      re = new RegExp(`^${body}/?$`);
      if (patternCache.size > 10_000) patternCache.clear();
      patternCache.set(p, re);
    }
    return re.test(path);
  });
}
