// Builds everything once before the suites run (`npm run build`: tracker, dashboard, precompressed
// assets and the server bundle), so tests use the real served files and can run the built server.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
