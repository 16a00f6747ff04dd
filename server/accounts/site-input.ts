// Site fields as people send them (API and CLI): domain, timezone, excluded paths, cap, retention.
// Pure: validation and defaults (the excluded-path matcher is server/classify/excluded-path.ts).
import * as v from 'valibot';
import { validateGlob } from '../classify/glob.js';
import { isValidTimezone } from '../counters/time.js';
import { defaultLocale, locales, type Locale } from '../i18n/locale.js';
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
/**
 * `/admin`, `/admin/*` (prefix), `*` within a segment, `**` across segments; at most 50 patterns.
 * Each pattern is then checked by settingsProblem (validateGlob), which names the reason in the 400.
 */
export const excludedPaths = v.pipe(v.array(v.string()), v.maxLength(50));
/** The ceiling is install-wide (POMELO_MAX_CARDINALITY_CAP): settingsProblem checks it. */
const capRule = 'a whole number of at least 10 (at most POMELO_MAX_CARDINALITY_CAP)';
export const cardinalityCap = v.pipe(
  v.number(capRule),
  v.integer(capRule),
  v.minValue(10, capRule),
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
  honourGpc: v.optional(v.boolean('true or false')),
  publicPrivacyReport: v.optional(v.boolean('true or false')),
  language: v.optional(v.picklist(locales, `one of ${locales.join(', ')}`)),
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
  input: Pick<
    SiteSettings,
    | 'excludedPaths'
    | 'cardinalityCap'
    | 'retentionMonths'
    | 'honourGpc'
    | 'publicPrivacyReport'
    | 'language'
  >,
): SiteSettings {
  return {
    ...current,
    ...(input.excludedPaths !== undefined && { excludedPaths: input.excludedPaths }),
    ...(input.cardinalityCap !== undefined && { cardinalityCap: input.cardinalityCap }),
    ...(input.retentionMonths !== undefined && { retentionMonths: input.retentionMonths }),
    ...(input.honourGpc !== undefined && { honourGpc: input.honourGpc }),
    ...(input.publicPrivacyReport !== undefined && {
      publicPrivacyReport: input.publicPrivacyReport,
    }),
    ...(input.language !== undefined && { language: input.language }),
  };
}

/**
 * The first problem with settings as sent, as a sentence for the 400 (or the CLI), or null: each
 * excluded path must pass validateGlob (server/classify/glob.ts), and a cardinality cap must not
 * exceed the install's ceiling (POMELO_MAX_CARDINALITY_CAP), so memory stays bounded.
 */
export function settingsProblem(
  input: { excludedPaths?: readonly string[]; cardinalityCap?: number },
  limits: { maxCardinalityCap: number },
): string | null {
  const paths = input.excludedPaths ?? [];
  for (let i = 0; i < paths.length; i++) {
    const reason = validateGlob(paths[i]);
    if (reason) return `excludedPaths[${i}]: ${reason}`;
  }
  const cap = input.cardinalityCap;
  if (cap !== undefined && cap > limits.maxCardinalityCap) {
    return `cardinalityCap: at most ${limits.maxCardinalityCap} on this install (POMELO_MAX_CARDINALITY_CAP)`;
  }
  return null;
}

/** The language of the site's generated documents: its setting, else English. */
export function languageOf(settings: SiteSettings): Locale {
  return settings.language ?? defaultLocale;
}

export function retentionOf(settings: SiteSettings): number {
  return settings.retentionMonths ?? defaultRetentionMonths;
}
