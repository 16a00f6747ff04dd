// Help text generated from the command table, and the nearest command to a typo. Pure.
import type { Command } from './command.js';

export const program = 'pomelo';

export function commandUsage(c: Command): string {
  const opts = Object.entries(c.options ?? {}).map(([name, o]) =>
    o.type === 'string' ? `[--${name} <${o.value ?? 'value'}>]` : `[--${name}]`,
  );
  return [program, c.name, c.args, ...opts].filter(Boolean).join(' ');
}

/** `pomelo --help`: every command, one line each. */
export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `usage: ${program} <command> [options]   (from a checkout: npm run pomelo -- <command>)`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `\`${program} <command> --help\` shows a command's options. Configuration comes from the`,
    `environment (README, "Configuration"; \`${program} config\` prints it).`,
  ].join('\n');
}

/** `pomelo site add --help`. */
export function commandHelp(c: Command): string {
  const options = Object.entries(c.options ?? {}).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return `  ${flag.padEnd(28)} ${o.description}`;
  });
  return [
    `usage: ${commandUsage(c)}`,
    '',
    c.summary,
    ...(options.length ? ['', 'options:', ...options] : []),
    ...(c.details ? ['', c.details] : []),
  ].join('\n');
}

/** Commands under a group word (`pomelo site --help`). */
export function groupHelp(group: string, commands: readonly Command[]): string {
  return [
    `usage: ${program} ${group} <${commands.map((c) => c.name.split(' ')[1]).join('|')}> …`,
    '',
    ...commands.map((c) => `  ${commandUsage(c)}\n      ${c.summary}`),
  ].join('\n');
}

/** Levenshtein distance (two rows; inputs are short command names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest known name, if it is close enough to be a typo (at most a third of it differs). */
export function nearest(typed: string, names: readonly string[]): string | undefined {
  // The start of a name (`migrate` for `migrate-data`) is the name meant.
  const started = names.find((name) => typed.length >= 3 && name.startsWith(typed));
  if (started) return started;
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(typed, name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.ceil(best.name.length / 3)) ? best.name : undefined;
}
