// Online backup of the SQLite database (SQLite's backup API): a consistent copy while Pomelo writes.
import fs from 'node:fs';
import Database from 'better-sqlite3';

export interface BackupResult {
  bytes: number;
  /** PRAGMA integrity_check of the copy: "ok" when it is sound. */
  integrity: string;
}

/** Copies `file` to `dest` (which must not exist yet) page by page, then checks the copy. */
export async function backupSqlite(file: string, dest: string): Promise<BackupResult> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such database`);
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists: choose a new file name`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // The API copies a consistent snapshot and restarts if a writer changes pages meanwhile.
    await source.backup(dest);
  } finally {
    source.close();
  }
  const copy = new Database(dest, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true }) as string;
    return { bytes: fs.statSync(dest).size, integrity };
  } finally {
    copy.close();
  }
}
