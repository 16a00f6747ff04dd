// Online backup and atomic restore of the SQLite database (SQLite's backup API): a consistent copy
// while Pomelo writes, page by page with progress; a restore that swaps the whole file in one rename.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  bytes: number;
  /** PRAGMA integrity_check of the copy: "ok" when it is sound. */
  integrity: string;
}

/** Pages copied so far out of the total (the total can change while a writer grows the file). */
export type PageProgress = (done: number, total: number) => void;

/**
 * What a backup holds. Only the database goes into the file: its -wal and -shm are folded in by the
 * backup API, and everything else in the data directory stays out on purpose (the server's pid file;
 * secrets such as keys kept beside the data, which must not travel with the backups). Add a name
 * to `leftOut` to say why a new file is not backed up; `pomelo backup` lists them.
 */
export const backupContents = {
  database: 'pomelo.db',
  leftOut: ['pomelo.db-wal', 'pomelo.db-shm', 'pomelo.pid'] as string[],
};

/** Files in the data directory that a backup does not carry (besides the database's own). */
export function filesLeftOut(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir)
    .filter((name) => name !== backupContents.database)
    .filter((name) => !['pomelo.db-wal', 'pomelo.db-shm'].includes(name))
    .sort();
}

function copyPages(from: Database.Database, dest: string, progress?: PageProgress) {
  // The API copies a consistent snapshot and restarts if a writer changes pages meanwhile.
  return from.backup(dest, {
    progress({ totalPages, remainingPages }) {
      progress?.(totalPages - remainingPages, totalPages);
      return 256;
    },
  });
}

function syncFile(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function integrityOf(file: string): string {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return copy.pragma('integrity_check', { simple: true }) as string;
  } finally {
    copy.close();
  }
}

/** Copies `file` to `dest` (which must not exist yet) page by page, then checks the copy. */
export async function backupSqlite(
  file: string,
  dest: string,
  progress?: PageProgress,
): Promise<BackupResult> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such database`);
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists: choose a new file name`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await copyPages(source, dest, progress);
  } finally {
    source.close();
  }
  return { bytes: fs.statSync(dest).size, integrity: integrityOf(dest) };
}

/**
 * Replaces the database `live` with the backup `file`, atomically: the backup is copied and checked
 * beside the live file, then renamed over it in one step, so a crash leaves either the old database
 * or the restored one, never a mix. The caller makes sure no server has the database open.
 */
export async function restoreSqlite(
  file: string,
  live: string,
  progress?: PageProgress,
): Promise<BackupResult> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const integrity = integrityOf(file);
  if (integrity !== 'ok') throw new Error(`${file} fails its integrity check: ${integrity}`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const staging = `${live}.restoring`;
  try {
    const isPomelo = source
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sites'")
      .get();
    if (!isPomelo) throw new Error(`${file} is not a Pomelo database (it has no sites table)`);
    fs.mkdirSync(path.dirname(live), { recursive: true });
    fs.rmSync(staging, { force: true });
    await copyPages(source, staging, progress);
  } finally {
    source.close();
  }
  const checked = integrityOf(staging);
  if (checked !== 'ok') {
    fs.rmSync(staging, { force: true });
    throw new Error(`the restored copy fails its integrity check: ${checked}`);
  }
  syncFile(staging);
  if (fs.existsSync(live)) {
    // Fold the old WAL into the old file first: no stale -wal may be replayed onto the new one.
    const old = new Database(live, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
  }
  fs.renameSync(staging, live);
  syncFile(path.dirname(live));
  // The old database's (empty) WAL index, and the staging copy's from its integrity check.
  for (const file of [live, staging])
    for (const extra of [`${file}-wal`, `${file}-shm`]) fs.rmSync(extra, { force: true });
  return { bytes: fs.statSync(live).size, integrity: checked };
}
