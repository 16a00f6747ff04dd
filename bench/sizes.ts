// Script sizes: builds the tracker bundles and the replay module, gzips each at level 9 (Node's
// zlib, as tracker/size.test.ts does) and writes the "Script sizes" section of docs/BENCHMARKS.md.
// Run: npx tsx bench/sizes.ts (also part of npm run bench).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeDocSection } from './doc-section.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const budget = 1024;

for (const config of ['tracker/vite.config.ts', 'tracker/replay/vite.config.ts']) {
  execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

const gz = (file: string) => gzipSync(fs.readFileSync(path.join(root, file)), { level: 9 }).length;
const core = gz('tracker/dist/p.js');
const outbound = gz('tracker/dist/p.outbound.js');
const files = gz('tracker/dist/p.files.js');
const debug = gz('tracker/dist/p-debug.js');
const replay = gz('tracker/replay/dist/replay.js');
const tab = gz('tracker/replay/dist/replay-tab.js');
const n = (x: number) => x.toLocaleString('en-US');

const rows = [
  ['`tracker/dist/p.js` (core tracker, incl. the research-window hook)', core, `budget ${n(budget)}, enforced by \`tracker/size.test.ts\``],
  ['`tracker/dist/p.outbound.js` (core + outbound links)', outbound, `${n(outbound - core)} bytes more than the core`],
  ['`tracker/dist/p.files.js` (core + outbound links + file downloads)', files, `${n(files - core)} bytes more than the core`],
  ['`tracker/dist/p-debug.js` (loaded by `data-debug` only)', debug, 'while setting up a site; nothing more is sent'],
  ['`tracker/replay/dist/replay.js` (replay module: rrweb recorder + masking floor)', replay, 'downloaded only for a research window, a sampled visit and given consent'],
  ['`tracker/replay/dist/replay-tab.js` (replay tab loader: continue / withdraw)', tab, 'budget 600, enforced by `tracker/size.test.ts`'],
] as const; // prettier-ignore

writeDocSection(
  ['<!-- bench:sizes:start -->', '<!-- bench:sizes:end -->'],
  [
    '<!-- bench:sizes:start -->',
    '## Script sizes (gzip level 9)',
    '',
    `Written by \`npx tsx bench/sizes.ts\` (also run by \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: it builds the bundles and gzips each with Node's zlib at level 9.`,
    '',
    '| file | bytes gzipped | |',
    '|---|---:|---|',
    ...rows.map(([file, size, note]) => `| ${file} | ${n(size)} | ${note} |`),
    '<!-- bench:sizes:end -->',
  ].join('\n'),
);
console.log(
  `p.js ${core} B, p.outbound.js ${outbound} B, p.files.js ${files} B, p-debug.js ${debug} B, replay.js ${replay} B, replay-tab.js ${tab} B (gzip -9)`,
);
