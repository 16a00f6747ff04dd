// ReplayRepo over SQLite: multi-step writes run in one synchronous transaction, so nothing else on
// the connection interleaves (the chunk counter, the session cap and the flagged count stay exact).
import type Database from 'better-sqlite3';
import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as t from '../../drizzle/schema/sqlite.js';
import { placeSeq } from '../replay/chunk-sequence.js';
import {
  toRecording,
  toStoredWindow,
  toWindowRow,
  windowUpdate,
  type DeletedCounts,
  type ReplayRepo,
  type StoredFinding,
} from './replay.js';

type Db = BetterSQLite3Database<typeof t>;

/** Largest file rewritten by a one-off VACUUM during a purge (it blocks writers meanwhile). */
const FULL_VACUUM_MAX_BYTES = 256 * 1024 * 1024;

export function createSqliteReplayRepo(sqlite: Database.Database, db: Db): ReplayRepo {
  const r = t.replayRecordings;
  /** Runs `work` with secure_delete on: freed cells are zeroed, so deleted bytes do not linger. */
  const securely = <T>(work: () => T): T => {
    sqlite.pragma('secure_delete = ON');
    try {
      return work();
    } finally {
      sqlite.pragma('secure_delete = OFF');
    }
  };
  const deleteRecordings = (where: ReturnType<typeof eq>, chunkWhere: ReturnType<typeof eq>) =>
    securely(() =>
      sqlite.transaction((): DeletedCounts => {
        const sum = db
          .select({ n: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${r.bytes}), 0)` })
          .from(r)
          .where(where)
          .get();
        const perWindow = db
          .select({ windowId: r.windowId, bytes: sql<number>`coalesce(sum(${r.bytes}), 0)` })
          .from(r)
          .where(where)
          .groupBy(r.windowId)
          .all();
        const chunks = db.delete(t.replayChunks).where(chunkWhere).run().changes;
        db.delete(t.replayPlays)
          .where(inArray(t.replayPlays.recordingId, db.select({ id: r.id }).from(r).where(where)))
          .run();
        const recordings = db.delete(r).where(where).run().changes;
        const w = t.replayWindows;
        for (const row of perWindow) {
          db.update(w)
            .set({ storedBytes: sql`max(0, ${w.storedBytes} - ${row.bytes})` })
            .where(eq(w.id, row.windowId))
            .run();
        }
        return { recordings, chunks, bytes: sum?.bytes ?? 0 };
      })(),
    );

  return {
    async secret(name, make, now) {
      db.insert(t.replaySecrets)
        .values({ name, secret: make(), createdAt: now })
        .onConflictDoNothing()
        .run();
      return db.select().from(t.replaySecrets).where(eq(t.replaySecrets.name, name)).get()!.secret;
    },

    async createWindow(window, key) {
      sqlite.transaction(() => {
        db.insert(t.replayWindows).values(toWindowRow(window)).run();
        db.insert(t.replayWindowKeys)
          .values({ windowId: window.id, keyBytes: key, createdAt: window.createdAt })
          .run();
      })();
    },
    async window(id) {
      const row = db.select().from(t.replayWindows).where(eq(t.replayWindows.id, id)).get();
      return row && toStoredWindow(row);
    },
    async windows(filter = {}) {
      const w = t.replayWindows;
      const conditions = [
        filter.siteId === undefined ? undefined : eq(w.siteId, filter.siteId),
        filter.states === undefined ? undefined : inArray(w.state, filter.states),
      ];
      return db
        .select()
        .from(w)
        .where(and(...conditions))
        .orderBy(desc(w.createdAt), desc(w.id))
        .all()
        .map(toStoredWindow);
    },
    async saveWindow(window, expectedState) {
      const w = t.replayWindows;
      return (
        db
          .update(w)
          .set(windowUpdate(window))
          .where(and(eq(w.id, window.id), eq(w.state, expectedState)))
          .run().changes > 0
      );
    },
    async windowKey(windowId) {
      return db
        .select()
        .from(t.replayWindowKeys)
        .where(eq(t.replayWindowKeys.windowId, windowId))
        .get()?.keyBytes;
    },
    async windowKeys() {
      return db
        .select({ windowId: t.replayWindowKeys.windowId, keyBytes: t.replayWindowKeys.keyBytes })
        .from(t.replayWindowKeys)
        .all();
    },
    async replaceWindowKey(windowId, keyBytes) {
      securely(() =>
        db
          .update(t.replayWindowKeys)
          .set({ keyBytes })
          .where(eq(t.replayWindowKeys.windowId, windowId))
          .run(),
      );
    },
    async destroyWindowKey(windowId) {
      return securely(
        () =>
          db.delete(t.replayWindowKeys).where(eq(t.replayWindowKeys.windowId, windowId)).run()
            .changes > 0,
      );
    },

    async startRecording(rec, maxSessions) {
      const w = t.replayWindows;
      return sqlite.transaction(() => {
        const counted = db
          .update(w)
          .set({ sessionsStarted: sql`${w.sessionsStarted} + 1` })
          .where(
            and(eq(w.id, rec.windowId), eq(w.state, 'open'), lt(w.sessionsStarted, maxSessions)),
          )
          .run().changes;
        if (counted === 0) {
          const state = db.select({ state: w.state }).from(w).where(eq(w.id, rec.windowId)).get();
          return state?.state === 'open' ? 'cap_reached' : 'not_open';
        }
        db.insert(r)
          .values({
            id: rec.id,
            windowId: rec.windowId,
            siteId: rec.siteId,
            startedAt: rec.now,
            lastSeenAt: rec.now,
          })
          .run();
        return 'started';
      })();
    },
    async startPreviewRecording(rec) {
      const w = t.replayWindows;
      return sqlite.transaction(() => {
        const draft = db.select({ state: w.state }).from(w).where(eq(w.id, rec.windowId)).get();
        if (draft?.state !== 'draft') return false;
        db.insert(r)
          .values({
            id: rec.id,
            windowId: rec.windowId,
            siteId: rec.siteId,
            startedAt: rec.now,
            lastSeenAt: rec.now,
            preview: 1,
          })
          .run();
        return true;
      })();
    },
    async continueRecording(id, windowId, maxPages, now) {
      const row = db
        .update(r)
        .set({ pages: sql`${r.pages} + 1`, lastSeenAt: now })
        .where(
          and(eq(r.id, id), eq(r.windowId, windowId), isNull(r.endedAt), lt(r.pages, maxPages)),
        )
        .returning()
        .get();
      return row && toRecording(row);
    },
    async recording(id) {
      const row = db.select().from(r).where(eq(r.id, id)).get();
      return row && toRecording(row);
    },
    async recordings(windowId) {
      return db
        .select()
        .from(r)
        .where(eq(r.windowId, windowId))
        .orderBy(desc(r.startedAt), desc(r.id))
        .all()
        .map(toRecording);
    },
    async reviewQueue(windowId, limit) {
      return db
        .select()
        .from(r)
        .where(and(eq(r.windowId, windowId), isNull(r.reviewedAt)))
        .orderBy(desc(r.startedAt), desc(r.id))
        .limit(limit)
        .all()
        .map(toRecording);
    },
    async markReviewed(id, by, at) {
      return (
        db.update(r).set({ reviewedAt: at, reviewedBy: by }).where(eq(r.id, id)).run().changes > 0
      );
    },
    async endRecording(id, at) {
      db.update(r)
        .set({ endedAt: at })
        .where(and(eq(r.id, id), isNull(r.endedAt)))
        .run();
    },
    async recordingsStartedSince(windowId, since) {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(r)
          .where(and(eq(r.windowId, windowId), gte(r.startedAt, since)))
          .get()?.n ?? 0
      );
    },

    async consumeOffer(nonce, windowId, expiresAt, now) {
      const n = t.replayOfferNonces;
      return sqlite.transaction(() => {
        db.delete(n).where(lt(n.expiresAt, now)).run();
        return (
          db.insert(n).values({ nonce, windowId, expiresAt }).onConflictDoNothing().run().changes >
          0
        );
      })();
    },

    async putChunk(chunk, caps) {
      return sqlite.transaction(() => {
        const rec = db.select().from(r).where(eq(r.id, chunk.recordingId)).get();
        if (!rec) return undefined;
        const seq = chunk.seq;
        const placed = placeSeq(rec, seq);
        if (typeof placed === 'string') return { refused: placed };
        if (rec.chunks >= caps.maxChunks || rec.bytes + chunk.bytes > caps.maxBytes) {
          return { refused: 'recording_full' as const };
        }
        const w = t.replayWindows;
        const stored = db
          .select({ bytes: w.storedBytes })
          .from(w)
          .where(eq(w.id, rec.windowId))
          .get();
        if ((stored?.bytes ?? 0) + chunk.bytes > caps.maxWindowBytes) {
          return { refused: 'window_full' as const };
        }
        const quarantined = chunk.findings.length > 0;
        const findings: StoredFinding[] = chunk.findings.map((f) => ({ ...f, seq }));
        db.insert(t.replayChunks)
          .values({
            recordingId: rec.id,
            seq,
            windowId: rec.windowId,
            receivedAt: chunk.receivedAt,
            quarantined: quarantined ? 1 : 0,
            data: chunk.data,
          })
          .run();
        db.update(r)
          .set({
            chunks: rec.chunks + 1,
            bytes: rec.bytes + chunk.bytes,
            nextSeq: placed.nextSeq,
            seqMask: placed.seqMask,
            lastSeenAt: chunk.receivedAt,
            quarantinedChunks: rec.quarantinedChunks + (quarantined ? 1 : 0),
            findings: quarantined
              ? JSON.stringify([...(JSON.parse(rec.findings) as StoredFinding[]), ...findings])
              : rec.findings,
          })
          .where(eq(r.id, rec.id))
          .run();
        const win = db
          .update(w)
          .set({
            flaggedChunks: sql`${w.flaggedChunks} + ${quarantined ? 1 : 0}`,
            storedBytes: sql`${w.storedBytes} + ${chunk.bytes}`,
          })
          .where(eq(w.id, rec.windowId))
          .returning({ flagged: w.flaggedChunks, bytes: w.storedBytes })
          .get();
        return { flaggedChunks: win?.flagged ?? 0, windowBytes: win?.bytes ?? 0 };
      })();
    },
    async storedBytes() {
      const w = t.replayWindows;
      return (
        db
          .select({ n: sql<number>`coalesce(sum(${w.storedBytes}), 0)` })
          .from(w)
          .get()?.n ?? 0
      );
    },
    async chunks(recordingId) {
      const c = t.replayChunks;
      return db
        .select({ seq: c.seq, receivedAt: c.receivedAt, quarantined: c.quarantined, data: c.data })
        .from(c)
        .where(eq(c.recordingId, recordingId))
        .orderBy(c.seq)
        .all()
        .map((row) => ({ ...row, quarantined: row.quarantined === 1 }));
    },

    async deleteRecording(id) {
      const counts = deleteRecordings(eq(r.id, id), eq(t.replayChunks.recordingId, id));
      return counts.recordings > 0 ? counts : undefined;
    },
    async deleteWindowData(windowId) {
      const counts = deleteRecordings(
        eq(r.windowId, windowId),
        eq(t.replayChunks.windowId, windowId),
      );
      db.update(t.replayWindows)
        .set({ storedBytes: 0 })
        .where(eq(t.replayWindows.id, windowId))
        .run();
      return counts;
    },
    async reclaimSpace() {
      const mode = sqlite.pragma('auto_vacuum', { simple: true }) as number;
      const pages = sqlite.pragma('page_count', { simple: true }) as number;
      const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
      if (mode === 2) sqlite.pragma('incremental_vacuum');
      else if (pages * pageSize <= FULL_VACUUM_MAX_BYTES) {
        // A file created without incremental auto-vacuum switches once (the mode only takes effect
        // through a VACUUM); from then on each purge frees its pages without rewriting the file.
        sqlite.pragma('auto_vacuum = INCREMENTAL');
        sqlite.exec('VACUUM');
      }
      // A larger file is not rewritten under live ingestion: its freed pages are already zeroed
      // (secure_delete) and SQLite reuses them; `VACUUM` offline gives them back to the disk.
      // Old page images (the destroyed key among them) also leave the write-ahead log.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },

    async recordPlay(play) {
      db.insert(t.replayPlays)
        .values({
          recordingId: play.recordingId,
          userId: play.userId,
          windowId: play.windowId,
          playedAt: play.at,
        })
        .onConflictDoNothing()
        .run();
    },
    async hasPlayed(recordingId, userId) {
      const p = t.replayPlays;
      return (
        db
          .select({ n: p.userId })
          .from(p)
          .where(and(eq(p.recordingId, recordingId), eq(p.userId, userId)))
          .get() !== undefined
      );
    },
    async unreviewedCount(windowId) {
      return (
        db
          .select({ n: sql<number>`count(*)` })
          .from(r)
          .where(and(eq(r.windowId, windowId), isNull(r.reviewedAt)))
          .get()?.n ?? 0
      );
    },
    async quarantineRecording(id, at) {
      securely(() =>
        sqlite.transaction(() => {
          const c = t.replayChunks;
          db.update(c).set({ quarantined: 1, data: null }).where(eq(c.recordingId, id)).run();
          db.update(r)
            .set({
              quarantinedChunks: sql`${r.chunks}`,
              endedAt: sql`coalesce(${r.endedAt}, ${at})`,
            })
            .where(eq(r.id, id))
            .run();
        })(),
      );
    },

    async latch(latch) {
      const l = t.replayLatches;
      db.insert(l)
        .values(latch)
        .onConflictDoUpdate({
          target: l.scope,
          set: { latchedAt: latch.latchedAt, latchedBy: latch.latchedBy, detail: latch.detail },
        })
        .run();
    },
    async latches() {
      return db.select().from(t.replayLatches).orderBy(t.replayLatches.scope).all();
    },
    async unlatch(scope) {
      return db.delete(t.replayLatches).where(eq(t.replayLatches.scope, scope)).run().changes > 0;
    },
  };
}

/** Deletes every replay row of a site (site or org deletion), inside the caller's transaction. */
export function deleteSiteReplaySqlite(db: Db, siteId: number): void {
  const w = t.replayWindows;
  const ids = db
    .select({ id: w.id })
    .from(w)
    .where(eq(w.siteId, siteId))
    .all()
    .map((row) => row.id);
  if (ids.length === 0) return;
  db.delete(t.replayChunks).where(inArray(t.replayChunks.windowId, ids)).run();
  db.delete(t.replayPlays).where(inArray(t.replayPlays.windowId, ids)).run();
  db.delete(t.replayWindowKeys).where(inArray(t.replayWindowKeys.windowId, ids)).run();
  db.delete(t.replayOfferNonces).where(inArray(t.replayOfferNonces.windowId, ids)).run();
  db.delete(t.replayRecordings).where(inArray(t.replayRecordings.windowId, ids)).run();
  db.delete(w).where(eq(w.siteId, siteId)).run();
}
