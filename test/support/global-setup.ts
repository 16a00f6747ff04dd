// Builds the tracker and dashboard once before the suites run, so tests use the real served files.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  for (const config of [
    'tracker/vite.config.ts',
    'tracker/replay/vite.config.ts',
    'dashboard/vite.config.ts',
  ]) {
    execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
  }
}
