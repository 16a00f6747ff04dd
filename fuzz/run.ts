// The long fuzzing run: `npm run fuzz` (tsx fuzz/run.ts). Runs the properties of
// test/fuzz/properties.ts with ≥ 100,000 cases in all under a random seed (printed, so a failure
// can be replayed), prints a summary and rewrites its own section of docs/RELIABILITY.md.
//
//   FUZZ_SEED=<n>          replay with this seed (default: random)
//   FUZZ_SCALE=<x>         multiply every property's case count (default 1; 0.1 for a quick run)
//   FUZZ_ONLY=<text>       run only the properties whose name contains <text>
//   FUZZ_PATH=<path>       with FUZZ_SEED and FUZZ_ONLY: replay one counterexample path
//   FUZZ_WRITE=0           do not touch docs/RELIABILITY.md
//   FUZZ_PATTERN_STARS=<n> most `*` in the crafted `/a*a*…b` excluded path (default 40; a
//                          backtracking path matcher blocks the in-process server on it)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  type FuzzProperty,
  type HttpFuzzContext,
  allProperties,
  startHttpFuzz,
} from '../test/fuzz/properties.js';
import {
  type ApiFuzzContext,
  type ApiFuzzProperty,
  apiProperties,
  startApiFuzz,
} from '../test/fuzz/api-properties.js';
import {
  type ReplayFuzzContext,
  type ReplayFuzzProperty,
  replayProperties,
  startReplayFuzz,
} from '../test/fuzz/replay-properties.js';
import {
  type ImportFuzzContext,
  type ImportFuzzProperty,
  importProperties,
  startImportFuzz,
} from '../test/fuzz/import-properties.js';

/**
 * Cases per kind at scale 1 (≥ 100,000 in all, about 3 minutes on 2 busy cores): the pure modules,
 * ingestion over HTTP, the other public routes (Stats API, replay, goal definitions) over HTTP, the
 * replay surfaces behind a sign-in (window settings, chunks on a live recording, site patterns) and
 * import files uploaded to the import route.
 */
const CASES = { pure: 80_000, http: 17_000, api: 12_000, replay: 3_000, imports: 3_000 } as const;
type AnyProperty = FuzzProperty | ApiFuzzProperty | ReplayFuzzProperty | ImportFuzzProperty;
const everyProperty: AnyProperty[] = [
  ...allProperties,
  ...apiProperties,
  ...replayProperties,
  ...importProperties,
];
const COMMAND = 'npm run fuzz';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docFile = path.join(root, 'docs', 'RELIABILITY.md');
const START = '<!-- fuzz:start -->';
const END = '<!-- fuzz:end -->';

interface Outcome {
  property: AnyProperty;
  planned: number;
  ran: number;
  failed: boolean;
  ms: number;
  report?: string;
}

function casesFor(p: AnyProperty, scale: number): number {
  const pool = everyProperty.filter((q) => q.kind === p.kind);
  const weights = pool.reduce((sum, q) => sum + q.weight, 0);
  const total = CASES[p.kind];
  return Math.max(1, Math.round(((total * p.weight) / weights) * scale));
}

const fmt = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const seed = process.env.FUZZ_SEED
    ? Number(process.env.FUZZ_SEED)
    : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const scale = process.env.FUZZ_SCALE ? Number(process.env.FUZZ_SCALE) : 1;
  const only = process.env.FUZZ_ONLY;
  const replayPath = process.env.FUZZ_PATH;
  if (!Number.isInteger(seed) || !(scale > 0))
    throw new Error('FUZZ_SEED must be an integer, FUZZ_SCALE > 0');
  const chosen = everyProperty.filter((p) => !only || p.name.includes(only));
  console.log(`fuzz: seed ${seed} (replay: FUZZ_SEED=${seed} ${COMMAND}), scale ${scale}`);

  const outcomes: Outcome[] = [];
  let ctx: HttpFuzzContext | null = null;
  let apiCtx: ApiFuzzContext | null = null;
  let replayCtx: ReplayFuzzContext | null = null;
  let importCtx: ImportFuzzContext | null = null;
  const started = performance.now();
  try {
    for (const p of chosen) {
      if (p.kind === 'http' && !ctx) ctx = await startHttpFuzz();
      if (p.kind === 'api' && !apiCtx) apiCtx = await startApiFuzz();
      if (p.kind === 'replay' && !replayCtx) {
        const stars = Number(process.env.FUZZ_PATTERN_STARS ?? 40);
        replayCtx = await startReplayFuzz({ adversarialStars: stars });
      }
      if (p.kind === 'imports' && !importCtx) importCtx = await startImportFuzz();
      const planned = casesFor(p, scale);
      process.stdout.write(`  ${p.name}: ${fmt(planned)} cases … `);
      const t0 = performance.now();
      const property =
        p.kind === 'api'
          ? (p.property(apiCtx!) as fc.IAsyncProperty<[unknown]>)
          : p.kind === 'replay'
            ? (p.property(replayCtx!) as fc.IAsyncProperty<[unknown]>)
            : p.kind === 'imports'
              ? (p.property(importCtx!) as fc.IAsyncProperty<[unknown]>)
              : p.property(ctx);
      const details = await fc.check(property, {
        seed,
        numRuns: planned,
        ...(replayPath ? { path: replayPath } : {}),
      });
      if (p.kind === 'http' && ctx && !details.failed) ctx.verifyTotals();
      const ms = performance.now() - t0;
      const outcome: Outcome = {
        property: p,
        planned,
        ran: details.numRuns,
        failed: details.failed,
        ms,
      };
      if (details.failed) {
        const error =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        outcome.report = [
          `FAILED after ${details.numRuns} cases (${details.numShrinks} shrinks)`,
          `    error: ${error}`,
          `    counterexample: ${JSON.stringify(details.counterexample)?.slice(0, 2000)}`,
          `    replay: FUZZ_SEED=${seed} FUZZ_ONLY=${JSON.stringify(p.name)} FUZZ_PATH=${JSON.stringify(details.counterexamplePath)} ${COMMAND}`,
        ].join('\n');
      }
      console.log(details.failed ? outcome.report : `ok (${secs(ms)})`);
      outcomes.push(outcome);
    }
  } finally {
    await ctx?.close();
    await apiCtx?.close();
    await replayCtx?.close();
    await importCtx?.close();
  }
  const totalMs = performance.now() - started;
  const cases = outcomes.reduce((s, o) => s + o.ran, 0);
  const failures = outcomes.filter((o) => o.failed).length;

  const rows = [
    '| property | kind | cases | failures | duration |',
    '|---|---|---:|---:|---:|',
    ...outcomes.map(
      (o) =>
        `| ${o.property.name} | ${o.property.kind} | ${fmt(o.ran)} | ${o.failed ? 1 : 0} | ${secs(o.ms)} |`,
    ),
    `| **total** | | **${fmt(cases)}** | **${failures}** | **${secs(totalMs)}** |`,
  ];
  console.log(`\n${rows.join('\n')}\n`);
  console.log(
    `fuzz: ${fmt(cases)} cases, ${failures} failing properties, ${secs(totalMs)}, seed ${seed}`,
  );
  console.log(`fuzz: machine ${machine()}`);

  if (process.env.FUZZ_WRITE !== '0' && !only && !replayPath)
    writeDoc({ seed, scale, rows, cases, failures, totalMs, outcomes });
  return failures === 0 ? 0 : 1;
}

function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${gib} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load} (1/5/15 min) when the run ended`;
}

function writeDoc(r: {
  seed: number;
  scale: number;
  rows: string[];
  cases: number;
  failures: number;
  totalMs: number;
  outcomes: Outcome[];
}): void {
  const section = [
    START,
    '## Fuzzing',
    '',
    '_This section is written by `fuzz/run.ts`; edit the script, not the text._',
    '',
    `Command: \`${COMMAND}\` (\`npx tsx fuzz/run.ts\`)${r.scale !== 1 ? ` with \`FUZZ_SCALE=${r.scale}\`` : ''}  `,
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${machine()}  `,
    `Seed: ${r.seed} (replay with \`FUZZ_SEED=${r.seed} ${COMMAND}\`)`,
    '',
    `Result: **${fmt(r.cases)} cases, ${r.failures} failing ${r.failures === 1 ? 'property' : 'properties'}, ${secs(r.totalMs)}.**`,
    '',
    ...r.rows,
    '',
    ...r.outcomes
      .filter((o) => o.report)
      .flatMap((o) => [`- ${o.property.name}: ${o.report!.replace(/\n\s*/g, ' — ')}`, '']),
    'The properties live in `test/fuzz/properties.ts`, the generators in `test/fuzz/arbitraries.ts`;',
    'the API properties in `test/fuzz/api-properties.ts` and `test/fuzz/api-arbitraries.ts`.',
    'the replay properties in `test/fuzz/replay-properties.ts` and `test/fuzz/replay-arbitraries.ts`;',
    'the import properties in `test/fuzz/import-properties.ts` and `test/fuzz/import-arbitraries.ts`.',
    '`test/fuzz/ingest.fuzz.test.ts`, `test/fuzz/api.fuzz.test.ts`, `test/fuzz/replay.fuzz.test.ts` and',
    '`test/fuzz/imports.fuzz.test.ts` run the same properties with seed 42 and ~1,500 + 900 + 140 + 80',
    'cases in `npm test` (the last also fuzzes the import parsers on SQLite and PostgreSQL).',
    '',
    '- **pure**: `sanitiseText` output never holds a control, bidi or zero-width character or a lone',
    '  surrogate, is bounded and idempotent; `parseJsonBody` + `validatePayload` never throw on any text',
    '  and what they accept respects every bound of docs/WIRE.md (unique, non-reserved prop keys);',
    '  validate → classify → deltas gives exactly the counter changes an independent model predicts;',
    '  URL, path, referrer, campaign, domain, User-Agent, bot, timezone and device classifiers never',
    '  throw, and a token placed in a real User-Agent never comes out as a browser or OS name.',
    '- **http** (a real server on a fresh SQLite file, its clock one day further per case within a',
    '  300-day window): never a 5xx; 202 with an empty body or a 4xx with `{error: {code, message}}`;',
    '  413 exactly above 4,096 bytes; no `Set-Cookie`;',
    '  a 4xx commits nothing (SQLite `data_version` unchanged); a valid-shaped event gets the predicted',
    '  status and code and changes exactly the predicted counter rows of its site, day and hour; stored',
    '  values are sanitised and bounded; whole-table totals equal the sum of all per-case changes.',
    '- **api** (a real server on a fresh SQLite file with the report fixtures, a Stats API key made',
    '  through the API, a frozen clock): `POST /api/v2/query` with valid, near-valid and hostile',
    '  queries (garbage dates, unknown metrics and dimensions, nested and huge filters, negative and',
    '  huge pagination, wrong types, prototype keys, deep nesting, non-JSON, bodies over 64 KB, missing',
    '  or wrong keys) never answers a 5xx, answers 200 in the documented shape or a 4xx with',
    '  `{error: {code, message}}`, writes nothing (`data_version` unchanged), and a totals query over a',
    '  day range equals a direct sum of the counters; the replay routes (`POST /api/replay/start`,',
    '  `POST` and `DELETE /api/replay/chunk`) with no window open, given validly signed and forged',
    '  offers, arbitrary queries and chunk bodies (truncated and garbage gzip, gzip bombs inside the',
    '  256 KB cap, bodies over it), never answer a 5xx, refuse with a shaped 4xx (starts: 400 for a',
    '  bad body, else 403/410) and store nothing (`replay_recordings`, `replay_chunks`, `data_version`);',
    '  goal definitions (`POST /api/sites/:site/goals`: page patterns, event names and props,',
    '  currencies, junk) answer 201 or a shaped 4xx, and the goals report still answers.',
    '- **replay** (the replay test world: a real server on SQLite, an owner, an admin and a named viewer,',
    '  a frozen clock): window bodies with random settings and unmask selectors (valid compounds, near',
    '  misses, `*`, combinators, pseudo-classes, over-long and junk) never answer a 5xx and give a window',
    '  whose every selector the server can read, or a shaped 4xx that creates no window; garbage,',
    '  mutated and valid rrweb-like chunks carrying planted values (text, input values, attributes,',
    '  query strings, path parameters, an address) posted to a live recording never answer a 5xx, give',
    '  202 or a shaped 4xx, and what the named viewer then plays through the player route shows none of',
    '  the planted values and no clear text but the one under the unmask selector; excluded-path',
    '  patterns (`*`, `**`, crafted `/a*a*…b` with up to 40 stars, long random strings) are saved or',
    '  refused with a 400 that changes nothing, and an event on a crafted path is still answered.',
    '- **imports** (a real server on a fresh SQLite file, a signed-in owner, a frozen clock):',
    '  GoatCounter and Plausible exports with random and hostile rows, Pomelo exports with random',
    '  cells and manifests, those files with bytes flipped or cut short, and raw bytes, uploaded to',
    '  `POST /api/sites/:site/imports`, never answer a 5xx; a 201 is removed again (`DELETE`) and the',
    '  counters are then exactly as before; a refusal is a 400/413 with a documented reason, a detail',
    '  code with all its parameters and "Nothing was imported.", and changes nothing.',
    END,
  ].join('\n');

  let text = fs.existsSync(docFile)
    ? fs.readFileSync(docFile, 'utf8')
    : '# Reliability\n\nHow Pomelo is tested against hostile and malformed input.\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) text = text.slice(0, a) + section + text.slice(b + END.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  fs.mkdirSync(path.dirname(docFile), { recursive: true });
  fs.writeFileSync(docFile, text);
  console.log(`fuzz: wrote the "Fuzzing" section of ${path.relative(root, docFile)}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
