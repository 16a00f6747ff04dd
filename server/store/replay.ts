// The ReplayRepo contract: persistence of replay windows, their keys, recordings and encrypted
// chunks (DESIGN.md "Replay research window"). No IP, no User-Agent, nothing from analytics.
import type { ReplayWindow, StateChange } from '../replay/window.js';
import type { FindingType } from '../replay/scanner.js';
import { parseSafeguards, type WindowSafeguards } from '../replay/safeguards.js';

/** A window as stored: the pure window plus what only the database counts. */
export interface StoredWindow extends ReplayWindow {
  /** The planted marker (null when the window plants none). */
  canary: string | null;
  /** Recordings ever started (withdrawals do not give a session back). */
  sessionsStarted: number;
  /** Chunks quarantined by the scanner, window-wide. */
  flaggedChunks: number;
  /** Bytes of chunks stored for the window now (its byte cap, the install's storage budget). */
  storedBytes: number;
  purgedAt: number | null;
  /** Downloads and on-page notice settings (server/replay/safeguards.ts). */
  safeguards: WindowSafeguards;
}

/** A kill-switch latch: `install` or `site:<id>`; no window opens while one applies. */
export interface Latch {
  scope: string;
  latchedAt: number;
  latchedBy: string;
  detail: string;
}

/** A scanner finding kept with its recording: type and location only, never the value. */
export interface StoredFinding {
  seq: number;
  type: FindingType;
  path: string | null;
}

export interface RecordingRecord {
  id: string;
  windowId: string;
  siteId: number;
  startedAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  pages: number;
  chunks: number;
  bytes: number;
  quarantinedChunks: number;
  /** Highest chunk sequence received + 1 (server/replay/chunk-sequence.ts). */
  nextSeq: number;
  /** Bit i set: chunk `nextSeq - 1 - i` arrived (the reorder window). */
  seqMask: number;
  findings: StoredFinding[];
  reviewedAt: number | null;
  reviewedBy: number | null;
  /** An admin's preview visit of a draft window: never a visitor recording, deleted at opening. */
  preview: boolean;
}

export interface ChunkRecord {
  seq: number;
  receivedAt: number;
  quarantined: boolean;
  /** Sealed bytes (server/replay/chunk-crypto.ts); null for a quarantined chunk. */
  data: Buffer | null;
}

export interface NewChunk {
  recordingId: string;
  /** The sender's sequence number; it is bound into the ciphertext. */
  seq: number;
  receivedAt: number;
  /** Sealed bytes, or null when quarantined (the leaked bytes are not kept). */
  data: Buffer | null;
  /** Bytes counted against the recording (the compressed size received). */
  bytes: number;
  /** Non-empty means quarantined. */
  findings: Omit<StoredFinding, 'seq'>[];
}

export interface DeletedCounts {
  recordings: number;
  chunks: number;
  bytes: number;
}

export type StartRecordingResult = 'started' | 'cap_reached' | 'not_open';

/** What a chunk may add: per recording and per window (checked in the same write as the insert). */
export interface ChunkCaps {
  maxChunks: number;
  maxBytes: number;
  maxWindowBytes: number;
}

/**
 * Why a chunk was not stored: `repeat` (its sequence was stored already, or is older than the
 * reorder window), `gap` (too far ahead), `recording_full` / `window_full` (a cap).
 */
export type ChunkRefusal = 'repeat' | 'gap' | 'recording_full' | 'window_full';

export type PutChunkResult =
  { flaggedChunks: number; windowBytes: number } | { refused: ChunkRefusal } | undefined;

export interface ReplayRepo {
  /** The install secret `name`, created from `make()` by the first node that asks. */
  secret(name: string, make: () => Buffer, now: number): Promise<Buffer>;

  /** Inserts the window and its key together. */
  createWindow(window: StoredWindow, key: Buffer): Promise<void>;
  window(id: string): Promise<StoredWindow | undefined>;
  /** Newest first; all sites when `siteId` is absent. */
  windows(filter?: { siteId?: number; states?: StoredWindow['state'][] }): Promise<StoredWindow[]>;
  /**
   * Writes settings and state if the stored state is still `expectedState` (so a pause racing a
   * kill switch cannot reopen a closed window); false when it changed meanwhile.
   */
  saveWindow(window: StoredWindow, expectedState: StoredWindow['state']): Promise<boolean>;
  /** The window's key as stored: wrapped (server/replay/key-wrap.ts), never the key itself. */
  windowKey(windowId: string): Promise<Buffer | undefined>;
  /** Every stored key row (start-up migration of keys stored before wrapping). */
  windowKeys(): Promise<{ windowId: string; keyBytes: Buffer }[]>;
  replaceWindowKey(windowId: string, keyBytes: Buffer): Promise<void>;
  /** Deletes the key row: every chunk of the window becomes unreadable. */
  destroyWindowKey(windowId: string): Promise<boolean>;

  /** Counts a session against the cap and inserts the recording, only while the window is open. */
  startRecording(
    recording: { id: string; windowId: string; siteId: number; now: number },
    maxSessions: number,
  ): Promise<StartRecordingResult>;
  /** A preview recording of a draft window (not counted in its sessions); false if not a draft. */
  startPreviewRecording(recording: {
    id: string;
    windowId: string;
    siteId: number;
    now: number;
  }): Promise<boolean>;
  /** A new page of an unended recording below its page cap; undefined otherwise. */
  continueRecording(
    id: string,
    windowId: string,
    maxPages: number,
    now: number,
  ): Promise<RecordingRecord | undefined>;
  recording(id: string): Promise<RecordingRecord | undefined>;
  /** Newest first. */
  recordings(windowId: string): Promise<RecordingRecord[]>;
  /** The latest `limit` recordings not yet marked reviewed, newest first. */
  reviewQueue(windowId: string, limit: number): Promise<RecordingRecord[]>;
  markReviewed(id: string, by: number, at: number): Promise<boolean>;
  endRecording(id: string, at: number): Promise<void>;
  /** Recordings of the window started at or after `since` (spike detection). */
  recordingsStartedSince(windowId: string, since: number): Promise<number>;

  /**
   * Marks an offer's nonce used; false when it was used before. Forgets nonces past their expiry
   * (an expired offer is refused by its signature check anyway).
   */
  consumeOffer(nonce: string, windowId: string, expiresAt: number, now: number): Promise<boolean>;

  /**
   * Stores a chunk at its sequence if the reorder window (chunk-sequence.ts) and the caps allow it,
   * and updates the recording's counts, sequence state and findings and the window's stored bytes
   * and flagged count, in one atomic write. `{refused}` or undefined (the recording no longer
   * exists) write nothing.
   */
  putChunk(chunk: NewChunk, caps: ChunkCaps): Promise<PutChunkResult>;
  /** Bytes of replay chunks stored install-wide (the storage budget). */
  storedBytes(): Promise<number>;
  /** Every chunk of a recording in sequence order. */
  chunks(recordingId: string): Promise<ChunkRecord[]>;

  deleteRecording(id: string): Promise<DeletedCounts | undefined>;
  /** Deletes every recording and chunk of the window (the window row and its key stay). */
  deleteWindowData(windowId: string): Promise<DeletedCounts>;
  /**
   * Gives the freed pages back: SQLite rewrites free pages (incremental vacuum, or one VACUUM
   * that switches the file to incremental mode) and truncates the WAL; PostgreSQL vacuums the
   * replay tables so dead tuples (a destroyed key among them) are not kept around.
   */
  reclaimSpace(): Promise<void>;

  /** Notes that `userId` played the recording (first play kept); only players may review it. */
  recordPlay(play: {
    recordingId: string;
    windowId: string;
    userId: number;
    at: number;
  }): Promise<void>;
  hasPlayed(recordingId: string, userId: number): Promise<boolean>;
  /** Recordings of the window not marked reviewed (the review gate). */
  unreviewedCount(windowId: string): Promise<number>;
  /** A canary hit: every chunk of the recording loses its bytes and counts as quarantined; ended. */
  quarantineRecording(id: string, at: number): Promise<void>;

  /** Sets (or refreshes) a latch. */
  latch(latch: Latch): Promise<void>;
  latches(): Promise<Latch[]>;
  /** Clears a latch; false when none was set. */
  unlatch(scope: string): Promise<boolean>;
}

/** Row shape shared by both dialects' replay_windows (drizzle's inferred select type). */
export interface WindowRow {
  id: string;
  siteId: number;
  purpose: string;
  purposeText: string | null;
  ticketUrl: string | null;
  ownerId: number;
  createdAt: number;
  startsAt: number;
  endsAt: number;
  samplePpm: number;
  maxSessions: number;
  maxMinutes: number;
  maxPages: number;
  includeRules: string;
  excludeRules: string;
  unmaskSelectors: string;
  viewerIds: string;
  retentionDays: number;
  canary: string | null;
  state: string;
  lastChange: string;
  closedAt: number | null;
  purgedAt: number | null;
  sessionsStarted: number;
  flaggedChunks: number;
  safeguards: string;
  storedBytes: number;
}

const strings = (text: string) => JSON.parse(text) as string[];

export function toStoredWindow(row: WindowRow): StoredWindow {
  return {
    id: row.id,
    siteId: String(row.siteId),
    purpose: row.purpose as StoredWindow['purpose'],
    purposeText: row.purposeText,
    ticketUrl: row.ticketUrl,
    ownerId: String(row.ownerId),
    createdAt: row.createdAt,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    sampleRate: row.samplePpm / 1_000_000,
    caps: {
      maxSessions: row.maxSessions,
      maxMinutesPerRecording: row.maxMinutes,
      maxPagesPerRecording: row.maxPages,
    },
    includeRules: strings(row.includeRules),
    excludeRules: strings(row.excludeRules),
    unmaskSelectors: strings(row.unmaskSelectors),
    retentionDays: row.retentionDays,
    viewerIds: strings(row.viewerIds),
    state: row.state as StoredWindow['state'],
    lastChange: JSON.parse(row.lastChange) as StateChange,
    closedAt: row.closedAt,
    canary: row.canary,
    sessionsStarted: row.sessionsStarted,
    flaggedChunks: row.flaggedChunks,
    storedBytes: Number(row.storedBytes),
    purgedAt: row.purgedAt,
    safeguards: parseSafeguards(row.safeguards),
  };
}

export function toWindowRow(w: StoredWindow): WindowRow {
  return {
    id: w.id,
    siteId: Number(w.siteId),
    purpose: w.purpose,
    purposeText: w.purposeText,
    ticketUrl: w.ticketUrl,
    ownerId: Number(w.ownerId),
    createdAt: w.createdAt,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    samplePpm: Math.round(w.sampleRate * 1_000_000),
    maxSessions: w.caps.maxSessions,
    maxMinutes: w.caps.maxMinutesPerRecording,
    maxPages: w.caps.maxPagesPerRecording,
    includeRules: JSON.stringify(w.includeRules),
    excludeRules: JSON.stringify(w.excludeRules),
    unmaskSelectors: JSON.stringify(w.unmaskSelectors),
    viewerIds: JSON.stringify(w.viewerIds),
    retentionDays: w.retentionDays,
    canary: w.canary,
    state: w.state,
    lastChange: JSON.stringify(w.lastChange),
    closedAt: w.closedAt,
    purgedAt: w.purgedAt,
    sessionsStarted: w.sessionsStarted,
    flaggedChunks: w.flaggedChunks,
    safeguards: JSON.stringify(w.safeguards),
    storedBytes: w.storedBytes,
  };
}

/** The settings and state columns saveWindow writes (counters are only changed atomically). */
export function windowUpdate(w: StoredWindow) {
  const {
    id: _id,
    sessionsStarted: _s,
    flaggedChunks: _f,
    storedBytes: _b,
    ...rest
  } = toWindowRow(w);
  return rest;
}

/** A recording as stored: its findings are a JSON text. */
export type RecordingRow = Omit<RecordingRecord, 'findings' | 'preview'> & {
  findings: string;
  preview: number;
};

export function toRecording(row: RecordingRow): RecordingRecord {
  return {
    ...row,
    bytes: Number(row.bytes),
    findings: JSON.parse(row.findings) as StoredFinding[],
    preview: row.preview === 1,
  };
}
