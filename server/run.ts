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
  if (config.trustedProxies.size > 0 && !config.publicUrl && config.allowedOrigins.length === 0) {
    // Behind a proxy the browser's origin is the proxy's; without one configured, the CSRF check
    // (which never trusts Host) refuses every change made through it.
    log.warn(
      'POMELO_TRUSTED_PROXIES is set but POMELO_PUBLIC_URL is not: set it to the address people use, or the dashboard cannot change anything through the proxy',
    );
  }
  if (config.databaseUrl && !config.secondFactorKey) {
    // Each node would make its own key file: an authenticator app set up through one node would
    // not open on another (docs/SECURITY.md, "Second factor").
    log.warn(
      'POMELO_SECOND_FACTOR_KEY is not set: give every node sharing the database the same key',
    );
  }
  process.stdout.write(`Pomelo is listening on ${pomelo.url} (data: ${describeStore(config)})\n`);
  if (pomelo.setupUrl) {
    // Printed once as plain text on stderr, apart from the JSON log lines on stdout, and never
    // logged: the token creates the first owner, once, within the hour (a restart prints a new one).
    process.stderr.write(
      `\nNo account exists yet. Open this link within the hour to create the first owner (it works once; restart Pomelo for a new link):\n  ${pomelo.setupUrl}\n\n`,
    );
  }
}
