// Builds the tracker and dashboard once before the suites run, so tests use the real served files.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'tracker/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
}
