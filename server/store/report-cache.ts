// SQLite only: per-value sums of pieces of days (report-pieces.ts), kept in memory so that a report
// over a long range reads only the pieces it has not seen. Exact, not "eventually" right: every
// counter write goes through write(), which adds its rows to the pieces covering their site, day
// and dimension once the transaction committed (the same additive upsert the table gets); the whole
// cache is dropped when the database changed any other way — another connection committed (PRAGMA
// data_version) or this connection changed rows outside write() (total_changes(): deletes, purges,
// migrations) — or when a write failed.
import type Database from 'better-sqlite3';
import type { DailyRow } from '../counters/types.js';
import { addToPiece, indexOf, metricCount, pieceSize, type Piece } from './report-pieces.js';

interface Entry {
  siteId: number;
  /** The counters' dimension (a piece's cache key may carry a suffix). */
  dimension: string;
  from: string;
  to: string;
  piece: Piece;
  /** value → position, built when the first write reaches this piece. */
  index?: Map<string, number>;
  /** The piece's values are days (per-day sums of one dimension) rather than the rows' values. */
  byDay: boolean;
  /** Estimated bytes held (valueBytes per value). */
  bytes: number;
}

/**
 * Estimated bytes of one cached value: its characters (UTF-16), its metric sums (8 × 8 bytes), its
 * array slot, string header and index entry. Values are visitor-supplied (paths, props up to a few
 * hundred characters), so the cache is bounded in bytes as well as in values.
 */
export const valueBytes = (value: string) => 2 * value.length + 8 * metricCount + 96;

/** The `kind` of pieces whose values are days: per-day totals for the agency overview. */
export const byDayKind = '\u0000byday';

/** Lookups answered from the cache and not, process-wide (GET /metrics reads them). */
export const reportCacheStats = { hits: 0, misses: 0 };

export class ReportCache {
  /** Map order is least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private readonly bySite = new Map<number, Set<string>>();
  private size = 0;
  private bytes = 0;
  private readonly dataVersion: Database.Statement;
  private readonly totalChanges: Database.Statement;
  private version: unknown;
  private changes: unknown;

  constructor(
    db: Database.Database,
    /** Values held over all pieces. */
    private readonly maxValues = 500_000,
    /** Estimated bytes held over all pieces (valueBytes). */
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.version = this.dataVersion.get();
    this.changes = this.totalChanges.get();
  }

  /** Call before reading pieces: forgets everything if the database changed behind write()'s back. */
  validate(): void {
    const version = this.dataVersion.get();
    const changes = this.totalChanges.get();
    if (version !== this.version || changes !== this.changes) {
      this.clear();
      this.version = version;
      this.changes = changes;
    }
  }

  get(siteId: number, dimension: string, from: string, to: string, kind = ''): Piece | undefined {
    const key = `${siteId}\u0000${dimension}${kind}\u0000${from}\u0000${to}`;
    const entry = this.entries.get(key);
    if (!entry) {
      reportCacheStats.misses++;
      return undefined;
    }
    reportCacheStats.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.piece;
  }

  /** `kind` tells apart pieces of the same days and dimension (e.g. a sum of several pieces). */
  set(siteId: number, dimension: string, from: string, to: string, piece: Piece, kind = ''): Piece {
    const key = `${siteId}\u0000${dimension}${kind}\u0000${from}\u0000${to}`;
    this.remove(key);
    let bytes = 0;
    for (const v of piece.values) bytes += valueBytes(v);
    this.entries.set(key, { siteId, dimension, from, to, piece, byDay: kind === byDayKind, bytes });
    let keys = this.bySite.get(siteId);
    if (!keys) this.bySite.set(siteId, (keys = new Set()));
    keys.add(key);
    this.size += pieceSize(piece);
    this.bytes += bytes;
    this.evict();
    return piece;
  }

  /**
   * Runs a counter write (synchronous, one transaction) of these rows, then adds them to the
   * pieces covering them. Changes this connection made since the last check that did not go
   * through here clear everything first; a failed write clears everything too.
   */
  write<T>(rows: readonly DailyRow[], run: () => T): T {
    if (this.totalChanges.get() !== this.changes) this.clear();
    let done = false;
    try {
      const out = run();
      done = true;
      return out;
    } finally {
      this.changes = this.totalChanges.get();
      if (!done) this.clear();
      else if (this.entries.size > 0) this.addRows(rows);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bySite.clear();
    this.size = 0;
    this.bytes = 0;
  }

  /** Values held (for tests and the benchmark). */
  get heldValues(): number {
    return this.size;
  }

  /** Estimated bytes held (for tests and the benchmark). */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Pieces held (for tests). */
  get heldPieces(): number {
    return this.entries.size;
  }

  private addRows(rows: readonly DailyRow[]): void {
    let lastSite = -1;
    let lastDay = '';
    let covering: Entry[] = [];
    for (const row of rows) {
      if (row.siteId !== lastSite || row.day !== lastDay) {
        lastSite = row.siteId;
        lastDay = row.day;
        covering = [];
        for (const key of this.bySite.get(row.siteId) ?? []) {
          const e = this.entries.get(key)!;
          if (e.from <= row.day && row.day <= e.to) covering.push(e);
        }
      }
      for (const e of covering) {
        if (e.dimension !== row.dimension) continue;
        const before = e.piece.values.length;
        const value = e.byDay ? row.day : row.value;
        addToPiece(e.piece, (e.index ??= indexOf(e.piece)), value, row);
        if (e.piece.values.length !== before) {
          this.size += e.piece.values.length - before;
          e.bytes += valueBytes(value);
          this.bytes += valueBytes(value);
        }
      }
    }
    this.evict();
  }

  private evict(): void {
    for (const oldest of this.entries.keys()) {
      if (this.size <= this.maxValues && this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bySite.get(e.siteId)?.delete(key);
    this.size -= pieceSize(e.piece);
    this.bytes -= e.bytes;
  }
}
