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

export interface ScanOptions {
  /** Planted markers: if one arrives at all, masking is broken. Markers under 4 chars are ignored. */
  canaries?: readonly string[];
}

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

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

function findCanaries(text: string, canaries: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const canary of canaries) {
    if (canary.length < 4) continue;
    const escaped = JSON.stringify(canary).slice(1, -1);
    for (const needle of new Set([canary, escaped])) {
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        spans.push({ offset: at, length: needle.length });
      }
    }
  }
  return spans;
}

const EMAIL =
  /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g;
/** `logo@2x.png`, `icons@3x.webp`: asset names, not addresses. */
const ASSET_SUFFIX = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js|mjs|map|woff2?|ttf|otf)$/i;

function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of matches(EMAIL, text)) {
    const domain = m[0].split(/@|%40/)[1] ?? '';
    if (ASSET_SUFFIX.test(m[0]) || /^\d+(\.\d+)?x\b/i.test(domain)) continue;
    spans.push({ offset: m.index, length: m[0].length });
  }
  return spans;
}

const IBAN_START = /[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9]{4})/g;

/** Reads exactly the country's IBAN length of alphanumerics, allowing single spaces between. */
function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of matches(IBAN_START, text)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined || WORD.test(charAt(text, m.index - 1))) continue;
    let compact = '';
    let i = m.index;
    while (i < text.length && compact.length < length) {
      const c = text[i]!;
      if (/[A-Za-z0-9]/.test(c)) compact += c;
      else if (!(c === ' ' && /[A-Za-z0-9]/.test(charAt(text, i + 1)) && compact.length > 0)) break;
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

function findNirs(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of matches(NIR, text)) {
    const span = { offset: m.index, length: m[0].length };
    if (standsAlone(text, span) && isNir(m[0].replace(/[ .]/g, ''))) spans.push(span);
  }
  return spans;
}

const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/**
 * Cards: 13–19 digits of a real brand passing Luhn, written contiguously or in groups of 4–6
 * separated by one space or dash (the last group may be shorter). A grouped number must be the
 * whole run of space/dash-separated digits: SVG `points`, coordinates and tables are long runs
 * of small numbers, and a card's window inside them is a false positive.
 */
function findCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of matches(DIGIT_RUN, text)) {
    const groups = m[0].split(/[ -]/);
    const inner = groups.slice(0, -1);
    const grouped = groups.length === 1 || inner.every((g) => g.length >= 4 && g.length <= 6);
    const digits = groups.join('');
    const span = { offset: m.index, length: m[0].length };
    if (grouped && standsAlone(text, span) && isCardNumber(digits)) {
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

/** Phone patterns: each needs a `+`/`00` prefix or the separators of a written number. */
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

function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of PHONES) {
    for (const m of matches(re, text)) {
      const span = { offset: m.index, length: m[0].replace(/[ .-]+$/, '').length };
      const digits = m[0].replace(/\(0\)/, '').replace(/\D/g, '').replace(/^00/, '');
      const international = /^(\+|00)/.test(m[0]);
      const enough = international ? digits.length >= 8 && digits.length <= 15 : digits.length >= 9;
      if (enough && digits.length <= 15 && standsAloneInRun(text, span)) {
        spans.push(span);
      }
    }
  }
  return spans;
}

const DETECTORS: ReadonlyArray<[FindingType, (text: string) => Span[]]> = [
  ['email', findEmails],
  ['iban', findIbans],
  ['nir', findNirs],
  ['card', findCards],
  ['phone', findPhones],
];

/**
 * Findings in `text`, sorted by offset. Each span is reported once, under the first type that
 * claims it in the order canary, email, IBAN, NIR, card, phone.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const clean = blankJsonEscapes(text);
  const taken: Finding[] = [];
  const overlaps = (s: Span): boolean =>
    taken.some((f) => s.offset < f.offset + f.length && f.offset < s.offset + s.length);
  const claim = (type: FindingType, spans: Span[]): void => {
    for (const s of spans) if (!overlaps(s)) taken.push({ type, ...s });
  };
  claim('canary', findCanaries(text, options.canaries ?? []));
  for (const [type, find] of DETECTORS) claim(type, find(clean));
  return taken.sort((a, b) => a.offset - b.offset);
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
