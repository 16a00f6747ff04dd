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
import { ConfigError, loadConfig, terminalLocale, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open.js';
import { sqliteFile } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { CliError, type Command, type CommandIo, type RunContext } from './command.js';
import { databaseLabel } from './database-label.js';
import { commandHelp, groupHelp, nearest, overview, program } from './help.js';
import { cliText, type CliText } from './text.js';

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
  t: CliText = cliText('en'),
): { command: Command; rest: string[] } | { text: string; code: number; unknown?: true } {
  const [first, second] = argv;
  if (first === undefined) return { text: overview(commands, t), code: 2 };
  if (isHelp(first)) return { text: overview(commands, t), code: 0 };
  if (first === 'help') {
    const wanted = argv.slice(1).join(' ');
    if (!wanted) return { text: overview(commands, t), code: 0 };
    const found = resolve(argv.slice(1), commands, t);
    if (!('text' in found)) return { text: commandHelp(found.command, t), code: 0 };
    // `help site` lists the group (0); `help frobnicate` is still an unknown command (2).
    return { text: found.text, code: found.unknown ? 2 : 0 };
  }
  const exact =
    commands.find((c) => second !== undefined && c.name === `${first} ${second}`) ??
    commands.find((c) => c.name === first);
  if (exact) return { command: exact, rest: argv.slice(exact.name.split(' ').length) };
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    if (second === undefined || isHelp(second)) {
      return { text: groupHelp(first, group, t), code: second === undefined ? 2 : 0 };
    }
    const verbs = group.map((c) => c.name.split(' ')[1]!);
    const guess = nearest(second, verbs);
    const typed = `${first} ${second}`;
    const refusal = guess
      ? t('unknownGroupCommandGuess', { typed, guess: `${first} ${guess}` })
      : t('unknownGroupCommand', { typed });
    return {
      text: `${program}: ${refusal}\n\n${groupHelp(first, group, t)}`,
      code: 2,
      unknown: true,
    };
  }
  const words = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const guess = nearest(first, [...words, ...commands.map((c) => c.name)]);
  const refusal = guess
    ? t('unknownCommandGuess', { typed: first, guess, program })
    : t('unknownCommand', { typed: first, program });
  return { text: `${program}: ${refusal}`, code: 2, unknown: true };
}

/** node:util parseArgs refusals in the user's language (Node's own text for any other). */
function parseRefusal(err: Error & { code?: string }, help: string, t: CliText): string {
  const option = /'[^']+'/.exec(err.message)?.[0];
  if (option && err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return t('argUnknownOption', { option, help });
  }
  if (option && err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(err.message)
      ? t('argMissingValue', { option, help })
      : t('argNoValue', { option, help });
  }
  return `${err.message} (${help})`;
}

function parse(command: Command, rest: string[], t: CliText) {
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short && { short: o.short }) },
    ]),
  );
  const help = `${program} ${command.name} --help`;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(parseRefusal(err as Error, help, t));
  }
  const [min, max] =
    typeof command.positionals === 'number'
      ? [command.positionals, command.positionals]
      : (command.positionals ?? [0, 0]);
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const args = command.args ? ` (${t(command.args)})` : '';
    const values = { command: command.name, min, max, args, got: n, help };
    throw new CliError(t(min === max ? 'argCount' : 'argCountRange', values));
  }
  return { options: parsed.values as RunContext['options'], args: parsed.positionals };
}

async function openFor(
  command: Command,
  config: Config,
  t: CliText,
  say: (line: string) => void,
): Promise<Store | undefined> {
  if (command.store === 'none') return undefined;
  if (command.store === 'read' && !config.databaseUrl) {
    const file = sqliteFile(config.dataDir);
    if (!fs.existsSync(file)) {
      throw new CliError(t('noDatabase', { file }));
    }
  }
  // One line on stderr naming the database (never its password), before opening it: a command run
  // against the wrong data directory or URL says so, and so does a failure to open it.
  const label = databaseLabel(config, sqliteFile);
  say(label.engine === 'SQLite' ? t('databaseSqlite', label) : t('databasePg', label));
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
    // The language first: help and refusals are printed before the rest of the configuration is
    // read (an invalid POMELO_LANG is refused here, exit 2).
    const locale = terminalLocale(env);
    const t = cliText(locale);
    const found = resolve(argv, commands, t);
    if ('text' in found) {
      (found.code === 0 ? io.out : io.err)(found.text);
      return found.code;
    }
    const { command, rest } = found;
    if (rest.some(isHelp)) {
      io.out(commandHelp(command, t));
      return 0;
    }
    const { options, args } = parse(command, rest, t);
    const config = loadConfig(env, cwd);
    const store = await openFor(command, config, t, io.err);
    const progress: CommandIo['progress'] = (label, total, unit) =>
      io.progress(label, total, unit, locale);
    try {
      const code = await command.run({
        ...io,
        progress,
        t,
        config,
        store,
        options,
        args,
      } as RunContext);
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
