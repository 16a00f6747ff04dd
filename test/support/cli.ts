// The CLI in tests: one command entry run in process against a store the test holds (runCommand),
// or the built CLI as a child process (builtCli).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Command } from '../../server/cli/command.js';
import { createProgress } from '../../server/cli/progress.js';
import { cliText } from '../../server/cli/text.js';
import type { Config } from '../../server/config.js';
import type { Store } from '../../server/store/types.js';

const execFileAsync = promisify(execFile);

export async function runCommand(
  command: Command,
  ctx: {
    config: Config;
    store?: Store;
    args?: string[];
    options?: Record<string, string | boolean | undefined>;
    readPassword?: () => Promise<string>;
  },
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await command.run({
    config: ctx.config,
    store: ctx.store,
    args: ctx.args ?? [],
    options: ctx.options ?? {},
    readPassword: ctx.readPassword,
    t: cliText(ctx.config.lang),
    out: (line: string) => lines.push(line),
    err: (line: string) => lines.push(line),
    progress: (label: string, total: number, unit?: string) =>
      createProgress(label, total, {
        stream: { write: () => true } as never,
        unit,
        locale: ctx.config.lang,
      }),
  } as never);
  return { code: code ?? 0, lines };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const localeVariables = ['POMELO_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'];

/**
 * The built CLI (build/server/cli/main.js, built by the global setup) as a person runs it: a child
 * process with `env` over this process's environment. It speaks English whatever the developer's
 * locale (the locale variables are dropped unless `env` sets them), and opens SQLite unless `env`
 * names a database.
 */
export function builtCli(
  env: Record<string, string> = {},
  options: { timeout?: number } = {},
): (...args: string[]) => Promise<CliResult> {
  const base: Record<string, string | undefined> = { ...process.env, POMELO_DATABASE_URL: '' };
  for (const name of localeVariables) delete base[name];
  return async (...args) => {
    try {
      const { stdout, stderr } = await execFileAsync(
        'node',
        [path.join(projectRoot, 'build/server/cli/main.js'), ...args],
        { cwd: projectRoot, env: { ...base, ...env }, timeout: options.timeout ?? 60_000 },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}
