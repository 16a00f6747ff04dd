// Pure leak scanner: finds personal data that escaped masking in a replay chunk's JSON text.
// Invariant: a finding carries type, offset, length and path, never the matched value
// (issue 6 §5: "flags the recording with type and location but never the value").
import { isCardNumber, isIban, isNir, IBAN_LENGTHS } from './checksums';
import { jsonPathsAt } from './json-path';

/** `url`: a page address outside the window's rules (or on the denylist) inside a chunk. */
export type FindingType = 'email' | 'phone' | 'card' | 'iban' | 'nir' | 'canary' | 'url';

export interface Finding {
  type: FindingType;
  offset: number;
  length: number;
  path?: string;
}

/**
 * Counts the scanner's own work: loop turns, regex matches and the characters they cover, spans
 * claimed. Tests use it to show that scanning adversarial text grows linearly with its length
 * (never wall time). The regular expressions' internal work is not counted: each one below is
 * written so that a match attempt at one position reads a bounded number of characters (see
 * "Linear time" in docs/SECURITY.md), so it is a constant per position.
 */
export interface StepCounter {
  count: number;
}

export interface ScanOptions {
  /** Planted markers: if one arrives at all, masking is broken. Markers under 4 chars are ignored. */
  canaries?: readonly string[];
  steps?: StepCounter;
}

type Tick = (n?: number) => void;
const tickerOf = (steps: StepCounter | undefined): Tick =>
  steps === undefined ? () => {} : (n = 1) => void (steps.count += n);

interface Span {
  offset: number;
  length: number;
}

/**
 * JSON escapes (`\n`, `\"`, `\\` …) replaced by two spaces: same length, so offsets hold, and a
 * value after a newline (`\n06 12 …`) is not glued to the letter `n`.
 */
function blankJsonEscapes(text: string): string {
  return text.replace(/\\[nrtbf"\\/]/g, '  ');
}

const WORD = /[A-Za-z0-9_]/;
function charAt(text: string, i: number): string {
  return i >= 0 && i < text.length ? text[i]! : '';
}

/** True when the span is not glued to a neighbouring word, digit or decimal point. */
function standsAlone(text: string, s: Span, before = /[A-Za-z0-9_.+]/): boolean {
  const prev = charAt(text, s.offset - 1);
  const end = s.offset + s.length;
  const next = charAt(text, end);
  if (before.test(prev) || WORD.test(next)) return false;
  // "12.5" or "06-12-2026:" continue the number: the span is part of something longer.
  return !(/[.,:\-/]/.test(next) && /\d/.test(charAt(text, end + 1)));
}

function* matches(re: RegExp, text: string, tick: Tick): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    tick(1 + m[0].length);
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** One list per needle, each in text order (overlapping hits of one needle are all listed). */
function findCanaries(text: string, canaries: readonly string[], tick: Tick): Span[][] {
  const lists: Span[][] = [];
  for (const canary of canaries) {
    if (canary.length < 4) continue;
    const escaped = JSON.stringify(canary).slice(1, -1);
    for (const needle of new Set([canary, escaped])) {
      const spans: Span[] = [];
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        tick();
        spans.push({ offset: at, length: needle.length });
      }
      lists.push(spans);
    }
  }
  return lists;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
const isAlpha = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
/** `[A-Za-z0-9._%+-]`: what the local part of an address is made of. */
const isLocal = (c: number) =>
  isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
/** `[A-Za-z0-9.-]`: what a domain is made of. */
const isDomain = (c: number) => isAlnum(c) || c === 46 || c === 45;
const MAX_LOCAL = 64;
const MAX_TLD = 24;

/** `logo@2x.png`, `icons@3x.webp`: asset names, not addresses. */
const ASSET_SUFFIX = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js|mjs|map|woff2?|ttf|otf)$/i;

/**
 * Addresses, found from their separator (`@` or `%40`) outwards rather than by a regular
 * expression, which would read up to 64 characters of would-be local part at every position of a
 * long word. Same shape as `[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}(@|%40)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*
 * \.[A-Za-z]{2,24}`: the local part is read backwards (at most 64 characters, never into the
 * previous separator), the domain forwards to its last `.` followed by two letters. Each
 * character is read a bounded number of times: the local parts lie between separators, and a
 * domain ends at the next character that is not `[A-Za-z0-9.-]` (a separator is not one).
 */
function findEmails(text: string, tick: Tick): Span[] {
  const spans: Span[] = [];
  let floor = 0;
  for (let i = 0; i < text.length; i++) {
    tick();
    const c = text.charCodeAt(i);
    const sep = c === 64 ? 1 : c === 37 && text.startsWith('40', i + 1) ? 3 : 0;
    if (sep === 0) continue;
    // Local part: back over local characters, at most 64, never before `floor`.
    let start = i;
    while (start > floor && i - start < MAX_LOCAL && isLocal(text.charCodeAt(start - 1))) {
      start--;
      tick();
    }
    while (start < i && !isAlnum(text.charCodeAt(start))) start++;
    const from = i + sep;
    floor = from;
    if (start === i) continue;
    // Domain: labels of [A-Za-z0-9-] separated by single dots; the address ends after the last
    // dot (before any empty label) that is followed by two letters, at most 24 of them.
    let end = -1;
    let k = from;
    let labelLength = 0;
    while (k < text.length && isDomain(text.charCodeAt(k))) {
      tick();
      const ch = text.charCodeAt(k);
      if (ch === 46) {
        if (labelLength === 0) break;
        let letters = 0;
        while (letters < MAX_TLD && isAlpha(text.charCodeAt(k + 1 + letters))) letters++;
        tick(letters);
        if (letters >= 2) end = k + 1 + letters;
        labelLength = 0;
      } else labelLength++;
      k++;
    }
    if (end === -1) continue;
    floor = end;
    i = end - 1;
    const domain = text.slice(from, end);
    const value = text.slice(start, end);
    if (ASSET_SUFFIX.test(value) || /^\d{1,20}(\.\d{1,20})?x\b/i.test(domain)) continue;
    spans.push({ offset: start, length: end - start });
  }
  return spans;
}

const IBAN_START = /[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9]{4})/g;

/** Reads exactly the country's IBAN length of alphanumerics, allowing single spaces between. */
function findIbans(text: string, tick: Tick): Span[] {
  const spans: Span[] = [];
  for (const m of matches(IBAN_START, text, tick)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined || WORD.test(charAt(text, m.index - 1))) continue;
    let compact = '';
    let i = m.index;
    while (i < text.length && compact.length < length) {
      tick();
      const c = text.charCodeAt(i);
      if (isAlnum(c)) compact += text[i];
      else if (!(c === 32 && isAlnum(text.charCodeAt(i + 1)) && compact.length > 0)) break;
      i++;
    }
    const span = { offset: m.index, length: i - m.index };
    if (compact.length === length && !WORD.test(charAt(text, i)) && isIban(compact)) {
      spans.push(span);
    }
  }
  return spans;
}

const NIR = /[1-478](?:[ .]?\d{2}){2}[ .]?(?:\d{2}|2[AaBb])(?:[ .]?\d{3}){2}[ .]?\d{2}/g;

function findNirs(text: string, tick: Tick): Span[] {
  const spans: Span[] = [];
  for (const m of matches(NIR, text, tick)) {
    const span = { offset: m.index, length: m[0].length };
    if (standsAlone(text, span) && isNir(m[0].replace(/[ .]/g, ''))) spans.push(span);
  }
  return spans;
}

/** Unambiguous: each repetition starts with the one separator, so no input makes it backtrack. */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/**
 * Cards: 13–19 digits of a real brand passing Luhn, written contiguously or in groups of 4–6
 * separated by one space or dash (the last group may be shorter). A grouped number must be the
 * whole run of space/dash-separated digits: SVG `points`, coordinates and tables are long runs
 * of small numbers, and a card's window inside them is a false positive.
 */
function findCards(text: string, tick: Tick): Span[] {
  const spans: Span[] = [];
  for (const m of matches(DIGIT_RUN, text, tick)) {
    const groups = m[0].split(/[ -]/);
    tick(groups.length);
    const inner = groups.slice(0, -1);
    const grouped = groups.length === 1 || inner.every((g) => g.length >= 4 && g.length <= 6);
    const span = { offset: m.index, length: m[0].length };
    // 13–19 digits in groups of at least 4 (or one group): at most 5 groups.
    if (grouped && groups.length <= 5 && standsAlone(text, span) && isCardNumber(groups.join(''))) {
      spans.push(span);
      continue;
    }
    // A contiguous card number is distinctive on its own, even beside other numbers.
    let at = m.index;
    for (const group of groups) {
      const alone = { offset: at, length: group.length };
      if (group.length >= 13 && standsAlone(text, alone) && isCardNumber(group)) spans.push(alone);
      at += group.length + 1;
    }
  }
  return spans;
}

/**
 * Phone patterns: each needs a `+`/`00` prefix or the separators of a written number. Every
 * repetition is bounded and nothing follows the last one, so an attempt reads at most about 60
 * characters and a started match never backtracks out of its tail.
 */
const PHONES: readonly RegExp[] = [
  // E.164 and 00-prefixed international, optional "(0)": +33 6 12 34 56 78, +44 (0)20 7946 0958
  /(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){1,6}/g,
  // French national, one separator used throughout: 06 12 34 56 78, 01.23.45.67.89
  /0[1-9]([ .-])\d{2}(?:\1\d{2}){3}/g,
  // Other European national forms: 030 1234567, 020 7946 0958, 0151-23456789, 030/1234567
  /0\d{1,4}([ /-])\d{2,8}(?:\1\d{2,8}){0,3}/g,
];

/** A phone also must not be a slice of a longer run of numbers (a table row, a NIR, an id). */
function standsAloneInRun(text: string, s: Span): boolean {
  const end = s.offset + s.length;
  const before = charAt(text, s.offset - 2) + charAt(text, s.offset - 1);
  const after = charAt(text, end) + charAt(text, end + 1);
  if (/\d[ .\-/]$/.test(before) || /^[ ]\d/.test(after)) return false;
  return standsAlone(text, s, /[A-Za-z0-9_.+\-/]/);
}

/** One list per pattern, each in text order. */
function findPhones(text: string, tick: Tick): Span[][] {
  return PHONES.map((re) => {
    const spans: Span[] = [];
    for (const m of matches(re, text, tick)) {
      const span = { offset: m.index, length: m[0].replace(/[ .-]{1,60}$/, '').length };
      const digits = m[0].replace(/\(0\)/, '').replace(/\D/g, '').replace(/^00/, '');
      const international = /^(\+|00)/.test(m[0]);
      const enough = international ? digits.length >= 8 && digits.length <= 15 : digits.length >= 9;
      if (enough && digits.length <= 15 && standsAloneInRun(text, span)) {
        spans.push(span);
      }
    }
    return spans;
  });
}

/** Each detector gives lists of spans, every list in text order. */
const DETECTORS: ReadonlyArray<[FindingType, (text: string, tick: Tick) => Span[][]]> = [
  ['email', (text, tick) => [findEmails(text, tick)]],
  ['iban', (text, tick) => [findIbans(text, tick)]],
  ['nir', (text, tick) => [findNirs(text, tick)]],
  ['card', (text, tick) => [findCards(text, tick)]],
  ['phone', findPhones],
];

/**
 * Adds to `taken` (disjoint, in text order) the spans of `list` that overlap nothing taken before
 * them, earlier spans of the list first; returns the new taken list. One pointer walks `taken`
 * while the list advances, then the two sorted lists merge: linear in both.
 */
function claim(taken: Finding[], type: FindingType, list: Span[], tick: Tick): Finding[] {
  let spans = list;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.offset < spans[i - 1]!.offset) {
      // Not expected (every detector lists in text order); stays correct if one ever does not.
      spans = [...list].sort((a, b) => a.offset - b.offset);
      break;
    }
  }
  const accepted: Finding[] = [];
  let p = 0;
  let lastEnd = -1;
  for (const s of spans) {
    tick();
    const end = s.offset + s.length;
    while (p < taken.length && taken[p]!.offset + taken[p]!.length <= s.offset) {
      p++;
      tick();
    }
    if (p < taken.length && taken[p]!.offset < end) continue;
    if (s.offset < lastEnd) continue;
    accepted.push({ type, ...s });
    lastEnd = end;
  }
  if (accepted.length === 0) return taken;
  const merged: Finding[] = [];
  let a = 0;
  let b = 0;
  while (a < taken.length || b < accepted.length) {
    tick();
    if (b >= accepted.length || (a < taken.length && taken[a]!.offset < accepted[b]!.offset)) {
      merged.push(taken[a++]!);
    } else merged.push(accepted[b++]!);
  }
  return merged;
}

/**
 * Findings in `text`, sorted by offset. Each span is reported once, under the first type that
 * claims it in the order canary, email, IBAN, NIR, card, phone. Linear in the text's length
 * (times the number of canaries): see StepCounter.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const tick = tickerOf(options.steps);
  tick(text.length);
  const clean = blankJsonEscapes(text);
  let taken: Finding[] = [];
  for (const list of findCanaries(text, options.canaries ?? [], tick)) {
    taken = claim(taken, 'canary', list, tick);
  }
  for (const [type, find] of DETECTORS) {
    for (const list of find(clean, tick)) taken = claim(taken, type, list, tick);
  }
  return taken;
}

/** `scanText` plus the JSON path of each finding (a decompressed rrweb chunk is a JSON array). */
export function scanChunk(json: string, options: ScanOptions = {}): Finding[] {
  const findings = scanText(json, options);
  const paths = jsonPathsAt(
    json,
    findings.map((f) => f.offset),
  );
  return findings.map((f, i) => (paths[i] === undefined ? f : { ...f, path: paths[i] }));
}

/** Counts per type, for a recording's flags and the review queue. */
export function countFindings(findings: readonly Finding[]): Partial<Record<FindingType, number>> {
  const counts: Partial<Record<FindingType, number>> = {};
  for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
  return counts;
}

/** Text joined across the inline elements of a block (see masking/joined-text.ts). */
export interface JoinedRun {
  pieces: readonly string[];
  path: () => string;
}

/**
 * Findings that only exist in joined text: `<b>jane</b>@example.com`. A finding inside a single
 * piece is left out (the chunk's JSON scan reports it, with the exact path); the path of a
 * joined finding is its block's, followed by `.<joined>`.
 */
export function scanJoinedRuns(runs: readonly JoinedRun[], options: ScanOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const run of runs) {
    if (run.pieces.length < 2) continue;
    const bounds: number[] = [];
    let text = '';
    for (const piece of run.pieces) {
      if (text.length > 0) bounds.push(text.length);
      text += piece;
    }
    // Findings come sorted and apart, the bounds sorted: one pointer walks both.
    let j = 0;
    for (const f of scanText(text, options)) {
      while (j < bounds.length && bounds[j]! <= f.offset) j++;
      if (j < bounds.length && bounds[j]! < f.offset + f.length) {
        out.push({ ...f, path: `${run.path()}.<joined>` });
      }
    }
  }
  return out;
}
