// From argv to a finished command: find the table entry (or suggest the nearest), print help, parse
// with node:util parseArgs, check the configuration, open the store the entry asks for, run it.
// Nothing is opened or created before a command is known and its arguments are valid.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AuditKeyError,
  auditTrailFor,
  bindAuditTrail,
  ensureKeyedChain,
} from '../accounts/audit-trail.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open.js';
import { sqliteFile } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { CliError, type Command, type CommandIo, type RunContext } from './command.js';
import { commandHelp, groupHelp, nearest, overview, program } from './help.js';

export interface CliEnv {
  env: Record<string, string | undefined>;
  cwd: string;
  io: CommandIo;
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

/** Resolves a command, or returns the help text / refusal to print and the exit code. */
export function resolve(
  argv: readonly string[],
  commands: readonly Command[],
): { command: Command; rest: string[] } | { text: string; code: number } {
  const [first, second] = argv;
  if (first === undefined) return { text: overview(commands), code: 2 };
  if (isHelp(first)) return { text: overview(commands), code: 0 };
  if (first === 'help') {
    const wanted = argv.slice(1).join(' ');
    if (!wanted) return { text: overview(commands), code: 0 };
    const found = resolve(argv.slice(1), commands);
    if (!('text' in found)) return { text: commandHelp(found.command), code: 0 };
    // `help site` lists the group (0); `help frobnicate` is still an unknown command (2).
    return { text: found.text, code: found.text.includes('unknown command') ? 2 : 0 };
  }
  const exact =
    commands.find((c) => second !== undefined && c.name === `${first} ${second}`) ??
    commands.find((c) => c.name === first);
  if (exact) return { command: exact, rest: argv.slice(exact.name.split(' ').length) };
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    if (second === undefined || isHelp(second)) {
      return { text: groupHelp(first, group), code: second === undefined ? 2 : 0 };
    }
    const verbs = group.map((c) => c.name.split(' ')[1]!);
    const guess = nearest(second, verbs);
    return {
      text: `${program}: unknown command "${first} ${second}"${guess ? `; did you mean "${first} ${guess}"?` : ''}\n\n${groupHelp(first, group)}`,
      code: 2,
    };
  }
  const words = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const guess = nearest(first, [...words, ...commands.map((c) => c.name)]);
  return {
    text: `${program}: unknown command "${first}"${guess ? `; did you mean "${guess}"?` : ''} (${program} --help lists them)`,
    code: 2,
  };
}

function parse(command: Command, rest: string[]) {
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short && { short: o.short }) },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${program} ${command.name} --help)`);
  }
  const [min, max] =
    typeof command.positionals === 'number'
      ? [command.positionals, command.positionals]
      : (command.positionals ?? [0, 0]);
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    throw new CliError(
      `${command.name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}${command.args ? ` (${command.args})` : ''}, got ${n} (${program} ${command.name} --help)`,
    );
  }
  return { options: parsed.values as RunContext['options'], args: parsed.positionals };
}

async function openFor(command: Command, config: Config): Promise<Store | undefined> {
  if (command.store === 'none') return undefined;
  if (command.store === 'read' && !config.databaseUrl) {
    const file = sqliteFile(config.dataDir);
    if (!fs.existsSync(file)) {
      throw new CliError(
        `no Pomelo database at ${file}: nothing to read (set POMELO_DATA_DIR to the data directory)`,
      );
    }
  }
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
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** Runs one command line; returns the exit code (2: a usage or configuration problem). */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  { env, cwd, io }: CliEnv,
): Promise<number> {
  try {
    const found = resolve(argv, commands);
    if ('text' in found) {
      (found.code === 0 ? io.out : io.err)(found.text);
      return found.code;
    }
    const { command, rest } = found;
    if (rest.some(isHelp)) {
      io.out(commandHelp(command));
      return 0;
    }
    const { options, args } = parse(command, rest);
    const config = loadConfig(env, cwd);
    const store = await openFor(command, config);
    try {
      const code = await command.run({ ...io, config, store, options, args } as RunContext);
      return code ?? 0;
    } finally {
      await store?.close();
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError || err instanceof AuditKeyError) {
      io.err(`${program}: ${err.message}`);
      return 2;
    }
    io.err(`${program}: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}
