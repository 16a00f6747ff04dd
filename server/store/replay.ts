// The ReplayRepo contract: persistence of replay windows, their keys, recordings and encrypted
// chunks (DESIGN.md "Replay research window"). No IP, no User-Agent, nothing from analytics.
import type { ReplayWindow, StateChange } from '../replay/window.js';
import type { FindingType } from '../replay/scanner.js';

/** A window as stored: the pure window plus what only the database counts. */
export interface StoredWindow extends ReplayWindow {
  /** The planted marker (null when the window plants none). */
  canary: string | null;
  /** Recordings ever started (withdrawals do not give a session back). */
  sessionsStarted: number;
  /** Chunks quarantined by the scanner, window-wide. */
  flaggedChunks: number;
  purgedAt: number | null;
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
  findings: StoredFinding[];
  reviewedAt: number | null;
  reviewedBy: number | null;
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
  /** The recording's next sequence as last read (its `chunks`); it is bound into the ciphertext. */
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
  windowKey(windowId: string): Promise<Buffer | undefined>;
  /** Deletes the key row: every chunk of the window becomes unreadable. */
  destroyWindowKey(windowId: string): Promise<boolean>;

  /** Counts a session against the cap and inserts the recording, only while the window is open. */
  startRecording(
    recording: { id: string; windowId: string; siteId: number; now: number },
    maxSessions: number,
  ): Promise<StartRecordingResult>;
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
   * Appends a chunk at `seq`, updates the recording's counts and findings and, for a quarantined
   * chunk, the window's flagged count, in one atomic write. 'conflict' when another chunk took
   * `seq` first (read the recording again and retry); undefined when the recording no longer
   * exists (withdrawn or purged meanwhile). Nothing is written in either case.
   */
  putChunk(chunk: NewChunk): Promise<{ flaggedChunks: number } | 'conflict' | undefined>;
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
  /** Bytes of every stored recording (GET /metrics). */
  storageBytes(): Promise<number>;
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
    purgedAt: row.purgedAt,
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
  };
}

/** The settings and state columns saveWindow writes (counters are only changed atomically). */
export function windowUpdate(w: StoredWindow) {
  const { id: _id, sessionsStarted: _s, flaggedChunks: _f, ...rest } = toWindowRow(w);
  return rest;
}

/** A recording as stored: its findings are a JSON text. */
export type RecordingRow = Omit<RecordingRecord, 'findings'> & { findings: string };

export function toRecording(row: RecordingRow): RecordingRecord {
  return { ...row, findings: JSON.parse(row.findings) as StoredFinding[] };
}
