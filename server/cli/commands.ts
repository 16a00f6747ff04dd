// Every `pomelo` command, in the order `pomelo --help` lists them. Adding a command = one entry here
// (a `command({...})` from its module): parsing, help, the store and exit codes come from dispatch.ts.
import { describeConfig } from '../config.js';
import { runServer } from '../run.js';
import { backupCommands } from './backup.js';
import { command, type Command } from './command.js';
import { goalCommands } from './goals.js';
import { importCommands } from './imports.js';
import { migrateDataCommand } from './migrate-data.js';
import { replayCommands } from './replay.js';
import { reportCommands } from './reports.js';
import { siteCommands } from './sites.js';
import { userCommands } from './users.js';

const start = command({
  name: 'start',
  summary: 'startSummary',
  store: 'none',
  async run() {
    await runServer();
    // The server keeps the process alive; SIGTERM ends it.
    return new Promise<number>(() => {});
  },
});

const config = command({
  name: 'config',
  summary: 'configSummary',
  store: 'none',
  async run(ctx) {
    for (const line of describeConfig(ctx.config)) ctx.out(line);
  },
});

export const commands: readonly Command[] = [
  start,
  config,
  ...siteCommands,
  ...goalCommands,
  ...reportCommands,
  ...importCommands,
  ...userCommands,
  ...replayCommands,
  ...backupCommands,
  migrateDataCommand,
] as Command[];
