// Path globs in time linear in pattern × path: no regular expression, no backtracking.
// Pure. Shared by excluded paths (ingestion), replay URL rules and anything later that matches
// paths (goals): compile once, match many.
//
// A pattern compiles to a small NFA, one node per pattern character, whose epsilon edges only go
// forward; matching walks the path once, carrying the SET of live nodes (a stamp array, never a
// stack), so each path character costs at most one visit per node: (|pattern| + 2) × (|path| + 1)
// steps in the worst case, whatever the pattern (issue 11 §1: `/a*a*…a*b` on `/aaa…a`).

/** `*` any run of characters but `/`; `**` any run of characters, `/` included. */
export const GLOB_MAX_LENGTH = 200;

/** How the end of a pattern meets the end of a path. */
export type GlobTail =
  /** The path ends where the pattern ends. */
  | 'exact'
  /** As exact, or with one more `/` (`/about` matches `/about/`). */
  | 'optional-slash'
  /** As exact, or followed by `/` and anything (`/blog` matches `/blog/`, `/blog/a/b`, not `/blogger`). */
  | 'subtree';

export interface GlobOptions {
  tail: GlobTail;
  /** Compare ignoring case (both sides lowercased). */
  ignoreCase?: boolean;
}

/** Counts the matcher's inner steps (one per live node per path character): tests prove the bound. */
export interface StepCounter {
  steps: number;
}

export interface PathGlob {
  readonly pattern: string;
  matches(path: string, counter?: StepCounter): boolean;
}

/** Node kinds: a literal character, `*` (loops on anything but `/`), `**` (loops on anything). */
const LIT = 0;
const STAR = 1;
const GLOBSTAR = 2;
const SLASH = 47; // '/'

interface Nfa {
  /** Per node: LIT, STAR or GLOBSTAR. */
  kind: Uint8Array;
  /** Per LIT node: the UTF-16 code unit it consumes. */
  code: Uint16Array;
  /** Per node: the node an epsilon edge leads to (always further on), or -1. */
  skip: Int32Array;
  /** The accepting node (one past the last). */
  end: number;
}

function buildNfa(body: string, tail: GlobTail): Nfa {
  const kinds: number[] = [];
  const codes: number[] = [];
  const skips: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 42 /* * */) {
      const double = body.charCodeAt(i + 1) === 42;
      if (double) i++;
      kinds.push(double ? GLOBSTAR : STAR);
      codes.push(0);
      skips.push(kinds.length); // may match nothing
    } else {
      kinds.push(LIT);
      codes.push(c);
      skips.push(-1);
    }
  }
  if (tail === 'optional-slash') {
    kinds.push(LIT);
    codes.push(SLASH);
    skips.push(kinds.length);
  } else if (tail === 'subtree') {
    // "" or "/" + anything: a `/` that may be skipped straight to the end, then `**`.
    const gate = kinds.length;
    kinds.push(LIT, GLOBSTAR);
    codes.push(SLASH, 0);
    skips.push(gate + 2, gate + 2);
  }
  return {
    kind: Uint8Array.from(kinds),
    code: Uint16Array.from(codes),
    skip: Int32Array.from(skips),
    end: kinds.length,
  };
}

/**
 * Runs the NFA over the path. `live` holds the nodes reached after the characters read so far, in
 * increasing order; a node is added once per step (stamp check), and epsilon edges point forward,
 * so following them while adding keeps the order and needs no second pass.
 */
function run(nfa: Nfa, path: string, counter: StepCounter | undefined): boolean {
  const { kind, code, skip, end } = nfa;
  const size = end + 1;
  const stamp = new Int32Array(size).fill(-1);
  let live = new Int32Array(size);
  let next = new Int32Array(size);
  let liveCount = 0;
  let steps = 0;
  // Adds node n (and what its epsilon edges reach) to `into` for generation g; returns the count.
  const add = (into: Int32Array, count: number, n: number, g: number): number => {
    while (n !== -1 && stamp[n] !== g) {
      stamp[n] = g;
      into[count++] = n;
      steps++;
      n = n < end ? skip[n]! : -1;
    }
    return count;
  };
  liveCount = add(live, 0, 0, 0);
  for (let i = 0; i < path.length && liveCount > 0; i++) {
    const c = path.charCodeAt(i);
    const g = i + 1;
    let nextCount = 0;
    for (let k = 0; k < liveCount; k++) {
      const n = live[k]!;
      steps++;
      if (n === end) continue;
      const kd = kind[n]!;
      if (kd === LIT) {
        if (code[n] === c) nextCount = add(next, nextCount, n + 1, g);
      } else if (kd === GLOBSTAR || c !== SLASH) {
        nextCount = add(next, nextCount, n, g);
      }
    }
    // Nodes may be appended out of order (a loop re-adds itself after a later node): harmless, as
    // the stamp keeps each node once and acceptance only asks whether `end` is present.
    const t = live;
    live = next;
    next = t;
    liveCount = nextCount;
  }
  if (counter) counter.steps += steps;
  for (let k = 0; k < liveCount; k++) if (live[k] === end) return true;
  return false;
}

/**
 * Compiles a glob whose characters are literal except `*` and `**`. The caller validates the
 * pattern first (validateGlob); compiling never throws and matching is bounded in any case.
 */
export function compileGlob(pattern: string, options: GlobOptions): PathGlob {
  const ignoreCase = options.ignoreCase === true;
  const nfa = buildNfa(ignoreCase ? pattern.toLowerCase() : pattern, options.tail);
  return {
    pattern,
    matches: (path, counter) => run(nfa, ignoreCase ? path.toLowerCase() : path, counter),
  };
}

/** Without trailing `/`s (a loop, not a regex). */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === SLASH) end--;
  return s.slice(0, end);
}

/**
 * A site's excluded path (case-sensitive): `/admin` matches `/admin` and `/admin/`; `/admin/*` at
 * the end means `/admin` and everything below it; `*` elsewhere stays within a segment, `**` crosses.
 */
export function excludedPathGlob(pattern: string): PathGlob {
  if (pattern.endsWith('/*') && !pattern.endsWith('**')) {
    const g = compileGlob(pattern.slice(0, -2), { tail: 'subtree' });
    return { pattern, matches: g.matches };
  }
  return compileGlob(pattern, { tail: 'optional-slash' });
}

/**
 * A replay URL rule (case-insensitive): without `*` a prefix on segment boundaries (`/blog` matches
 * `/blog`, `/blog/`, `/blog/a`, not `/blogger`); with `*` a glob over the whole path.
 */
export function urlRuleGlob(rule: string): PathGlob {
  if (!rule.includes('*')) {
    const prefix = trimTrailingSlashes(rule);
    if (prefix === '') return { pattern: rule, matches: () => true }; // `/`: every page
    const g = compileGlob(prefix, { tail: 'subtree', ignoreCase: true });
    return { pattern: rule, matches: g.matches };
  }
  return compileGlob(rule, { tail: 'exact', ignoreCase: true });
}

/**
 * Why a pattern is refused, or null: it must start with `/`, hold at most GLOB_MAX_LENGTH
 * characters, no whitespace or control characters, no `?` or `#` (a path has neither), and no
 * run of three or more `*` (`*` or `**` only).
 */
export function validateGlob(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'empty pattern';
  if (pattern.length > GLOB_MAX_LENGTH) return `longer than ${GLOB_MAX_LENGTH} characters`;
  if (pattern.charCodeAt(0) !== SLASH) return 'must start with /';
  // Stored as UTF-8, a lone surrogate would come back as other characters than the pattern sent.
  if (/\p{Cs}/u.test(pattern)) return 'must be valid Unicode (a lone surrogate)';
  let stars = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      return 'no spaces or control characters';
    }
    if (c === 63 /* ? */ || c === 35 /* # */) return 'no query or fragment (? or #)';
    stars = c === 42 ? stars + 1 : 0;
    if (stars >= 3) return 'use * (within a segment) or ** (across segments), not ***';
  }
  return null;
}

/** A set of compiled globs: true when any matches. Cached per pattern list by the caller. */
export function anyGlob(globs: readonly PathGlob[], path: string, counter?: StepCounter): boolean {
  for (const g of globs) if (g.matches(path, counter)) return true;
  return false;
}
