// ReplayRepo, written once for SQLite and PostgreSQL (db.ts). The writes on the public path (an
// anonymous recorder's offer nonce, recording start, chunk append, canary quarantine, recording
// deletion) are single statements on PostgreSQL (data-modifying CTEs): atomic and one round trip
// without an explicit transaction, whose path in postgres.js can crash the process with an
// uncatchable TypeError when a connection dies mid-transaction (porsager/postgres#1154, #1208).
// SQLite cannot write inside a CTE, so each of those has a SQLite twin next to it (`…Pg` /
// `…Sqlite`): a unit of work in one synchronous transaction, where nothing else interleaves.
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import { placeSeq, REORDER_WINDOW, type SeqState } from '../replay/chunk-sequence.js';
import { all, exec, get, inList, type Db, type Work } from './db.js';
import {
  toRecording,
  toStoredWindow,
  toWindowRow,
  windowUpdate,
  type ChunkCaps,
  type ChunkRefusal,
  type DeletedCounts,
  type Latch,
  type NewChunk,
  type PutChunkResult,
  type RecordingRow,
  type ReplayRepo,
  type StartRecordingResult,
  type StoredFinding,
  type WindowRow,
} from './replay.js';
import { table } from './tables.js';

const windowsT = table(schema.replayWindows);
const keysT = table(schema.replayWindowKeys);
const secretsT = table(schema.replaySecrets);
const noncesT = table(schema.replayOfferNonces);
const recordingsT = table(schema.replayRecordings);
const chunksT = table(schema.replayChunks);
const playsT = table(schema.replayPlays);
const latchesT = table(schema.replayLatches);

/** Largest SQLite file rewritten by a one-off VACUUM during a purge (it blocks writers meanwhile). */
const FULL_VACUUM_MAX_BYTES = 256 * 1024 * 1024;

/** SQLite: `work` with secure_delete on, so the cells it frees are zeroed, not left behind. */
function* securely<T>(work: Work<T>): Work<T> {
  yield* exec(sql`pragma secure_delete = on`);
  try {
    return yield* work;
  } finally {
    yield* exec(sql`pragma secure_delete = off`);
  }
}

/**
 * SQLite: gives every free page back to the disk. Each step of `pragma incremental_vacuum` frees one
 * page and a statement run through the Db takes one step, so it runs once per free page, in one
 * transaction (as fast as better-sqlite3 stepping the pragma to its end).
 */
// One statement per free page: SQLite frees one page per step of `pragma incremental_vacuum`, and a
// prepared statement's run() steps once (only sqlite3_exec steps to the end, outside this seam).
// Measured at about 20 µs a page (20,000 pages in 0.4 s, by hand on the development machine).
function* incrementalVacuum(): Work<void> {
  const free = yield* get<{ freelist_count: number }>(sql`pragma freelist_count`);
  for (let i = 0; i < (free?.freelist_count ?? 0); i++) {
    yield* exec(sql`pragma incremental_vacuum`);
  }
}

type NewRecording = { id: string; windowId: string; siteId: number; now: number };

// Count the session and insert the recording together: one statement on PostgreSQL (public path).
function startRecordingPg(rec: NewRecording, maxSessions: number): SQL {
  return sql`
    WITH counted AS (
      UPDATE replay_windows SET sessions_started = sessions_started + 1
      WHERE id = ${rec.windowId} AND state = 'open' AND sessions_started < ${maxSessions}::int
      RETURNING id
    ), inserted AS (
      INSERT INTO replay_recordings (id, window_id, site_id, started_at, last_seen_at)
      SELECT ${rec.id}::text, id, ${rec.siteId}::int, ${rec.now}::bigint, ${rec.now}::bigint
      FROM counted
      RETURNING id
    )
    SELECT (SELECT count(*) FROM inserted)::int AS started,
           (SELECT state FROM replay_windows WHERE id = ${rec.windowId}) AS state`;
}
function* startRecordingSqlite(rec: NewRecording, maxSessions: number): Work<StartRecordingResult> {
  const counted = yield* exec(sql`update replay_windows set sessions_started = sessions_started + 1
    where id = ${rec.windowId} and state = 'open' and sessions_started < ${maxSessions}`);
  if (counted === 0) {
    const w = yield* get<{ state: string }>(
      sql`select state from replay_windows where id = ${rec.windowId}`,
    );
    return w?.state === 'open' ? 'cap_reached' : 'not_open';
  }
  yield* exec(
    recordingsT.insert([
      {
        id: rec.id,
        windowId: rec.windowId,
        siteId: rec.siteId,
        startedAt: rec.now,
        lastSeenAt: rec.now,
      },
    ]),
  );
  return 'started';
}

// Forget expired nonces and use this one: one statement on PostgreSQL (public path).
function consumeOfferPg(nonce: string, windowId: string, expiresAt: number, now: number): SQL {
  return sql`
    WITH pruned AS (DELETE FROM replay_offer_nonces WHERE expires_at < ${now}::bigint),
         used AS (
           INSERT INTO replay_offer_nonces (nonce, window_id, expires_at)
           VALUES (${nonce}, ${windowId}, ${expiresAt}::bigint)
           ON CONFLICT (nonce) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM used`;
}
function* consumeOfferSqlite(
  nonce: string,
  windowId: string,
  expiresAt: number,
  now: number,
): Work<boolean> {
  yield* exec(sql`delete from replay_offer_nonces where expires_at < ${now}`);
  const used = yield* exec(
    sql`${noncesT.insert([{ nonce, windowId, expiresAt }])} on conflict do nothing`,
  );
  return used > 0;
}

/** What placing a chunk depends on: its recording's sequence state and counts, its window's bytes. */
interface ChunkTarget extends SeqState {
  windowId: string;
  chunks: number;
  bytes: number;
  quarantinedChunks: number;
  findings: string;
  windowBytes: number;
}

function chunkTarget(recordingId: string): SQL {
  return sql`select r.window_id as "windowId", r.next_seq as "nextSeq", r.seq_mask as "seqMask",
      r.chunks, r.bytes, r.quarantined_chunks as "quarantinedChunks", r.findings,
      coalesce(w.stored_bytes, 0) as "windowBytes"
    from replay_recordings r left join replay_windows w on w.id = r.window_id
    where r.id = ${recordingId}`;
}

/** Where the chunk goes (placeSeq), or why it cannot be stored: its sequence, then the caps. */
function admit(rec: ChunkTarget, chunk: NewChunk, caps: ChunkCaps): SeqState | ChunkRefusal {
  const placed = placeSeq(rec, chunk.seq);
  if (typeof placed === 'string') return placed;
  if (rec.chunks >= caps.maxChunks || Number(rec.bytes) + chunk.bytes > caps.maxBytes) {
    return 'recording_full';
  }
  if (Number(rec.windowBytes) + chunk.bytes > caps.maxWindowBytes) return 'window_full';
  return placed;
}

// Store the chunk and update its recording and window: one statement on PostgreSQL (public path).
// The UPDATE's row lock orders concurrent chunks of one recording, and its WHERE (re-checked on the
// locked row) is server/replay/chunk-sequence.ts's placeSeq plus the caps, so a sequence is stored
// once and a cap is never passed within a recording.
function appendChunkPg(chunk: NewChunk, caps: ChunkCaps): SQL {
  const q = chunk.findings.length > 0 ? 1 : 0;
  const seq = chunk.seq;
  const R = REORDER_WINDOW;
  return sql`
    WITH rec AS (
      UPDATE replay_recordings SET
        chunks = chunks + 1,
        bytes = bytes + ${chunk.bytes}::bigint,
        last_seen_at = ${chunk.receivedAt}::bigint,
        quarantined_chunks = quarantined_chunks + ${q}::int,
        next_seq = GREATEST(next_seq, ${seq}::int + 1),
        seq_mask = CASE WHEN ${seq}::int >= next_seq
          THEN ((seq_mask << (${seq}::int + 1 - next_seq)) | 1) & ${(1 << R) - 1}::int
          ELSE seq_mask | (1 << (next_seq - 1 - ${seq}::int)) END,
        findings = CASE WHEN ${q}::int = 1 THEN (findings::jsonb || (
          SELECT jsonb_agg(f || jsonb_build_object('seq', ${seq}::int))
          FROM jsonb_array_elements(${JSON.stringify(chunk.findings)}::text::jsonb) AS f))::text
          ELSE findings END
      WHERE id = ${chunk.recordingId}
        AND ((${seq}::int >= next_seq AND ${seq}::int < next_seq + ${R}::int)
          OR (${seq}::int < next_seq AND next_seq - 1 - ${seq}::int < ${R}::int
              AND (seq_mask >> (next_seq - 1 - ${seq}::int)) & 1 = 0))
        AND chunks < ${caps.maxChunks}::int
        AND bytes + ${chunk.bytes}::bigint <= ${caps.maxBytes}::bigint
        AND (SELECT stored_bytes FROM replay_windows w WHERE w.id = replay_recordings.window_id)
            + ${chunk.bytes}::bigint <= ${caps.maxWindowBytes}::bigint
      RETURNING window_id
    ), inserted AS (
      INSERT INTO replay_chunks (recording_id, seq, window_id, received_at, quarantined, data)
      SELECT ${chunk.recordingId}::text, ${seq}::int, window_id, ${chunk.receivedAt}::bigint,
             ${q}::int, ${chunk.data}::bytea
      FROM rec
    ), win AS (
      UPDATE replay_windows w SET flagged_chunks = flagged_chunks + ${q}::int,
             stored_bytes = stored_bytes + ${chunk.bytes}::bigint
      FROM rec WHERE w.id = rec.window_id
      RETURNING w.flagged_chunks, w.stored_bytes
    )
    SELECT flagged_chunks::int AS flagged, stored_bytes::text AS bytes FROM win`;
}
function* appendChunkSqlite(chunk: NewChunk, caps: ChunkCaps): Work<PutChunkResult> {
  const rec = yield* get<ChunkTarget>(chunkTarget(chunk.recordingId));
  if (!rec) return undefined;
  const placed = admit(rec, chunk, caps);
  if (typeof placed === 'string') return { refused: placed };
  const q = chunk.findings.length > 0 ? 1 : 0;
  const findings: StoredFinding[] = chunk.findings.map((f) => ({ ...f, seq: chunk.seq }));
  yield* exec(
    chunksT.insert([
      {
        recordingId: chunk.recordingId,
        seq: chunk.seq,
        windowId: rec.windowId,
        receivedAt: chunk.receivedAt,
        quarantined: q,
        data: chunk.data,
      },
    ]),
  );
  yield* exec(
    sql`update replay_recordings set ${recordingsT.set({
      chunks: rec.chunks + 1,
      bytes: rec.bytes + chunk.bytes,
      nextSeq: placed.nextSeq,
      seqMask: placed.seqMask,
      lastSeenAt: chunk.receivedAt,
      quarantinedChunks: rec.quarantinedChunks + q,
      findings: q
        ? JSON.stringify([...(JSON.parse(rec.findings) as StoredFinding[]), ...findings])
        : rec.findings,
    })} where id = ${chunk.recordingId}`,
  );
  const win = yield* get<{ flagged: number; bytes: number }>(sql`update replay_windows
    set flagged_chunks = flagged_chunks + ${q}, stored_bytes = stored_bytes + ${chunk.bytes}
    where id = ${rec.windowId} returning flagged_chunks as flagged, stored_bytes as bytes`);
  return { flaggedChunks: win?.flagged ?? 0, windowBytes: win?.bytes ?? 0 };
}

// Delete recordings with their chunks and plays and give their bytes back to their windows: one
// statement on PostgreSQL (public path). `of` is 'recording' (by id) or 'window' (all of a window).
function deleteRecordingsPg(of: 'recording' | 'window', id: string): SQL {
  return of === 'recording'
    ? sql`
      WITH c AS (DELETE FROM replay_chunks WHERE recording_id = ${id} RETURNING 1),
           p AS (DELETE FROM replay_plays WHERE recording_id = ${id} RETURNING 1),
           r AS (DELETE FROM replay_recordings WHERE id = ${id} RETURNING bytes, window_id),
           w AS (UPDATE replay_windows SET stored_bytes = GREATEST(0, stored_bytes - r.bytes)
                 FROM r WHERE replay_windows.id = r.window_id)
      SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
             (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`
    : sql`
      WITH c AS (DELETE FROM replay_chunks WHERE window_id = ${id} RETURNING 1),
           p AS (DELETE FROM replay_plays WHERE window_id = ${id} RETURNING 1),
           r AS (DELETE FROM replay_recordings WHERE window_id = ${id} RETURNING bytes),
           w AS (UPDATE replay_windows SET stored_bytes = 0 WHERE id = ${id})
      SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
             (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`;
}
function* deleteRecordingsSqlite(of: 'recording' | 'window', id: string): Work<DeletedCounts> {
  const where = of === 'recording' ? sql`id = ${id}` : sql`window_id = ${id}`;
  const perWindow = yield* all<{ windowId: string; bytes: number }>(sql`select
    window_id as "windowId", coalesce(sum(bytes), 0) as bytes
    from replay_recordings where ${where} group by window_id`);
  const chunks = yield* exec(sql`delete from replay_chunks
    where ${of === 'recording' ? sql`recording_id = ${id}` : sql`window_id = ${id}`}`);
  yield* exec(sql`delete from replay_plays
    where recording_id in (select id from replay_recordings where ${where})`);
  const recordings = yield* exec(sql`delete from replay_recordings where ${where}`);
  for (const row of perWindow) {
    yield* exec(sql`update replay_windows set stored_bytes = max(0, stored_bytes - ${row.bytes})
      where id = ${row.windowId}`);
  }
  if (of === 'window') {
    yield* exec(sql`update replay_windows set stored_bytes = 0 where id = ${id}`);
  }
  return { recordings, chunks, bytes: perWindow.reduce((sum, row) => sum + row.bytes, 0) };
}

// Drop the recording's chunk bytes and end it: one statement on PostgreSQL (public path).
function quarantinePg(id: string, at: number): SQL {
  return sql`
    WITH c AS (UPDATE replay_chunks SET quarantined = 1, data = NULL WHERE recording_id = ${id})
    UPDATE replay_recordings SET quarantined_chunks = chunks,
      ended_at = coalesce(ended_at, ${at}::bigint)
    WHERE id = ${id}`;
}
function* quarantineSqlite(id: string, at: number): Work<void> {
  yield* exec(
    sql`update replay_chunks set quarantined = 1, data = null where recording_id = ${id}`,
  );
  yield* exec(sql`update replay_recordings set quarantined_chunks = chunks,
    ended_at = coalesce(ended_at, ${at}) where id = ${id}`);
}

export function replayRepo(db: Db): ReplayRepo {
  const pg = db.dialect === 'postgres';
  /** One statement; on SQLite with secure_delete on (a key's old bytes must not linger). */
  const execSecurely = (query: SQL) => (pg ? db.exec(query) : db.tx(() => securely(exec(query))));

  async function deleteRecordings(of: 'recording' | 'window', id: string): Promise<DeletedCounts> {
    if (!pg) return db.tx(() => securely(deleteRecordingsSqlite(of, id)));
    const row = await db.get<DeletedCounts>(deleteRecordingsPg(of, id));
    return { recordings: row!.recordings, chunks: row!.chunks, bytes: Number(row!.bytes) };
  }

  const recordingsWhere = (where: SQL, limit?: number) =>
    db
      .all<RecordingRow>(
        sql`select ${recordingsT.columns} from replay_recordings where ${where}
          order by started_at desc, id desc ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
      )
      .then((rows) => rows.map(toRecording));

  return {
    async secret(name, make, now) {
      await db.exec(
        sql`${secretsT.insert([{ name, secret: make(), createdAt: now }])} on conflict do nothing`,
      );
      const row = await db.get<{ secret: Buffer }>(
        sql`select secret from replay_secrets where name = ${name}`,
      );
      return row!.secret;
    },

    async createWindow(window, key) {
      await db.tx(function* () {
        yield* exec(windowsT.insert([toWindowRow(window)]));
        yield* exec(
          keysT.insert([{ windowId: window.id, keyBytes: key, createdAt: window.createdAt }]),
        );
      });
    },
    async window(id) {
      const row = await db.get<WindowRow>(
        sql`select ${windowsT.columns} from replay_windows where id = ${id}`,
      );
      return row && toStoredWindow(row);
    },
    async windows(filter = {}) {
      const rows = await db.all<WindowRow>(sql`select ${windowsT.columns} from replay_windows
        where ${filter.siteId === undefined ? sql`1 = 1` : sql`site_id = ${filter.siteId}`}
          and ${filter.states === undefined ? sql`1 = 1` : inList(sql`state`, filter.states)}
        order by created_at desc, id desc`);
      return rows.map(toStoredWindow);
    },
    async saveWindow(window, expectedState) {
      const changed = await db.exec(sql`update replay_windows
        set ${windowsT.set(windowUpdate(window))}
        where id = ${window.id} and state = ${expectedState}`);
      return changed > 0;
    },
    async windowKey(windowId) {
      const row = await db.get<{ keyBytes: Buffer }>(
        sql`select key_bytes as "keyBytes" from replay_window_keys where window_id = ${windowId}`,
      );
      return row?.keyBytes;
    },
    windowKeys() {
      return db.all<{ windowId: string; keyBytes: Buffer }>(
        sql`select window_id as "windowId", key_bytes as "keyBytes" from replay_window_keys`,
      );
    },
    async replaceWindowKey(windowId, keyBytes) {
      await execSecurely(
        sql`update replay_window_keys set key_bytes = ${keyBytes} where window_id = ${windowId}`,
      );
    },
    async destroyWindowKey(windowId) {
      const changed = await execSecurely(
        sql`delete from replay_window_keys where window_id = ${windowId}`,
      );
      return changed > 0;
    },

    async startRecording(rec, maxSessions) {
      if (!pg) return db.tx(() => startRecordingSqlite(rec, maxSessions));
      const row = await db.get<{ started: number; state: string | null }>(
        startRecordingPg(rec, maxSessions),
      );
      if (row!.started > 0) return 'started';
      return row!.state === 'open' ? 'cap_reached' : 'not_open';
    },
    async startPreviewRecording(rec) {
      const inserted = await db.exec(sql`insert into replay_recordings
          (id, window_id, site_id, started_at, last_seen_at, preview)
        select cast(${rec.id} as text), id, cast(${rec.siteId} as integer),
          cast(${rec.now} as bigint), cast(${rec.now} as bigint), 1
        from replay_windows where id = ${rec.windowId} and state = 'draft'`);
      return inserted > 0;
    },
    async continueRecording(id, windowId, maxPages, now) {
      const row = await db.get<RecordingRow>(sql`update replay_recordings
        set pages = pages + 1, last_seen_at = ${now}
        where id = ${id} and window_id = ${windowId} and ended_at is null and pages < ${maxPages}
        returning ${recordingsT.columns}`);
      return row && toRecording(row);
    },
    async recording(id) {
      const row = await db.get<RecordingRow>(
        sql`select ${recordingsT.columns} from replay_recordings where id = ${id}`,
      );
      return row && toRecording(row);
    },
    recordings(windowId) {
      return recordingsWhere(sql`window_id = ${windowId}`);
    },
    reviewQueue(windowId, limit) {
      return recordingsWhere(sql`window_id = ${windowId} and reviewed_at is null`, limit);
    },
    async markReviewed(id, by, at) {
      const changed = await db.exec(
        sql`update replay_recordings set reviewed_at = ${at}, reviewed_by = ${by} where id = ${id}`,
      );
      return changed > 0;
    },
    async endRecording(id, at) {
      await db.exec(
        sql`update replay_recordings set ended_at = ${at} where id = ${id} and ended_at is null`,
      );
    },
    async recordingsStartedSince(windowId, since) {
      const row = await db.get<{ n: number }>(sql`select count(*) as n from replay_recordings
        where window_id = ${windowId} and started_at >= ${since}`);
      return row?.n ?? 0;
    },

    async consumeOffer(nonce, windowId, expiresAt, now) {
      if (!pg) return db.tx(() => consumeOfferSqlite(nonce, windowId, expiresAt, now));
      const row = await db.get<{ n: number }>(consumeOfferPg(nonce, windowId, expiresAt, now));
      return row!.n > 0;
    },

    async putChunk(chunk, caps) {
      if (!pg) return db.tx(() => appendChunkSqlite(chunk, caps));
      const win = await db.get<{ flagged: number; bytes: string }>(appendChunkPg(chunk, caps));
      if (win) return { flaggedChunks: win.flagged, windowBytes: Number(win.bytes) };
      // Nothing written: say why, from the state as it is now.
      const rec = await db.get<ChunkTarget>(chunkTarget(chunk.recordingId));
      if (!rec) return undefined;
      const placed = admit(rec, chunk, caps);
      // Fit now: another chunk changed the state between the two statements, its sequence won.
      return { refused: typeof placed === 'string' ? placed : 'repeat' };
    },
    async storedBytes() {
      const row = await db.get<{ n: number | string }>(
        sql`select coalesce(sum(stored_bytes), 0) as n from replay_windows`,
      );
      return Number(row?.n ?? 0);
    },
    async chunks(recordingId) {
      const rows = await db.all<{
        seq: number;
        receivedAt: number;
        quarantined: number;
        data: Buffer | null;
      }>(sql`select seq, received_at as "receivedAt", quarantined, data from replay_chunks
        where recording_id = ${recordingId} order by seq`);
      return rows.map((row) => ({ ...row, quarantined: row.quarantined === 1 }));
    },

    async deleteRecording(id) {
      const counts = await deleteRecordings('recording', id);
      return counts.recordings > 0 ? counts : undefined;
    },
    deleteWindowData(windowId) {
      return deleteRecordings('window', windowId);
    },
    async reclaimSpace() {
      if (pg) {
        // Plain VACUUM: dead tuples (a destroyed key among them) are cleared and their space
        // reused; the file is not shrunk (VACUUM FULL would lock the tables), see ARCHITECTURE.md.
        await db.exec(sql`VACUUM replay_window_keys, replay_chunks, replay_recordings`);
        return;
      }
      const mode = await db.get<{ auto_vacuum: number }>(sql`pragma auto_vacuum`);
      const pages = await db.get<{ page_count: number }>(sql`pragma page_count`);
      const pageSize = await db.get<{ page_size: number }>(sql`pragma page_size`);
      if (mode?.auto_vacuum === 2) await db.tx(incrementalVacuum);
      else if (pages!.page_count * pageSize!.page_size <= FULL_VACUUM_MAX_BYTES) {
        // A file created without incremental auto-vacuum switches once (the mode only takes effect
        // through a VACUUM); from then on each purge frees its pages without rewriting the file.
        await db.exec(sql`pragma auto_vacuum = INCREMENTAL`);
        await db.exec(sql`VACUUM`);
      }
      // A larger file is not rewritten under live ingestion: its freed pages are already zeroed
      // (secure_delete) and SQLite reuses them; `VACUUM` offline gives them back to the disk.
      // Old page images (the destroyed key among them) also leave the write-ahead log.
      await db.all(sql`pragma wal_checkpoint(TRUNCATE)`);
    },

    async recordPlay(play) {
      await db.exec(
        sql`${playsT.insert([
          {
            recordingId: play.recordingId,
            userId: play.userId,
            windowId: play.windowId,
            playedAt: play.at,
          },
        ])} on conflict do nothing`,
      );
    },
    async hasPlayed(recordingId, userId) {
      const row = await db.get(sql`select 1 as n from replay_plays
        where recording_id = ${recordingId} and user_id = ${userId}`);
      return row !== undefined;
    },
    async unreviewedCount(windowId) {
      const row = await db.get<{ n: number }>(sql`select count(*) as n from replay_recordings
        where window_id = ${windowId} and reviewed_at is null`);
      return row?.n ?? 0;
    },
    async quarantineRecording(id, at) {
      if (pg) await db.exec(quarantinePg(id, at));
      else await db.tx(() => securely(quarantineSqlite(id, at)));
    },

    async latch(latch) {
      await db.exec(sql`${latchesT.insert([latch])} on conflict (scope) do update
        set latched_at = excluded.latched_at, latched_by = excluded.latched_by,
          detail = excluded.detail`);
    },
    latches() {
      return db.all<Latch>(sql`select ${latchesT.columns} from replay_latches order by scope`);
    },
    async unlatch(scope) {
      return (await db.exec(sql`delete from replay_latches where scope = ${scope}`)) > 0;
    },
  };
}
