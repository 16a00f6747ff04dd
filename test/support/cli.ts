// Runs one CLI command entry (server/cli/commands.ts) in process, against a store the test holds:
// the same run() the dispatcher calls, with its output collected.
import type { Command } from '../../server/cli/command.js';
import { createProgress } from '../../server/cli/progress.js';
import { cliText } from '../../server/cli/text.js';
import type { Config } from '../../server/config.js';
import type { Store } from '../../server/store/types.js';

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
