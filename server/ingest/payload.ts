// Parses and validates an event body (Pomelo's and Plausible's shapes, docs/WIRE.md). Pure.
import { sanitiseText } from '../classify/text.js';
import { parseRevenue, type Revenue } from '../goals/goal-input.js';
import { type Rejection, reject } from './rejection.js';

export interface EventPayload {
  name: string;
  url: string;
  domains: string[];
  referrer: string | null;
  width: number | undefined;
  timezone: string | undefined;
  navigation: number | undefined;
  hashRouting: boolean;
  /** pp: the previous route of an SPA navigation (a path, `/…`), for page flows; else null. */
  previousPath: string | null;
  props: [string, string][];
  engagement: {
    visibleMs: number;
    scrollPct: number;
    continued: boolean | null;
    engaged: boolean;
    followUp: boolean;
  } | null;
  /** `$` (Plausible's tracker, Pomelo's) or `revenue` (Plausible's Events API): {currency, amount}. */
  revenue: Revenue | null;
}

export const limits = {
  bodyBytes: 4096,
  name: 120,
  url: 2048,
  domain: 253,
  domains: 10,
  timezone: 64,
  props: 30,
  propKey: 60,
  propValue: 300,
  maxWidth: 100_000,
  maxVisibleMs: 86_400_000,
} as const;

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

const isFlag = (v: unknown): boolean => v === 0 || v === 1 || v === true || v === false;

export function parseJsonBody(text: string): Record<string, unknown> | Rejection {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject('invalid_json', 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('not_an_object', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * Pomelo's tracker sends props as the page gave them: `pomelo('Purchase', {plan: 'pro', $: {amount:
 * 49.9, currency: 'EUR'}})` carries its revenue as the object under `$` (no tracker byte spent on
 * it). Any other `$` value stays a prop and is judged as one.
 */
function revenueFromProps(p: unknown): { props: unknown; revenue: unknown } {
  if (typeof p !== 'object' || p === null || Array.isArray(p) || !Object.hasOwn(p, '$')) {
    return { props: p, revenue: undefined };
  }
  const { $: revenue, ...props } = p as Record<string, unknown>;
  if (typeof revenue !== 'object' || revenue === null) return { props: p, revenue: undefined };
  return { props, revenue };
}

function parseProps(p: unknown): [string, string][] | Rejection {
  if (p === undefined || p === null) return [];
  if (typeof p !== 'object' || Array.isArray(p)) return reject('bad_props', 'p must be an object');
  const keys = Object.keys(p);
  if (keys.length > limits.props)
    return reject('bad_props', `p has more than ${limits.props} keys`);
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const v = (p as Record<string, unknown>)[key];
    const k = sanitiseText(key, limits.propKey + 1);
    if (!k || k.length > limits.propKey) {
      return reject('bad_props', `prop keys must be 1-${limits.propKey} characters`);
    }
    // Checked after sanitising: "__proto__\u200b" or " plan" must not slip past as another key.
    if (forbiddenKeys.has(k)) return reject('bad_props', `p has a forbidden key "${k}"`);
    if (seen.has(k)) return reject('bad_props', `p has the key "${k}" twice`);
    seen.add(k);
    let text: string;
    if (typeof v === 'string') text = v;
    else if (typeof v === 'boolean') text = String(v);
    else if (typeof v === 'number' && Number.isFinite(v)) text = String(v);
    else return reject('bad_props', `prop "${k}" must be a string, a finite number or a boolean`);
    if (text.length > limits.propValue) {
      return reject('bad_props', `prop "${k}" is longer than ${limits.propValue} characters`);
    }
    out.push([k, sanitiseText(text, limits.propValue)]);
  }
  return out;
}

function parseEngagement(body: Record<string, unknown>): EventPayload['engagement'] | Rejection {
  const { e = 0, sd = 0, c, f } = body;
  if (!isInt(e, 0, limits.maxVisibleMs)) {
    return reject(
      'bad_engagement',
      `e must be whole milliseconds from 0 to ${limits.maxVisibleMs}`,
    );
  }
  if (!isInt(sd, 0, 100)) return reject('bad_engagement', 'sd must be a whole percent, 0-100');
  if (c !== undefined && !isFlag(c) && !isInt(c, 0, 7)) {
    return reject('bad_engagement', 'c must be a whole number from 0 to 7 (docs/WIRE.md)');
  }
  if (f !== undefined && !isFlag(f)) return reject('bad_engagement', 'f must be 0 or 1');
  // c's bits (docs/WIRE.md), each new since the pageview's previous beacon: 1 continued (trackers
  // before issue 19: and so engaged), 2 engaged (an interactive event), 4 continued (engaged before).
  const bits = Number(c ?? 0);
  return {
    visibleMs: e,
    scrollPct: sd,
    continued: c === undefined ? null : (bits & 5) !== 0,
    engaged: (bits & 3) !== 0,
    followUp: Boolean(f),
  };
}

/** Checks every field's type and bounds; unknown extra keys are ignored. */
export function validatePayload(body: Record<string, unknown>): EventPayload | Rejection {
  const { n, u, d, r, w, z, t, h, pp } = body;
  if (typeof n !== 'string') return reject('bad_name', 'n (event name) must be a string');
  const name = sanitiseText(n, limits.name + 1);
  if (!name || name.length > limits.name) {
    return reject('bad_name', `n must be 1-${limits.name} printable characters`);
  }
  if (typeof u !== 'string' || u.length > limits.url) {
    return reject('bad_url', `u must be a URL of at most ${limits.url} characters`);
  }
  if (d !== undefined && (typeof d !== 'string' || d.length > limits.domain * limits.domains)) {
    return reject('bad_domain', 'd must be a domain name');
  }
  const domains = typeof d === 'string' ? d.split(',').map((s) => s.trim().toLowerCase()) : [];
  if (domains.length > limits.domains || domains.some((s) => s.length > limits.domain)) {
    return reject('bad_domain', 'd must be a domain name (or a short comma-separated list)');
  }
  if (r !== undefined && r !== null && (typeof r !== 'string' || r.length > limits.url)) {
    return reject('bad_referrer', `r must be null or a string of at most ${limits.url} characters`);
  }
  if (w !== undefined && !isInt(w, 0, limits.maxWidth)) {
    return reject('bad_width', `w must be a whole number of pixels, 0-${limits.maxWidth}`);
  }
  if (z !== undefined && (typeof z !== 'string' || z.length > limits.timezone)) {
    return reject('bad_timezone', 'z must be an IANA timezone name');
  }
  if (t !== undefined && !isInt(t, 0, 3)) return reject('bad_navigation', 't must be 0, 1, 2 or 3');
  if (h !== undefined && !isFlag(h)) return reject('bad_hash', 'h must be 0 or 1');
  // A path of this site, as location.pathname (+ hash) gives it: '/' first, never '//' (another host).
  if (
    pp !== undefined &&
    pp !== null &&
    (typeof pp !== 'string' || pp.length > limits.url || !/^\/(?!\/)/.test(pp))
  ) {
    return reject(
      'bad_previous_path',
      `pp must be a path starting with one '/', at most ${limits.url} characters`,
    );
  }
  const { props: rawProps, revenue: propRevenue } = revenueFromProps(body.p);
  const props = parseProps(rawProps);
  if (!Array.isArray(props)) return props;
  const rawRevenue = body.$ ?? body.revenue ?? propRevenue;
  let revenue: Revenue | null = null;
  if (rawRevenue !== undefined && rawRevenue !== null) {
    const parsed = parseRevenue(rawRevenue);
    if (typeof parsed === 'string') return reject('bad_revenue', parsed);
    revenue = parsed;
  }
  let engagement: EventPayload['engagement'] = null;
  if (name === 'engagement') {
    const parsed = parseEngagement(body);
    if (parsed && 'rejected' in parsed) return parsed;
    engagement = parsed;
  }
  return {
    name,
    url: u,
    domains: domains.filter(Boolean),
    referrer: typeof r === 'string' && r !== '' ? r : null,
    width: w as number | undefined,
    timezone: z as string | undefined,
    navigation: t as number | undefined,
    hashRouting: Boolean(h),
    previousPath: typeof pp === 'string' ? pp : null,
    props,
    engagement,
    revenue,
  };
}
