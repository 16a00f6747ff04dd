// Extracts campaign tags (utm_source/utm_medium/utm_campaign, source, ref) from a page URL's query.
import { sanitiseText } from './text';

export interface Campaign {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  taggedSource: string | null;
}

const MAX_LENGTH = 100;

/** A parameter's first value, sanitised; null when absent or empty after sanitising. */
function param(searchParams: URLSearchParams, name: string): string | null {
  const value = searchParams.get(name);
  if (value === null) return null;
  return sanitiseText(value, MAX_LENGTH) || null;
}

/**
 * Campaign values as sent (case kept), each sanitised and capped at 100 chars. `taggedSource` is
 * the first non-empty of utm_source, source, ref: it overrides the referrer-derived source.
 * Every other parameter is ignored, so nothing else from the query string is ever stored.
 */
export function extractCampaign(searchParams: URLSearchParams): Campaign {
  const utmSource = param(searchParams, 'utm_source');
  return {
    utmSource,
    utmMedium: param(searchParams, 'utm_medium'),
    utmCampaign: param(searchParams, 'utm_campaign'),
    taggedSource: utmSource ?? param(searchParams, 'source') ?? param(searchParams, 'ref'),
  };
}
