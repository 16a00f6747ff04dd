// Pure parts of a recording's start (docs: /work/notes/replay-contract.md §2): the offer read from
// the module's own URL fragment, the body of POST /api/replay/start, and its answer checked field
// by field before anything is recorded.

import type { NoticeText } from './notice';

/** The sessionStorage key that lets a recording span page loads; present only while recording. */
export const STORAGE_KEY = 'pomelo-replay';

/**
 * The server's offer: the `o` parameter of the module URL (`/replay.js?o=<offer>`), URL-safe, or
 * null. A query, not a fragment: each offer is then its own resource, and Chromium cannot hand the
 * module an earlier page's fragment from its memory cache.
 */
export function offerFromModuleUrl(moduleUrl: string): string | null {
  const offer = new URL(moduleUrl).searchParams.get('o') ?? '';
  return /^[A-Za-z0-9._~-]{16,1024}$/.test(offer) ? offer : null;
}

/** The recording id kept by an earlier page of this tab, or undefined (garbage is ignored). */
export function continuedRecording(stored: string | null): string | undefined {
  if (stored === null) return undefined;
  try {
    const id: unknown = (JSON.parse(stored) as { id?: unknown } | null)?.id;
    return typeof id === 'string' && RECORDING_ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export function storedRecording(id: string): string {
  return JSON.stringify({ id });
}

/** Without an offer (loaded by the tab loader), only a continuation can be asked for. */
export function startBody(offer: string | null, pageUrl: string, continueId?: string): string {
  return JSON.stringify({
    ...(offer ? { offer } : {}),
    url: pageUrl,
    ...(continueId ? { continue: continueId } : {}),
  });
}

const RECORDING_ID = /^[A-Za-z0-9_-]{8,128}$/;
const CANARY = /^[A-Za-z0-9_-]{8,100}$/;

export interface StartGrant {
  recordingId: string;
  /** The sequence number of this page's first chunk (the server counts across pages). */
  firstSeq: number;
  /** Absolute chunk endpoint. */
  endpoint: string;
  unmaskSelectors: string[];
  maxDurationMs: number | undefined;
  flushIntervalMs: number | undefined;
  /** The window's hidden marker to plant in the page; the server quarantines it if it arrives. */
  canary: string | undefined;
  /**
   * The on-page notice: shown unless the server says `null` (a window that hides it, with a
   * written reason); `until` is the window's end when the server gives one, `text` its words in
   * the site's language (English built in when the server sends none or unreadable ones).
   */
  notice: { until: Date | null; text?: NoticeText } | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const NOTICE_KEYS = ['label', 'recorded', 'recordedUntil', 'stop', 'stopped'] as const;

/** The notice's words as the server sent them: all five short strings and a language tag, or none. */
function readNoticeText(value: unknown): NoticeText | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.lang !== 'string' || !LANG.test(v.lang)) return undefined;
  const text = { lang: v.lang } as NoticeText;
  for (const key of NOTICE_KEYS) {
    const s = v[key];
    if (typeof s !== 'string' || s === '' || s.length > 300) return undefined;
    text[key] = s;
  }
  return text.recordedUntil.includes('{date}') ? text : undefined;
}

/** On by default: only an explicit `null` hides it; an unreadable date shows it without one. */
function readNotice(value: unknown): StartGrant['notice'] {
  if (value === null) return null;
  const v = value as { until?: unknown; text?: unknown } | undefined;
  const until = v?.until;
  const text = readNoticeText(v?.text);
  return {
    until: typeof until === 'string' && ISO.test(until) ? new Date(until) : null,
    ...(text ? { text } : {}),
  };
}

/**
 * The 201 answer of POST /api/replay/start, or null when it is anything else or malformed (then
 * nothing is recorded). `endpoint` is resolved against the module's URL and must stay on its origin.
 */
export function parseStartAnswer(
  status: number,
  body: unknown,
  moduleUrl: string,
): StartGrant | null {
  if (status !== 201 || typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.recording !== 'string' || !RECORDING_ID.test(b.recording)) return null;
  if (typeof b.endpoint !== 'string') return null;
  let endpoint: URL;
  try {
    endpoint = new URL(b.endpoint, moduleUrl);
  } catch {
    return null;
  }
  if (endpoint.origin !== new URL(moduleUrl).origin || endpoint.hash !== '') return null;
  const selectors = b.unmaskSelectors ?? [];
  if (!Array.isArray(selectors) || !selectors.every((s) => typeof s === 'string')) return null;
  const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
  if (b.canary !== undefined && (typeof b.canary !== 'string' || !CANARY.test(b.canary))) {
    return null;
  }
  const seq = b.seq ?? 0;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > 10_000) return null;
  return {
    recordingId: b.recording,
    firstSeq: seq,
    endpoint: endpoint.href,
    unmaskSelectors: selectors as string[],
    maxDurationMs: positive(b.maxDurationMs),
    flushIntervalMs: positive(b.flushIntervalMs),
    canary: b.canary,
    notice: readNotice(b.notice),
  };
}

/** Whether a pomelo(name, props) call withdraws replay consent (anything but `{replay: true}`). */
export function withdrawsConsent(name: unknown, props: unknown): boolean {
  return name === 'consent' && (props as { replay?: unknown } | null | undefined)?.replay !== true;
}
