// The server's pid file in the SQLite data directory: `pomelo restore` refuses to swap the database
// under a running server. Written at start, removed at stop; a stale file (after a crash or kill -9)
// names a process that no longer exists and is ignored.
import fs from 'node:fs';
import path from 'node:path';

export const pidFileName = 'pomelo.pid';

export function writePidFile(dataDir: string, pid = process.pid): () => void {
  const file = path.join(dataDir, pidFileName);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  };
}

/** The pid of a live server using this data directory, or undefined. */
export function runningServer(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, pidFileName), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to another user (e.g. the service account).
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
