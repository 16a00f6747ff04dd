// One recording in this page: rrweb with Pomelo's masking floor, events filtered before they are
// buffered, flushed every ≤ 10 s and on pagehide, stopped and discarded if the page turns out to
// be sensitive, stopped when the server says so (kill switch) or a cap is reached.
import { record } from '@rrweb/record';
import { filterReplayEvent } from './event-filter';
import {
  BLOCK_SELECTOR,
  MASK_INPUT_OPTIONS,
  maskInput,
  maskText,
  usableUnmaskSelector,
} from './masking';
import { eventShowsSensitiveField } from './sensitive-fields';
import { findSensitivePageReason } from './sensitive-page';
import { sendChunk, sendFinalChunk, sendPurge, type ChunkTarget } from './transport';

export type StopReason =
  | 'stopped'
  | 'purged'
  | 'discarded'
  | 'sensitive_page'
  | 'server_stopped'
  | 'duration_cap'
  | 'invalid_options';

export interface ReplayStartOptions {
  /** Ingestion URL; the recording id, sequence and encoding are added as query parameters. */
  endpoint: string;
  /** Random id issued by the server for this recording. */
  recordingId: string;
  windowConfig: { unmaskSelectors: string[]; maxDurationMs?: number };
  onStop?: (reason: StopReason) => void;
  /** Flush period in ms, clamped to 1–10 s (default 5 s). */
  flushIntervalMs?: number;
  /** The first chunk's sequence number (the server's, counted across the recording's pages). */
  firstSeq?: number;
}

const MAX_BUFFERED_EVENTS = 2_000;

interface Recording {
  target: ChunkTarget;
  buffer: object[];
  seq: number;
  stopRrweb: (() => void) | undefined;
  timers: number[];
  halted: boolean;
  /** While held (an SPA route the server has not yet confirmed), nothing leaves the page. */
  held: boolean;
  onStop: ((reason: StopReason) => void) | undefined;
  onPageHide: () => void;
}

let current: Recording | null = null;

function halt(rec: Recording, reason: StopReason, purge: boolean): void {
  if (rec.halted) return;
  rec.halted = true;
  rec.buffer = [];
  rec.stopRrweb?.();
  rec.timers.forEach((t) => clearTimeout(t));
  removeEventListener('pagehide', rec.onPageHide);
  if (current === rec) current = null;
  if (purge) sendPurge(rec.target);
  rec.onStop?.(reason);
}

async function flushRecording(rec: Recording): Promise<void> {
  if (rec.halted || rec.held || rec.buffer.length === 0) return;
  const events = rec.buffer;
  rec.buffer = [];
  const outcome = await sendChunk(rec.target, rec.seq++, JSON.stringify(events));
  if (outcome === 'stop') halt(rec, 'server_stopped', false);
}

function emitFor(rec: Recording) {
  return (raw: unknown): void => {
    if (rec.halted) return;
    // Checked on the raw event, before anything is buffered: nothing of the page leaves it.
    if (eventShowsSensitiveField(raw)) return halt(rec, 'sensitive_page', true);
    const event = filterReplayEvent(raw);
    if (event === null) return;
    rec.buffer.push(event);
    if (rec.buffer.length >= MAX_BUFFERED_EVENTS) void flushRecording(rec);
  };
}

function validOptions(options: ReplayStartOptions): boolean {
  return (
    typeof options?.endpoint === 'string' &&
    /^(https?:\/\/|\/)/.test(options.endpoint) &&
    typeof options.recordingId === 'string' &&
    /^[A-Za-z0-9_-]{8,128}$/.test(options.recordingId) &&
    Array.isArray(options.windowConfig?.unmaskSelectors)
  );
}

/** Starts recording; false when already recording, the options are invalid or the page is sensitive. */
export function startRecording(options: ReplayStartOptions): boolean {
  if (current !== null) return false;
  if (!validOptions(options)) {
    options?.onStop?.('invalid_options');
    return false;
  }
  if (findSensitivePageReason(document) !== null) {
    options.onStop?.('sensitive_page');
    return false;
  }
  const rec: Recording = {
    target: { endpoint: options.endpoint, recordingId: options.recordingId },
    buffer: [],
    seq: options.firstSeq ?? 0,
    stopRrweb: undefined,
    timers: [],
    halted: false,
    held: false,
    onStop: options.onStop,
    onPageHide: () => {
      if (rec.buffer.length > 0 && !rec.held)
        sendFinalChunk(rec.target, rec.seq++, JSON.stringify(rec.buffer));
      rec.buffer = [];
    },
  };
  current = rec;
  const unmask = usableUnmaskSelector(options.windowConfig.unmaskSelectors, document);
  const stop = record({
    emit: emitFor(rec),
    maskInputOptions: MASK_INPUT_OPTIONS,
    maskInputFn: maskInput,
    maskTextSelector: '*',
    maskTextFn: (text, element) => maskText(text, element, unmask),
    blockSelector: BLOCK_SELECTOR,
    slimDOMOptions: 'all',
    inlineStylesheet: true,
    inlineImages: false,
    recordCanvas: false,
    collectFonts: false,
    recordCrossOriginIframes: false,
    sampling: { mousemove: 100, scroll: 150, input: 'last' },
  });
  // The full snapshot is emitted inside record(): a sensitive page may already have halted it.
  if (rec.halted) stop?.();
  else rec.stopRrweb = stop;
  if (rec.halted) return false;
  const period = Math.min(10_000, Math.max(1_000, options.flushIntervalMs ?? 5_000));
  rec.timers.push(window.setInterval(() => void flushRecording(rec), period));
  const cap = options.windowConfig.maxDurationMs;
  if (typeof cap === 'number' && cap > 0) {
    rec.timers.push(
      window.setTimeout(
        () => void flushRecording(rec).then(() => halt(rec, 'duration_cap', false)),
        cap,
      ),
    );
  }
  addEventListener('pagehide', rec.onPageHide);
  return true;
}

/**
 * Stops the recording: `purge` drops the buffer and asks the server to delete the recording;
 * `discard` drops the buffer and sends nothing more (the server keeps what it has).
 */
export async function stopRecording(options: { purge: boolean; discard?: boolean }): Promise<void> {
  const rec = current;
  if (rec === null) return;
  if (options.purge) return halt(rec, 'purged', true);
  if (options.discard) return halt(rec, 'discarded', false);
  rec.stopRrweb?.();
  await flushRecording(rec);
  halt(rec, 'stopped', false);
}

/** Sends what is buffered now (tests, and the core tracker before a consent change). */
export async function flushNow(): Promise<void> {
  if (current !== null) await flushRecording(current);
}

/** Holds (true) or releases (false) what is buffered: nothing is sent while held. */
export function holdRecording(held: boolean): void {
  if (current !== null) current.held = held;
}

export function isRecordingActive(): boolean {
  return current !== null;
}
