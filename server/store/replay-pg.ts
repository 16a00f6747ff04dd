// ReplayRepo over PostgreSQL: mirrors replay-sqlite.ts. The writes on the public path (start a
// recording, append a chunk, delete a recording) are single statements (data-modifying CTEs): atomic
// without an explicit transaction, which postgres.js cannot survive losing (see server/store/pg.ts).
import { and, desc, eq, gte, inArray, isNull, lt, sql as dsql } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import * as t from '../../drizzle/schema/pg.js';
import { placeSeq, REORDER_WINDOW } from '../replay/chunk-sequence.js';
import {
  toRecording,
  toStoredWindow,
  toWindowRow,
  windowUpdate,
  type DeletedCounts,
  type ReplayRepo,
} from './replay.js';

type Db = PostgresJsDatabase<typeof t>;

export function createPgReplayRepo(sql: postgres.Sql, db: Db): ReplayRepo {
  const r = t.replayRecordings;

  async function deleted(rows: { recordings: number; chunks: number; bytes: number }[]) {
    const row = rows[0]!;
    return { recordings: row.recordings, chunks: row.chunks, bytes: Number(row.bytes) };
  }

  return {
    async secret(name, make, now) {
      await db
        .insert(t.replaySecrets)
        .values({ name, secret: make(), createdAt: now })
        .onConflictDoNothing();
      const [row] = await db.select().from(t.replaySecrets).where(eq(t.replaySecrets.name, name));
      return Buffer.from(row!.secret);
    },

    async createWindow(window, key) {
      await db.transaction(async (tx) => {
        await tx.insert(t.replayWindows).values(toWindowRow(window));
        await tx
          .insert(t.replayWindowKeys)
          .values({ windowId: window.id, keyBytes: key, createdAt: window.createdAt });
      });
    },
    async window(id) {
      const [row] = await db.select().from(t.replayWindows).where(eq(t.replayWindows.id, id));
      return row && toStoredWindow(row);
    },
    async windows(filter = {}) {
      const w = t.replayWindows;
      const rows = await db
        .select()
        .from(w)
        .where(
          and(
            filter.siteId === undefined ? undefined : eq(w.siteId, filter.siteId),
            filter.states === undefined ? undefined : inArray(w.state, filter.states),
          ),
        )
        .orderBy(desc(w.createdAt), desc(w.id));
      return rows.map(toStoredWindow);
    },
    async saveWindow(window, expectedState) {
      const w = t.replayWindows;
      const rows = await db
        .update(w)
        .set(windowUpdate(window))
        .where(and(eq(w.id, window.id), eq(w.state, expectedState)))
        .returning({ id: w.id });
      return rows.length > 0;
    },
    async windowKey(windowId) {
      const [row] = await db
        .select()
        .from(t.replayWindowKeys)
        .where(eq(t.replayWindowKeys.windowId, windowId));
      return row && Buffer.from(row.keyBytes);
    },
    async windowKeys() {
      const rows = await db
        .select({ windowId: t.replayWindowKeys.windowId, keyBytes: t.replayWindowKeys.keyBytes })
        .from(t.replayWindowKeys);
      return rows.map((row) => ({ windowId: row.windowId, keyBytes: Buffer.from(row.keyBytes) }));
    },
    async replaceWindowKey(windowId, keyBytes) {
      await db
        .update(t.replayWindowKeys)
        .set({ keyBytes })
        .where(eq(t.replayWindowKeys.windowId, windowId));
    },
    async destroyWindowKey(windowId) {
      const rows = await db
        .delete(t.replayWindowKeys)
        .where(eq(t.replayWindowKeys.windowId, windowId))
        .returning({ id: t.replayWindowKeys.windowId });
      return rows.length > 0;
    },

    async startRecording(rec, maxSessions) {
      const [row] = await sql<{ started: number; state: string | null }[]>`
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
      if (row!.started > 0) return 'started';
      return row!.state === 'open' ? 'cap_reached' : 'not_open';
    },
    async startPreviewRecording(rec) {
      const inserted = await sql`
        INSERT INTO replay_recordings (id, window_id, site_id, started_at, last_seen_at, preview)
        SELECT ${rec.id}::text, id, ${rec.siteId}::int, ${rec.now}::bigint, ${rec.now}::bigint, 1
        FROM replay_windows WHERE id = ${rec.windowId} AND state = 'draft'
        RETURNING id`;
      return inserted.length > 0;
    },
    async continueRecording(id, windowId, maxPages, now) {
      const [row] = await db
        .update(r)
        .set({ pages: dsql`${r.pages} + 1`, lastSeenAt: now })
        .where(
          and(eq(r.id, id), eq(r.windowId, windowId), isNull(r.endedAt), lt(r.pages, maxPages)),
        )
        .returning();
      return row && toRecording(row);
    },
    async recording(id) {
      const [row] = await db.select().from(r).where(eq(r.id, id));
      return row && toRecording(row);
    },
    async recordings(windowId) {
      const rows = await db
        .select()
        .from(r)
        .where(eq(r.windowId, windowId))
        .orderBy(desc(r.startedAt), desc(r.id));
      return rows.map(toRecording);
    },
    async reviewQueue(windowId, limit) {
      const rows = await db
        .select()
        .from(r)
        .where(and(eq(r.windowId, windowId), isNull(r.reviewedAt)))
        .orderBy(desc(r.startedAt), desc(r.id))
        .limit(limit);
      return rows.map(toRecording);
    },
    async markReviewed(id, by, at) {
      const rows = await db
        .update(r)
        .set({ reviewedAt: at, reviewedBy: by })
        .where(eq(r.id, id))
        .returning({ id: r.id });
      return rows.length > 0;
    },
    async endRecording(id, at) {
      await db
        .update(r)
        .set({ endedAt: at })
        .where(and(eq(r.id, id), isNull(r.endedAt)));
    },
    async recordingsStartedSince(windowId, since) {
      const [row] = await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(r)
        .where(and(eq(r.windowId, windowId), gte(r.startedAt, since)));
      return row?.n ?? 0;
    },

    async consumeOffer(nonce, windowId, expiresAt, now) {
      const [row] = await sql<{ n: number }[]>`
        WITH pruned AS (DELETE FROM replay_offer_nonces WHERE expires_at < ${now}::bigint),
             used AS (
               INSERT INTO replay_offer_nonces (nonce, window_id, expires_at)
               VALUES (${nonce}, ${windowId}, ${expiresAt}::bigint)
               ON CONFLICT (nonce) DO NOTHING RETURNING 1)
        SELECT count(*)::int AS n FROM used`;
      return row!.n > 0;
    },

    async putChunk(chunk, caps) {
      const q = chunk.findings.length > 0 ? 1 : 0;
      const seq = chunk.seq;
      const R = REORDER_WINDOW;
      // One statement: the UPDATE's row lock orders concurrent chunks of one recording, and its
      // WHERE (re-checked on the locked row) is server/replay/chunk-sequence.ts's placeSeq plus
      // the caps, so a sequence is stored once and a cap is never passed within a recording.
      const rows = await sql<{ flagged: number; bytes: string }[]>`
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
              FROM jsonb_array_elements(${JSON.stringify(chunk.findings)}::jsonb) AS f))::text
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
      if (rows[0]) return { flaggedChunks: rows[0].flagged, windowBytes: Number(rows[0].bytes) };
      // Nothing written: say why, from the state as it is now.
      const [rec] = await sql<
        { next_seq: number; seq_mask: number; chunks: number; bytes: string; stored: string }[]
      >`SELECT r.next_seq, r.seq_mask, r.chunks, r.bytes::text AS bytes,
               coalesce(w.stored_bytes, 0)::text AS stored
        FROM replay_recordings r LEFT JOIN replay_windows w ON w.id = r.window_id
        WHERE r.id = ${chunk.recordingId}`;
      if (!rec) return undefined;
      const placed = placeSeq({ nextSeq: rec.next_seq, seqMask: rec.seq_mask }, seq);
      if (typeof placed === 'string') return { refused: placed };
      if (rec.chunks >= caps.maxChunks || Number(rec.bytes) + chunk.bytes > caps.maxBytes) {
        return { refused: 'recording_full' };
      }
      if (Number(rec.stored) + chunk.bytes > caps.maxWindowBytes) return { refused: 'window_full' };
      // Another chunk changed the state between the two statements: its sequence won.
      return { refused: 'repeat' };
    },
    async storedBytes() {
      const [row] = await sql<{ n: string }[]>`
        SELECT coalesce(sum(stored_bytes), 0)::text AS n FROM replay_windows`;
      return Number(row!.n);
    },
    async chunks(recordingId) {
      const c = t.replayChunks;
      const rows = await db
        .select({ seq: c.seq, receivedAt: c.receivedAt, quarantined: c.quarantined, data: c.data })
        .from(c)
        .where(eq(c.recordingId, recordingId))
        .orderBy(c.seq);
      return rows.map((row) => ({
        ...row,
        quarantined: row.quarantined === 1,
        data: row.data === null ? null : Buffer.from(row.data),
      }));
    },

    async deleteRecording(id) {
      const counts: DeletedCounts = await deleted(
        await sql<{ recordings: number; chunks: number; bytes: number }[]>`
          WITH c AS (DELETE FROM replay_chunks WHERE recording_id = ${id} RETURNING 1),
               p AS (DELETE FROM replay_plays WHERE recording_id = ${id} RETURNING 1),
               r AS (DELETE FROM replay_recordings WHERE id = ${id} RETURNING bytes, window_id),
               w AS (UPDATE replay_windows SET stored_bytes = GREATEST(0, stored_bytes - r.bytes)
                     FROM r WHERE replay_windows.id = r.window_id)
          SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
                 (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`,
      );
      return counts.recordings > 0 ? counts : undefined;
    },
    async deleteWindowData(windowId) {
      return deleted(
        await sql<{ recordings: number; chunks: number; bytes: number }[]>`
          WITH c AS (DELETE FROM replay_chunks WHERE window_id = ${windowId} RETURNING 1),
               p AS (DELETE FROM replay_plays WHERE window_id = ${windowId} RETURNING 1),
               r AS (DELETE FROM replay_recordings WHERE window_id = ${windowId} RETURNING bytes),
               w AS (UPDATE replay_windows SET stored_bytes = 0 WHERE id = ${windowId})
          SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
                 (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`,
      );
    },
    async reclaimSpace() {
      // Plain VACUUM: dead tuples (a destroyed key among them) are cleared and their space reused;
      // the file is not shrunk (VACUUM FULL would lock the tables), see docs/ARCHITECTURE.md.
      await sql`VACUUM replay_window_keys, replay_chunks, replay_recordings`;
    },

    async recordPlay(play) {
      await db
        .insert(t.replayPlays)
        .values({
          recordingId: play.recordingId,
          userId: play.userId,
          windowId: play.windowId,
          playedAt: play.at,
        })
        .onConflictDoNothing();
    },
    async hasPlayed(recordingId, userId) {
      const p = t.replayPlays;
      const rows = await db
        .select({ n: p.userId })
        .from(p)
        .where(and(eq(p.recordingId, recordingId), eq(p.userId, userId)));
      return rows.length > 0;
    },
    async unreviewedCount(windowId) {
      const [row] = await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(r)
        .where(and(eq(r.windowId, windowId), isNull(r.reviewedAt)));
      return row?.n ?? 0;
    },
    async quarantineRecording(id, at) {
      await sql`
        WITH c AS (UPDATE replay_chunks SET quarantined = 1, data = NULL WHERE recording_id = ${id})
        UPDATE replay_recordings SET quarantined_chunks = chunks,
          ended_at = coalesce(ended_at, ${at}::bigint)
        WHERE id = ${id}`;
    },

    async latch(latch) {
      const l = t.replayLatches;
      await db
        .insert(l)
        .values(latch)
        .onConflictDoUpdate({
          target: l.scope,
          set: { latchedAt: latch.latchedAt, latchedBy: latch.latchedBy, detail: latch.detail },
        });
    },
    async latches() {
      return db.select().from(t.replayLatches).orderBy(t.replayLatches.scope);
    },
    async unlatch(scope) {
      const rows = await db
        .delete(t.replayLatches)
        .where(eq(t.replayLatches.scope, scope))
        .returning({ scope: t.replayLatches.scope });
      return rows.length > 0;
    },
  };
}

/** Deletes every replay row of a site (site or org deletion), inside the caller's transaction. */
export async function deleteSiteReplayPg(
  tx: Pick<Db, 'delete' | 'select'>,
  siteId: number,
): Promise<void> {
  const w = t.replayWindows;
  const ids = tx.select({ id: w.id }).from(w).where(eq(w.siteId, siteId));
  await tx.delete(t.replayChunks).where(inArray(t.replayChunks.windowId, ids));
  await tx.delete(t.replayPlays).where(inArray(t.replayPlays.windowId, ids));
  await tx.delete(t.replayWindowKeys).where(inArray(t.replayWindowKeys.windowId, ids));
  await tx.delete(t.replayOfferNonces).where(inArray(t.replayOfferNonces.windowId, ids));
  await tx.delete(t.replayRecordings).where(inArray(t.replayRecordings.windowId, ids));
  await tx.delete(w).where(eq(w.siteId, siteId));
}
