// `npm start` runs this first: it runs `npm run build` only when a source file is newer than the last
// build (or nothing was built yet), so a fresh clone builds once and a restart starts at once.
// `node scripts/build-if-stale.mjs --stamp` (the end of `npm run build`) records a finished build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const stamp = 'build/.built';
const sources = ['server', 'drizzle', 'tracker', 'dashboard', 'package.json'];
const skip = new Set(['node_modules', 'dist', 'build']);

function newest(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (skip.has(entry)) continue;
    latest = Math.max(latest, newest(path.join(target, entry)));
  }
  return latest;
}

if (process.argv.includes('--stamp')) {
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const outputs = ['build/server/main.js', 'tracker/dist/p.js', 'dashboard/dist/index.html'];
  const missing = outputs.some((file) => !fs.existsSync(file));
  // Installed from the package (no sources beside the build): nothing to build.
  const fromSource = fs.existsSync('server/main.ts');
  if (fromSource && (missing || sources.some((s) => newest(s) > built))) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
}
