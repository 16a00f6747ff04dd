// `pomelo backup <file>` (online: a consistent copy while the server keeps running) and
// `pomelo restore <file>` (atomic; refused while a server uses the data directory). SQLite only:
// PostgreSQL has pg_dump / pg_restore (docs/DEPLOY.md, "Backups").
import type { Config } from '../config.js';
import { runningServer } from '../pid-file.js';
import { backupSqlite, filesLeftOut, restoreSqlite } from '../store/sqlite-backup.js';
import { sqliteFile } from '../store/sqlite.js';
import { command, CliError, type CommandIo } from './command.js';
import type { CliText } from './text.js';

function sqliteOnly(config: Config, refusal: string): string {
  if (config.databaseUrl) throw new CliError(refusal);
  return sqliteFile(config.dataDir);
}

const pages = (io: CommandIo, t: CliText, label: string) => {
  let bar: ReturnType<CommandIo['progress']> | undefined;
  return {
    update: (done: number, total: number) =>
      (bar ??= io.progress(label, total, t('unitPages'))).update(done),
    finish: () => bar?.finish(),
  };
};

export const backup = command({
  name: 'backup',
  summary: 'backupSummary',
  args: 'argsFile',
  positionals: 1,
  store: 'none',
  details: 'backupDetails',
  async run(ctx) {
    const { t } = ctx;
    const file = sqliteOnly(ctx.config, t('backupPostgres', { tool: 'pg_dump -Fc' }));
    const dest = ctx.args[0]!;
    const progress = pages(ctx, t, t('progressBackup'));
    let result;
    try {
      result = await backupSqlite(file, dest, progress.update);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    progress.finish();
    if (result.integrity !== 'ok') {
      throw new Error(t('integrityFailed', { result: result.integrity }));
    }
    const leftOut = filesLeftOut(ctx.config.dataDir);
    ctx.out(t('backedUp', { file, dest, kb: String(Math.ceil(result.bytes / 1024)) }));
    if (leftOut.length) ctx.out(t('notInBackup', { files: leftOut.join(', ') }));
  },
});

export const restore = command({
  name: 'restore',
  summary: 'restoreSummary',
  args: 'argsFile',
  positionals: 1,
  store: 'none',
  details: 'restoreDetails',
  async run(ctx) {
    const { t } = ctx;
    const live = sqliteOnly(ctx.config, t('restorePostgres', { tool: 'pg_restore' }));
    const pid = runningServer(ctx.config.dataDir);
    if (pid !== undefined) {
      throw new CliError(t('serverRunning', { pid: String(pid), dir: ctx.config.dataDir }));
    }
    const progress = pages(ctx, t, t('progressRestore'));
    let result;
    try {
      result = await restoreSqlite(ctx.args[0]!, live, progress.update);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    progress.finish();
    ctx.out(
      t('restored', { file: ctx.args[0]!, dest: live, kb: String(Math.ceil(result.bytes / 1024)) }),
    );
  },
});

export const backupCommands = [backup, restore];
