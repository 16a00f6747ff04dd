// `pomelo backup <file>` (online: a consistent copy while the server keeps running) and
// `pomelo restore <file>` (atomic; refused while a server uses the data directory). SQLite only:
// PostgreSQL has pg_dump / pg_restore (docs/DEPLOY.md, "Backups").
import type { Config } from '../config.js';
import { runningServer } from '../pid-file.js';
import { backupSqlite, filesLeftOut, restoreSqlite } from '../store/sqlite-backup.js';
import { sqliteFile } from '../store/sqlite.js';
import { command, CliError, type CommandIo } from './command.js';

function sqliteOnly(config: Config, verb: string, tool: string): string {
  if (config.databaseUrl) {
    throw new CliError(
      `POMELO_DATABASE_URL is set: ${verb} PostgreSQL with ${tool} (docs/DEPLOY.md, "Backups")`,
    );
  }
  return sqliteFile(config.dataDir);
}

const pages = (io: CommandIo, label: string) => {
  let bar: ReturnType<CommandIo['progress']> | undefined;
  return {
    update: (done: number, total: number) =>
      (bar ??= io.progress(label, total, 'pages')).update(done),
    finish: () => bar?.finish(),
  };
};

export const backup = command({
  name: 'backup',
  summary: 'copy the SQLite database to a new file while Pomelo keeps running',
  args: '<file>',
  positionals: 1,
  store: 'none',
  details:
    'The copy is checked (PRAGMA integrity_check). Files beside the database (the pid file, keys) are not copied.',
  async run(ctx) {
    const file = sqliteOnly(ctx.config, 'back up', 'pg_dump -Fc');
    const dest = ctx.args[0]!;
    const progress = pages(ctx, 'backup');
    let result;
    try {
      result = await backupSqlite(file, dest, progress.update);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    progress.finish();
    if (result.integrity !== 'ok') {
      throw new Error(`the copy failed its integrity check: ${result.integrity}`);
    }
    const leftOut = filesLeftOut(ctx.config.dataDir);
    ctx.out(`backed up ${file} to ${dest} (${Math.ceil(result.bytes / 1024)} KB, integrity ok)`);
    if (leftOut.length) ctx.out(`not in the backup: ${leftOut.join(', ')}`);
  },
});

export const restore = command({
  name: 'restore',
  summary: 'replace the SQLite database with a backup (stop the server first)',
  args: '<file>',
  positionals: 1,
  store: 'none',
  details:
    'The backup is checked, copied beside the database and renamed over it in one step. Refused while a server runs on the data directory. Start the server afterwards: it migrates an older backup.',
  async run(ctx) {
    const live = sqliteOnly(ctx.config, 'restore', 'pg_restore');
    const pid = runningServer(ctx.config.dataDir);
    if (pid !== undefined) {
      throw new CliError(
        `a Pomelo server (pid ${pid}) is using ${ctx.config.dataDir}: stop it, then restore`,
      );
    }
    const progress = pages(ctx, 'restore');
    let result;
    try {
      result = await restoreSqlite(ctx.args[0]!, live, progress.update);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    progress.finish();
    ctx.out(
      `restored ${ctx.args[0]} to ${live} (${Math.ceil(result.bytes / 1024)} KB, integrity ok)`,
    );
  },
});

export const backupCommands = [backup, restore];
