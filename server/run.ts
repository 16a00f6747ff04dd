// Runs the server process: config from the environment, open + migrate the store, serve; SIGTERM
// drains. Called by server/main.ts (`npm start`) and by `pomelo start` (server/cli/commands.ts).
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { writePidFile } from './pid-file.js';
import { describeStore, openStore } from './store/open.js';
import { startPomelo } from './server.js';

export async function runServer(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pomelo: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const store = await openStore(config);
  const pomelo = await startPomelo({ config, store, log });
  // `pomelo restore` refuses to swap the SQLite file under a running server (pid-file.ts).
  const removePidFile = config.databaseUrl ? () => {} : writePidFile(config.dataDir);
  // Before the "listening" line: a supervisor that signals as soon as it reads that line must find
  // the handler in place (without one, Node's default action kills the process without draining).
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    pomelo.stop().then(
      () => {
        removePidFile();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  log.info(`Pomelo listening on ${pomelo.url}`, { database: describeStore(config) });
  process.stdout.write(`Pomelo is listening on ${pomelo.url} (data: ${describeStore(config)})\n`);
  if (pomelo.setupUrl) {
    // Printed once to the terminal, never logged: the token creates the first owner, once.
    process.stdout.write(
      `\nNo account exists yet. Open this link to create the first owner (it works once):\n  ${pomelo.setupUrl}\n\n`,
    );
  }
}
