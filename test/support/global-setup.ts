// Before the suites run: under CI=true or POMELO_REQUIRE_ALL=1 every prerequisite is checked first
// (a missing one fails the run, named); then `npm run build` (tracker, dashboard, precompressed
// assets, the server bundle), so tests use the real served files and can run the built server.
// POMELO_SKIP_BUILD=1 skips the build (a nested run inside a test, which must not rebuild the
// files other suites are serving).
import { execFileSync } from 'node:child_process';
import { missingMessage, prerequisites, requireAll } from './prerequisites.js';

export default function setup(): void {
  if (requireAll) {
    const missing = Object.values(prerequisites).filter((p) => !p.check());
    if (missing.length > 0) throw new Error(missing.map(missingMessage).join('\n'));
  }
  if (process.env.POMELO_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
