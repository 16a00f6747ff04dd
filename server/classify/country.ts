// Maps an IANA timezone name to an ISO 3166-1 alpha-2 country code (never uses the IP address).
import { getTimezone } from 'countries-and-timezones';

const UNKNOWN = '(unknown)';
const MAX_TZ_LENGTH = 64;
/** IANA names: letters, digits and `/ _ + -` only (also keeps out keys such as `__proto__`). */
const TZ_NAME = /^[A-Za-z][A-Za-z0-9/_+-]*$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * The first country of the timezone in the countries-and-timezones table, which knows legacy
 * aliases (Asia/Calcutta → IN, Europe/Kiev → UA). '(unknown)' for a missing, too long, malformed
 * or unknown name, and for zones that belong to no country (UTC, GMT, Etc/*).
 */
export function countryFromTimezone(tz: string | undefined): string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > MAX_TZ_LENGTH) return UNKNOWN;
  const known = cache.get(tz);
  if (known !== undefined) return known;
  const country = lookUp(tz);
  if (cache.size >= MAX_CACHED) cache.clear(); // bounded: any string can be sent as a timezone
  cache.set(tz, country);
  return country;
}

// A few hundred real zone names, asked for on every event.
const cache = new Map<string, string>();
const MAX_CACHED = 2_000;

function lookUp(tz: string): string {
  if (!TZ_NAME.test(tz) || tz === 'UTC' || tz.startsWith('Etc/')) return UNKNOWN;
  // The library indexes a plain object: guard against non-entries (e.g. 'constructor').
  const countries: unknown = getTimezone(tz)?.countries;
  if (!Array.isArray(countries)) return UNKNOWN;
  const first: unknown = countries[0];
  return typeof first === 'string' && COUNTRY_CODE.test(first) ? first : UNKNOWN;
}
