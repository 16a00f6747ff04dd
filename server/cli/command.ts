// The shape of one CLI command: the table entry (server/cli/commands.ts) that the dispatcher
// (dispatch.ts) parses with node:util parseArgs, opens the store for, and the help (help.ts) prints.
import type { Config } from '../config.js';
import type { Locale } from '../i18n/locale.js';
import type { Store } from '../store/types.js';
import type { ProgressReporter } from './progress.js';
import type { CliMessageKey, CliText } from './text.js';

/** A refusal the user can fix (bad arguments, nothing to act on): message on stderr, exit code 2. */
export class CliError extends Error {}

/** Help texts are message keys (messages/en.ts): help prints them in the user's language. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** For string options: the value's name in help (`--timezone <IANA zone>`). */
  value?: CliMessageKey;
  /** For string options taking one of a few literal values: shown as typed (`<csv|json>`). */
  choices?: readonly string[];
  description: CliMessageKey;
}

/**
 * What the command needs from the database before it runs:
 * - 'none': nothing opened (help, config, backup and migrate-data open what they name themselves);
 * - 'read': an existing database; refused (exit 2, nothing created) when there is none yet;
 * - 'write': opened, created when missing, migrated.
 */
export type StoreMode = 'none' | 'read' | 'write';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** A progress bar on a terminal, plain lines otherwise (progress.ts); label and unit translated. */
  progress(label: string, total: number, unit?: string, locale?: Locale): ProgressReporter;
}

export interface RunContext<S extends StoreMode = StoreMode> extends CommandIo {
  config: Config;
  store: S extends 'none' ? undefined : Store;
  options: Record<string, string | boolean | undefined>;
  args: string[];
  /** The user's language (config.lang): every message printed for people goes through it. */
  t: CliText;
  /** Where a password comes from (stdin by default; tests give one directly). */
  readPassword?: () => Promise<string>;
}

export interface Command<S extends StoreMode = StoreMode> {
  /** Words typed after `pomelo`, e.g. 'site add'. */
  name: string;
  summary: CliMessageKey;
  /** The positional arguments as help shows them, e.g. 'argsDomain' ('<domain>'). */
  args?: CliMessageKey;
  /** Exact number of positionals, or a range. Default: none. */
  positionals?: number | [min: number, max: number];
  options?: Record<string, OptionSpec>;
  store: S;
  /** Longer help shown by `pomelo NAME --help` after the options. */
  details?: CliMessageKey;
  /** Returns the exit code (0 when omitted). */
  run(ctx: RunContext<S>): Promise<number | void>;
}

/** Keeps each entry's store mode tied to its run() context. */
export const command = <S extends StoreMode>(c: Command<S>): Command<S> => c;

/** Turns a valibot issue list into one line naming the field: `--cap: a number ≤ 10000000`. */
export function issueLine(
  issues: readonly { message: string; path?: readonly { key: unknown }[] }[],
  names: Record<string, string> = {},
): string {
  const issue = issues[0];
  if (!issue) return 'invalid input';
  const key = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${names[key] ?? key}: ${issue.message}`;
}
