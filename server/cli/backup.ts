// `pomelo backup <file>`: a consistent copy of the SQLite database while the server keeps running.
import type { Config } from '../config.js';
import { backupSqlite } from '../store/sqlite-backup.js';
import { sqliteFile } from '../store/sqlite.js';
import { CliError } from './sites.js';

export async function backupCommand(
  config: Config,
  args: string[],
  out: (line: string) => void,
): Promise<void> {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new CliError('usage: backup <file>');
  if (config.databaseUrl) {
    throw new CliError(
      'POMELO_DATABASE_URL is set: back PostgreSQL up with pg_dump -Fc (docs/DEPLOY.md, "Backups")',
    );
  }
  const file = sqliteFile(config.dataDir);
  let result;
  try {
    result = await backupSqlite(file, args[0]!);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (result.integrity !== 'ok') {
    throw new Error(`the copy failed its integrity check: ${result.integrity}`);
  }
  out(`backed up ${file} to ${args[0]} (${Math.ceil(result.bytes / 1024)} KB, integrity ok)`);
}
