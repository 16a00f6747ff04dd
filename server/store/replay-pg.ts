// ReplayRepo over PostgreSQL: mirrors replay-sqlite.ts. The writes on the public path (start a
// recording, append a chunk, delete a recording) are single statements (data-modifying CTEs): atomic
// without an explicit transaction, which postgres.js cannot survive losing (see server/store/pg.ts).
import { and, desc, eq, gte, inArray, isNull, lt, sql as dsql } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import * as t from '../../drizzle/schema/pg.js';
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

    async putChunk(chunk) {
      const q = chunk.findings.length > 0 ? 1 : 0;
      // The UPDATE's row lock orders concurrent chunks of one recording; `chunks = seq` lets only
      // the first writer of a sequence through.
      const rows = await sql<{ flagged: number }[]>`
        WITH rec AS (
          UPDATE replay_recordings SET
            chunks = chunks + 1,
            bytes = bytes + ${chunk.bytes}::bigint,
            last_seen_at = ${chunk.receivedAt}::bigint,
            quarantined_chunks = quarantined_chunks + ${q}::int,
            findings = CASE WHEN ${q}::int = 1 THEN (findings::jsonb || (
              SELECT jsonb_agg(f || jsonb_build_object('seq', replay_recordings.chunks))
              FROM jsonb_array_elements(${JSON.stringify(chunk.findings)}::jsonb) AS f))::text
              ELSE findings END
          WHERE id = ${chunk.recordingId} AND chunks = ${chunk.seq}::int
          RETURNING chunks - 1 AS seq, window_id
        ), inserted AS (
          INSERT INTO replay_chunks (recording_id, seq, window_id, received_at, quarantined, data)
          SELECT ${chunk.recordingId}::text, seq, window_id, ${chunk.receivedAt}::bigint, ${q}::int,
                 ${chunk.data}::bytea
          FROM rec
        ), flagged AS (
          UPDATE replay_windows w SET flagged_chunks = flagged_chunks + 1
          FROM rec WHERE w.id = rec.window_id AND ${q}::int = 1
          RETURNING w.flagged_chunks
        )
        SELECT coalesce(
          (SELECT flagged_chunks FROM flagged),
          (SELECT flagged_chunks FROM replay_windows WHERE id = rec.window_id), 0)::int AS flagged
        FROM rec`;
      if (rows[0]) return { flaggedChunks: rows[0].flagged };
      const [exists] = await sql`SELECT 1 FROM replay_recordings WHERE id = ${chunk.recordingId}`;
      return exists ? 'conflict' : undefined;
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
               r AS (DELETE FROM replay_recordings WHERE id = ${id} RETURNING bytes)
          SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
                 (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`,
      );
      return counts.recordings > 0 ? counts : undefined;
    },
    async deleteWindowData(windowId) {
      return deleted(
        await sql<{ recordings: number; chunks: number; bytes: number }[]>`
          WITH c AS (DELETE FROM replay_chunks WHERE window_id = ${windowId} RETURNING 1),
               r AS (DELETE FROM replay_recordings WHERE window_id = ${windowId} RETURNING bytes)
          SELECT (SELECT count(*) FROM r)::int AS recordings, (SELECT count(*) FROM c)::int AS chunks,
                 (SELECT coalesce(sum(bytes), 0) FROM r)::float8 AS bytes`,
      );
    },
    async storageBytes() {
      const [row] = await sql<{ bytes: number }[]>`
        SELECT coalesce(sum(bytes), 0)::float8 AS bytes FROM replay_recordings`;
      return row?.bytes ?? 0;
    },
    async reclaimSpace() {
      // Plain VACUUM: dead tuples (a destroyed key among them) are cleared and their space reused;
      // the file is not shrunk (VACUUM FULL would lock the tables), see docs/ARCHITECTURE.md.
      await sql`VACUUM replay_window_keys, replay_chunks, replay_recordings`;
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
  await tx.delete(t.replayWindowKeys).where(inArray(t.replayWindowKeys.windowId, ids));
  await tx.delete(t.replayRecordings).where(inArray(t.replayRecordings.windowId, ids));
  await tx.delete(w).where(eq(w.siteId, siteId));
}
