// Pure URL rules for replay windows: a built-in denylist no window can remove, then the
// window's exclude and include rules (DESIGN.md "off on sensitive pages"; issue 6 §1).
import {
  anyGlob,
  type PathGlob,
  type StepCounter,
  urlRuleGlob,
  validateGlob,
} from '../classify/glob.js';

export type NotRecordableReason =
  'bad_url' | 'denylisted_path' | 'token_in_url' | 'excluded' | 'not_included';

export type RecordableResult = { ok: true } | { ok: false; reason: NotRecordableReason };

export interface UrlRules {
  includeRules: readonly string[];
  excludeRules: readonly string[];
}

/**
 * Words that mark authenticated or sensitive pages. A path segment (or a `#/route`) containing
 * one, ignoring case and the separators `-`, `_`, `.`, is never recorded: `/sign-in`,
 * `/my_account`, `/wp-login.php`, `/reset-password/…`. Over-matching (`/administration`) only
 * means fewer recordings, which is the safe side.
 */
export const BUILT_IN_DENYLIST: readonly string[] = [
  'login', 'logon', 'logout', 'signin', 'signout', 'signup', 'register', 'account', 'checkout',
  'payment', 'billing', 'admin', 'settings', 'password', 'passwd', 'reset', 'oauth', '2fa', 'mfa',
]; // prettier-ignore

/** Query (or fragment) parameter names that carry credentials or one-time secrets. */
export const TOKEN_PARAM_NAMES: readonly string[] = [
  'token', 'code', 'key', 'secret', 'session', 'sessionid', 'sid', 'auth', 'sig', 'signature',
  'password', 'pass', 'pwd', 'otp', 'nonce', 'state', 'jwt', 'ticket', 'hash', 'apikey',
  'credential', 'magic', 'invite', 'verify', 'reset',
]; // prettier-ignore

/** Parameter names containing one of these anywhere (`access_token`, `X-Amz-Signature`). */
const TOKEN_NAME_PARTS = [
  'token',
  'secret',
  'session',
  'sessid',
  'passw',
  'signature',
  'apikey',
  'auth',
];

/**
 * A long value that looks random: 20+ URL-safe characters mixing letters and digits with at
 * least four letter/digit switches (UUIDs, JWTs, hex and base64 tokens, click ids), while
 * `summer-sale-2026-landing` is not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || !/^[A-Za-z0-9_\-.~+/=%]+$/.test(value)) return false;
  let switches = 0;
  for (let i = 1; i < value.length; i++) {
    const a = /\d/.test(value[i - 1]!) ? 'd' : /[A-Za-z]/.test(value[i - 1]!) ? 'l' : 's';
    const b = /\d/.test(value[i]!) ? 'd' : /[A-Za-z]/.test(value[i]!) ? 'l' : 's';
    if (a !== 's' && b !== 's' && a !== b) switches++;
  }
  return switches >= 4;
}

function isTokenParam(name: string, value: string): boolean {
  const n = name.toLowerCase().replace(/[-_.[\]]/g, '');
  return (
    TOKEN_PARAM_NAMES.includes(n) ||
    TOKEN_NAME_PARTS.some((p) => n.includes(p)) ||
    looksRandom(value)
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isDenylistedSegment(segment: string): boolean {
  const compact = safeDecode(segment)
    .toLowerCase()
    .replace(/[-_.\s]/g, '');
  return BUILT_IN_DENYLIST.some((word) => compact.includes(word));
}

/** `#/account/x` or `#!/login` routes count as paths; `#section-2` does not. */
function hashRoute(hash: string): string {
  const m = /^#!?(\/[^?]*)/.exec(hash);
  return m ? m[1]! : '';
}

function hashParams(hash: string): URLSearchParams {
  const q = hash.indexOf('?');
  if (q !== -1) return new URLSearchParams(hash.slice(q + 1));
  return hash.includes('=') ? new URLSearchParams(hash.slice(1)) : new URLSearchParams();
}

/**
 * A rule is a path starting with `/`. Without `*` it is a prefix on segment boundaries (`/blog`
 * matches `/blog`, `/blog/`, `/blog/a`, not `/blogger`); with `*` it is a glob over the whole
 * path where `*` stays within one segment and `**` crosses segments. Matching ignores case and
 * runs in time linear in rule × path (server/classify/glob.ts: no regular expression).
 */
export function compileUrlRule(
  rule: string,
):
  | { ok: true; test: (path: string, counter?: StepCounter) => boolean }
  | { ok: false; reason: string } {
  const reason = validateGlob(rule);
  if (reason) return { ok: false, reason };
  const glob = urlRuleGlob(rule);
  return { ok: true, test: glob.matches };
}

// Compiled once per rule list (a window's rules are one array while its offer cache holds it).
const compiledRules = new WeakMap<readonly string[], PathGlob[]>();

function matchesAny(rules: readonly string[], path: string): boolean {
  let globs = compiledRules.get(rules);
  if (!globs) {
    globs = rules.filter((r) => validateGlob(r) === null).map(urlRuleGlob);
    compiledRules.set(rules, globs);
  }
  return anyGlob(globs, path);
}

/**
 * Whether a page may be recorded under a window's rules: the built-in denylist and token check
 * first (no rule can lift them), then exclude rules, then at least one include rule must match.
 * Rules see the decoded path; the query string and fragment only feed the token check.
 */
export function isRecordable(url: string, rules: UrlRules): RecordableResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'bad_url' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: 'bad_url' };
  }
  const route = hashRoute(parsed.hash);
  const segments = [...parsed.pathname.split('/'), ...route.split('/')];
  if (segments.some(isDenylistedSegment)) return { ok: false, reason: 'denylisted_path' };
  const params = [...parsed.searchParams, ...hashParams(parsed.hash)];
  if (params.some(([name, value]) => isTokenParam(name, value))) {
    return { ok: false, reason: 'token_in_url' };
  }
  if (segments.some((s) => s.length >= 32 && looksRandom(safeDecode(s)))) {
    return { ok: false, reason: 'token_in_url' };
  }
  const path = safeDecode(parsed.pathname);
  if (matchesAny(rules.excludeRules, path)) return { ok: false, reason: 'excluded' };
  if (!matchesAny(rules.includeRules, path)) return { ok: false, reason: 'not_included' };
  return { ok: true };
}
