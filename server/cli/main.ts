// `npm run pomelo -- <command>`: the headless admin interface. Uses the same config as the server.
import { ConfigError, loadConfig } from '../config.js';
import {
  AuditKeyError,
  auditTrailFor,
  bindAuditTrail,
  ensureKeyedChain,
} from '../accounts/audit-trail.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open.js';
import { backupCommand } from './backup.js';
import { migrateDataCommand, migrateDataUsage } from './migrate-data.js';
import { replayCommand, replayUsage } from './replay.js';
import { CliError, siteCommand } from './sites.js';
import { auditCommand, userCommand } from './users.js';

const usage = `usage: npm run pomelo -- <command>
  site add <domain> --timezone <IANA zone> [--name <name>] [--cap <n>]
  site list
  site remove <domain>
  user add <email> [--org <name>] [--role owner|admin|viewer] [--instance-admin]   (password on stdin)
  user reset-password <email>   (password on stdin)
  audit verify | audit export [--format csv|json]
  backup <file>
  ${replayUsage}
  ${migrateDataUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(usage + '\n');
    return command ? 0 : 2;
  }
  // migrate-data names both of its databases: it must not open (or create) the configured one.
  if (command === 'migrate-data') {
    await migrateDataCommand(rest, {
      out: (line) => process.stdout.write(line + '\n'),
      progress: (text) => process.stderr.write(text),
    });
    return 0;
  }
  // backup reads the live SQLite file as it is: no migration, no store of its own.
  if (command === 'backup') {
    await backupCommand(loadConfig(), rest, (line) => process.stdout.write(line + '\n'));
    return 0;
  }
  const config = loadConfig();
  const store = await openStore(config);
  try {
    await store.migrate();
    // The audit key and checkpoints beside the data, as the server uses them (docs/SECURITY.md).
    const trail = auditTrailFor(config);
    bindAuditTrail(store, trail);
    await ensureKeyedChain(
      store,
      trail,
      Date.now(),
      createLogger('warn', (line) => process.stderr.write(line)),
    );
    const out = (line: string) => process.stdout.write(line + '\n');
    switch (command) {
      case 'site':
        await siteCommand(store, rest, out, config);
        return 0;
      case 'user':
        await userCommand(store, rest, out);
        return 0;
      case 'audit':
        return await auditCommand(store, rest, out);
      case 'replay':
        await replayCommand(store, rest, out, config);
        return 0;
      default:
        throw new CliError(`unknown command "${command}"\n${usage}`);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CliError || err instanceof ConfigError || err instanceof AuditKeyError) {
      process.stderr.write(`pomelo: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`pomelo: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
