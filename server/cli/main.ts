// `pomelo <command>` (the package's bin; `npm run pomelo -- <command>` in a checkout): the headless
// admin interface, one table of commands (commands.ts) run by dispatch.ts.
import { commands } from './commands.js';
import { runCli } from './dispatch.js';
import { createProgress } from './progress.js';

runCli(process.argv.slice(2), commands, {
  env: process.env,
  cwd: process.cwd(),
  io: {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    progress: (label, total, unit, locale) =>
      createProgress(label, total, { stream: process.stderr, unit, locale }),
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pomelo: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
