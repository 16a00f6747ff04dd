// Help text generated from the command table, and the nearest command to a typo. Pure. Summaries,
// option descriptions and value names are message keys (messages/en.ts), printed in the user's
// language; command and option names stay as typed.
import type { Command, OptionSpec } from './command.js';
import { cliText, type CliText } from './text.js';

export const program = 'pomelo';

const english = cliText('en');

/** `<IANA zone>`, `<csv|json>`. */
function valueOf(o: OptionSpec, t: CliText): string {
  return `<${o.choices ? o.choices.join('|') : t(o.value ?? 'helpValue')}>`;
}

export function commandUsage(c: Command, t: CliText = english): string {
  const opts = Object.entries(c.options ?? {}).map(([name, o]) =>
    o.type === 'string' ? `[--${name} ${valueOf(o, t)}]` : `[--${name}]`,
  );
  return [program, c.name, c.args && t(c.args), ...opts].filter(Boolean).join(' ');
}

/** `pomelo --help`: every command, one line each. */
export function overview(commands: readonly Command[], t: CliText = english): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    t('helpOverviewUsage', { program }),
    '',
    t('helpCommands'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${t(c.summary)}`),
    '',
    t('helpFooter', { program }),
  ].join('\n');
}

/** `pomelo site add --help`. */
export function commandHelp(c: Command, t: CliText = english): string {
  const options = Object.entries(c.options ?? {}).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${valueOf(o, t)}` : ''}`;
    return `  ${flag.padEnd(28)} ${t(o.description)}`;
  });
  return [
    t('helpUsage', { usage: commandUsage(c, t) }),
    '',
    t(c.summary),
    ...(options.length ? ['', t('helpOptions'), ...options] : []),
    ...(c.details ? ['', t(c.details)] : []),
  ].join('\n');
}

/** Commands under a group word (`pomelo site --help`). */
export function groupHelp(
  group: string,
  commands: readonly Command[],
  t: CliText = english,
): string {
  return [
    t('helpUsage', {
      usage: `${program} ${group} <${commands.map((c) => c.name.split(' ')[1]).join('|')}> …`,
    }),
    '',
    ...commands.map((c) => `  ${commandUsage(c, t)}\n      ${t(c.summary)}`),
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
