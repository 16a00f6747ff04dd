// The replay fuzzing properties (issue 18 §5), shared by the fixed-seed slice
// (test/fuzz/replay.fuzz.test.ts) and the long run (fuzz/run.ts), on one real server (the replay
// test world of test/replay/support.ts: SQLite, a frozen clock, sampling always on):
//   - window settings and unmask selectors: never a 5xx; a valid window or a shaped 4xx that
//     changes nothing;
//   - garbage chunks on a VALID recording (window open, offer, start): never a 5xx; 202 or a shaped
//     4xx; whatever is stored, played by a named viewer, shows none of the planted values and no
//     clear text outside the unmask selector;
//   - site settings patterns: never a 5xx; saved or a 400; an event on any path is still answered.
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MASK } from '../../tracker/replay/event-filter.js';
import { parseSelector } from '../../server/replay/masking/selectors.js';
import {
  T0,
  newRecording,
  openWindow,
  publicPost,
  replayWorld,
  windowBody,
  type ReplayWorld,
} from '../replay/support.js';
import { isErrorShape } from './harness.js';
import {
  type ChunkCase,
  type PatternCase,
  PLANTED,
  UNMASK_ATTRIBUTE,
  UNMASK_SELECTOR,
  VISIBLE,
  type WindowCase,
  chunkCase,
  pageEvents,
  patternCase,
  windowCase,
} from './replay-arbitraries.js';

class PropertyFailure extends Error {}
function check(ok: unknown, message: string | (() => string)): asserts ok {
  if (!ok) throw new PropertyFailure(typeof message === 'string' ? message : message());
}
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 600 ? s.slice(0, 600) + '…' : s;
};

export interface ReplayFuzzContext {
  w: ReplayWorld;
  /** The window chunks go to, and the live recording (null: start one). */
  windowId: string;
  recording: string | null;
  /** The next chunk's seq on that recording. */
  seq: number;
  /** The raw events of each chunk that recording accepted, by seq. */
  posted: Map<number, unknown>;
  /** A second site for the excluded-path patterns (the replay site keeps none). */
  patternSiteId: number;
  /** Most `*` in the crafted backtracking pattern (see patternCase). */
  adversarialStars: number;
  /** Answers seen, per `property status`: shows the cases are not vacuous. */
  seen: Map<string, number>;
  close(): Promise<void>;
}
const tally = (ctx: ReplayFuzzContext, key: string) =>
  ctx.seen.set(key, (ctx.seen.get(key) ?? 0) + 1);

const PATTERN_DOMAIN = 'patterns.test';

export async function startReplayFuzz(
  opts: { adversarialStars?: number } = {},
): Promise<ReplayFuzzContext> {
  // Quarantined chunks are expected by the thousand: the leak threshold must not pause the window.
  const w = await replayWorld({ leakThreshold: 1_000_000, spikePerMinute: 1_000_000 });
  const other = await w.owner.client.post(`/api/orgs/${w.owner.orgId}/sites`, {
    domain: PATTERN_DOMAIN,
    timezone: 'UTC',
  });
  if (other.status !== 201) throw new Error(`pattern site: ${other.status} ${show(other.body)}`);
  const ctx: ReplayFuzzContext = {
    w,
    windowId: '',
    recording: null,
    seq: 0,
    posted: new Map(),
    patternSiteId: other.body.site.id as number,
    adversarialStars: opts.adversarialStars ?? 40,
    seen: new Map(),
    close: () => w.close(),
  };
  await reopen(ctx);
  return ctx;
}

/** A fresh window for the chunks (the previous one closed): generous caps, one unmask selector. */
async function reopen(ctx: ReplayFuzzContext): Promise<void> {
  if (ctx.windowId !== '') {
    await ctx.w.admin.client.post(`/api/replay/windows/${ctx.windowId}/close`, {});
  }
  const window = await openWindow(ctx.w, {
    unmaskSelectors: [UNMASK_SELECTOR],
    maxSessions: 2_000,
    maxPagesPerRecording: 100,
    maxMinutesPerRecording: 60,
  });
  ctx.windowId = window.id;
  ctx.recording = null;
}

async function liveRecording(ctx: ReplayFuzzContext): Promise<string> {
  if (ctx.recording !== null) return ctx.recording;
  try {
    ctx.recording = await newRecording(ctx.w);
  } catch {
    // No offer (a cap, or the window paused by a quarantine): a new window.
    await reopen(ctx);
    ctx.recording = await newRecording(ctx.w);
  }
  ctx.seq = 0;
  ctx.posted = new Map();
  // Every recording starts with the page, so later garbage lands on a tree the server knows.
  const first = await postChunk(ctx, ctx.recording, JSON.stringify(pageEvents(T0)), 'gzip');
  check(first.status === 202, () => `the page chunk → ${first.status} ${show(first.body)}`);
  return ctx.recording;
}

async function postChunk(
  ctx: ReplayFuzzContext,
  rec: string,
  body: string | Uint8Array,
  enc: string,
) {
  const bytes = Buffer.from(body);
  const sent = enc === 'gzip' && typeof body === 'string' ? gzipSync(bytes) : bytes;
  const url = `/api/replay/chunk?recording=${rec}&seq=${ctx.seq}&enc=${enc}`;
  const res = await publicPost(ctx.w, url, sent);
  if (res.status === 202) {
    ctx.posted.set(ctx.seq, postedEvents(sent, enc));
    ctx.seq++;
  }
  return res;
}

/** The events an accepted body carried, read as the server reads them (null: not JSON). */
function postedEvents(sent: Uint8Array, enc: string): unknown {
  try {
    return JSON.parse((enc === 'gzip' ? gunzipSync(sent) : Buffer.from(sent)).toString('utf8'));
  } catch {
    return null;
  }
}

/** Windows of the replay site, all states: what a refused body must leave as it was. */
async function windowCount(ctx: ReplayFuzzContext): Promise<number> {
  return (await ctx.w.server.store.replay.windows({})).length;
}

export interface ReplayFuzzProperty {
  name: string;
  kind: 'replay';
  /** Relative share of the long run's replay cases. */
  weight: number;
  property(
    ctx: ReplayFuzzContext,
  ):
    | fc.IAsyncProperty<[WindowCase]>
    | fc.IAsyncProperty<[ChunkCase]>
    | fc.IAsyncProperty<[PatternCase]>;
}

/** (a) Window settings and unmask selectors. */
export const replayWindowSettings: ReplayFuzzProperty = {
  name: 'replay: window settings and unmask selectors → a valid window or a shaped 4xx changing nothing',
  kind: 'replay',
  weight: 3,
  property: (ctx) =>
    fc.asyncProperty(windowCase, async (c) => {
      const body = c.whole ?? { ...windowBody(ctx.w), ...c.over };
      const before = await windowCount(ctx);
      const res = await ctx.w.admin.client.post(`/api/sites/${ctx.w.siteId}/replay/windows`, body);
      tally(ctx, `window ${res.status}`);
      check(res.status < 500, () => `status ${res.status}: ${show(res.body)} for ${show(body)}`);
      if (res.status !== 201) {
        check(res.status >= 400, () => `unexpected ${res.status}`);
        check(isErrorShape(res.body), () => `${res.status} without {error}: ${show(res.body)}`);
        check((await windowCount(ctx)) === before, () => `a ${res.status} created a window`);
        return;
      }
      const window = (res.body as { window: Record<string, unknown> }).window;
      const selectors = window.unmaskSelectors as unknown[];
      check(Array.isArray(selectors) && selectors.length <= 20, () => `selectors ${show(window)}`);
      for (const s of selectors) {
        check(parseSelector(s).ok, () => `stored a selector the server cannot read: ${show(s)}`);
      }
      check((await windowCount(ctx)) === before + 1, 'a 201 without a window');
      const closed = await ctx.w.admin.client.post(`/api/replay/windows/${window.id}/close`, {});
      check(closed.status < 300, () => `close → ${closed.status} ${show(closed.body)}`);
    }),
};

/** Tags whose text stays masked even under the unmask selector (the server's FORM_TAGS). */
const FORM_TAGS = new Set(['input', 'textarea', 'select', 'option', 'button']);
type Json = Record<string, unknown>;
const isId = (v: unknown): v is number => Number.isSafeInteger(v);
const isNode = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const blankOrMasked = (s: unknown) => typeof s !== 'string' || s.trim() === '' || s === MASK;

/**
 * The texts a raw full snapshot (as the recorder sent it) puts under the unmask selector: for each
 * text node inside a `p[data-fuzz-visible="yes"]` (no form control in between, its parent an
 * element), its exact text and the id of that unmasked element. Whatever the text is (the
 * generators' mutations turn VISIBLE into `"Shipping takes two days"`, or junk): the page put it
 * there, so the player may show it there. Nothing else in the snapshot may be clear.
 */
export function unmaskedTexts(
  rawSnapshot: unknown,
): Map<number, { text: string; under: number }[]> {
  const out = new Map<number, { text: string; under: number }[]>();
  const data = isNode(rawSnapshot) ? rawSnapshot.data : null;
  const stack = [
    { node: isNode(data) ? data.node : null, under: null as number | null, form: false, el: false },
  ];
  while (stack.length > 0) {
    const { node, under, form, el } = stack.pop()!;
    if (!isNode(node) || !isId(node.id)) continue;
    if (node.type === 3) {
      if (typeof node.textContent === 'string' && under !== null && !form && el) {
        out.set(node.id, [...(out.get(node.id) ?? []), { text: node.textContent, under }]);
      }
      continue;
    }
    const element = node.type === 2 && typeof node.tagName === 'string';
    const tag = element ? (node.tagName as string).toLowerCase() : '';
    const attrs = isNode(node.attributes) ? node.attributes : {};
    const inForm = form || FORM_TAGS.has(tag);
    const unmasks = tag === 'p' && attrs[UNMASK_ATTRIBUTE] === 'yes';
    const next = inForm ? null : unmasks ? node.id : under;
    if (!Array.isArray(node.childNodes)) continue;
    for (const child of node.childNodes) {
      stack.push({ node: child, under: next, form: inForm, el: element });
    }
  }
  return out;
}

/**
 * The clear texts one played event shows that its raw event did not put under the unmask
 * selector, at that place: a clear text node is allowed only if the raw snapshot had that node
 * with that very text inside the unmasked element, and the played tree still has it inside that
 * element. Decided by place, not by value: the same text moved elsewhere, or shown where the page
 * had no unmask attribute, is reported. The generators never add nodes under the unmasked element
 * nor change its text, so additions, text changes and input values must come out masked.
 */
export function clearTexts(played: unknown, raw: unknown): string[] {
  const allowed = isNode(played) && played.type === 2 ? unmaskedTexts(raw) : new Map();
  const out: string[] = [];
  const walk = (v: unknown, ancestors: number[]): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, ancestors));
    if (!isNode(v)) return;
    if ('textContent' in v && v.isStyle !== true && !blankOrMasked(v.textContent)) {
      const ok = (isId(v.id) ? (allowed.get(v.id) ?? []) : []).some(
        (a: { text: string; under: number }) =>
          a.text === v.textContent && ancestors.includes(a.under),
      );
      if (!ok) out.push(String(v.textContent));
    }
    const data = v.data;
    if (v.type === 3 && isNode(data)) {
      if (data.source === 0 && Array.isArray(data.texts)) {
        for (const t of data.texts as unknown[]) {
          if (isNode(t) && !blankOrMasked(t.value)) out.push(String(t.value));
        }
      }
      if (data.source === 5 && !blankOrMasked(data.text)) out.push(String(data.text));
    }
    const inner = isId(v.id) ? [...ancestors, v.id] : ancestors;
    for (const [k, x] of Object.entries(v)) walk(x, k === 'childNodes' ? inner : ancestors);
  };
  walk(played, []);
  return out;
}

/**
 * What the player should return, event for event, as the raw events the recorder sent: the
 * accepted chunks the store still holds readable (not quarantined), in seq order, merged by time
 * with a stable sort (server/replay/playback.ts). Each played event is then checked against the
 * raw event it came from.
 */
export async function expectedPlayback(ctx: ReplayFuzzContext, rec: string): Promise<Json[]> {
  const raw: Json[] = [];
  for (const chunk of await ctx.w.server.store.replay.chunks(rec)) {
    if (chunk.quarantined || chunk.data === null) continue;
    const sent = ctx.posted.get(chunk.seq);
    check(Array.isArray(sent), () => `chunk ${chunk.seq} is stored but was not accepted as JSON`);
    raw.push(...(sent as Json[]));
  }
  return raw.sort((a, b) => (a.timestamp as number) - (b.timestamp as number));
}

/** (b) Garbage chunks on a valid recording. */
export const replayGarbageChunks: ReplayFuzzProperty = {
  name: 'replay: garbage chunks on a live recording → 202 or a shaped 4xx; playback shows nothing planted',
  kind: 'replay',
  weight: 5,
  property: (ctx) =>
    fc.asyncProperty(chunkCase, async (c) => {
      await playChunkCase(ctx, c);
    }),
};

/**
 * One chunk case on a fresh recording (its page chunk first): a case, its shrinks and a
 * FUZZ_PATH replay see the same recording, so a counterexample reproduces on its own. Returns
 * what the viewer played (null: the recording is gone).
 */
export async function playChunkCase(
  ctx: ReplayFuzzContext,
  c: ChunkCase,
): Promise<unknown[] | null> {
  ctx.recording = null;
  const rec = await liveRecording(ctx);
  for (const chunk of c.chunks) {
    const body = chunk.raw ?? JSON.stringify(chunk.events) ?? 'null';
    const res = await postChunk(ctx, rec, body, chunk.enc);
    tally(ctx, `chunk ${res.status}`);
    check(res.status < 500, () => `status ${res.status}: ${show(res.body)} for ${show(body)}`);
    if (res.status !== 202) {
      check(res.status >= 400, () => `unexpected ${res.status}`);
      check(isErrorShape(res.body), () => `${res.status} without {error}: ${show(res.body)}`);
    }
    if (res.status === 410) {
      ctx.recording = null;
      break;
    }
  }
  // Played as the named viewer, through the real player route (decrypted by the server).
  const played = await ctx.w.viewer.client.post(`/api/replay/recordings/${rec}/play`, {
    reason: 'fuzz check',
  });
  tally(ctx, `play ${played.status}`);
  check(played.status < 500, () => `play → ${played.status} ${show(played.body)}`);
  if (played.status !== 200) {
    // Deleted (a sensitive page): nothing is left to show.
    check(played.status === 404 || played.status === 410, () => `play → ${played.status}`);
    ctx.recording = null;
    return null;
  }
  const events = (played.body as { events: unknown[] }).events;
  const text = JSON.stringify(events);
  for (const value of PLANTED) {
    check(!text.includes(value), () => `"${value}" came out of the player: ${show(c)}`);
  }
  const expected = await expectedPlayback(ctx, rec);
  check(
    expected.length === events.length,
    () => `played ${events.length} events, the accepted chunks hold ${expected.length}`,
  );
  const clear: string[] = [];
  for (let i = 0; i < events.length; i++) {
    const [shown, sent] = [events[i] as Json, expected[i]!];
    check(
      shown.type === sent.type && shown.timestamp === sent.timestamp,
      () => `played event ${i} ${show(shown)} is not the accepted ${show(sent)}`,
    );
    clear.push(...clearTexts(shown, sent));
  }
  check(clear.length === 0, () => `clear text outside ${UNMASK_SELECTOR}: ${show(clear)}`);
  if (text.includes(VISIBLE)) tally(ctx, 'play shows the unmasked text');
  return events;
}

/** (c) Site settings patterns (excluded paths), then an event on crafted paths. */
export const replaySitePatterns: ReplayFuzzProperty = {
  name: 'site settings: excluded-path patterns → saved or a 400; events still answered',
  kind: 'replay',
  weight: 2,
  property: (ctx) =>
    fc.asyncProperty(patternCase(ctx.adversarialStars), async (c) => {
      const url = `/api/sites/${ctx.patternSiteId}`;
      const before = await ctx.w.owner.client.get(url);
      const res = await ctx.w.owner.client.patch(url, { excludedPaths: c.excludedPaths });
      tally(ctx, `patterns ${res.status}`);
      check(res.status < 500, () => `status ${res.status}: ${show(res.body)}`);
      const after = await ctx.w.owner.client.get(url);
      const saved = (r: typeof after) =>
        show((r.body as { site?: { excludedPaths?: unknown } }).site?.excludedPaths);
      if (res.status !== 200) {
        check(res.status === 400, () => `patterns → ${res.status} ${show(res.body)}`);
        check(isErrorShape(res.body), () => `400 without {error}: ${show(res.body)}`);
        check(saved(after) === saved(before), 'a refused patch changed the patterns');
      } else {
        check(saved(after) === show(c.excludedPaths), () => `saved ${saved(after)}`);
      }
      // Whatever is saved, an event is answered (a backtracking matcher would hang here).
      for (const path of c.paths) {
        const event = await fetch(`${ctx.w.server.url}/api/event`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({
            n: 'pageview',
            u: `https://${PATTERN_DOMAIN}${path}`,
            d: PATTERN_DOMAIN,
            r: null,
          }),
          signal: AbortSignal.timeout(10_000),
        }).catch((err: unknown) => ({ status: 0, err }));
        tally(ctx, `event ${event.status}`);
        check(event.status > 0 && event.status < 500, () => `event on ${path} → ${event.status}`);
      }
    }),
};

export const replayProperties: ReplayFuzzProperty[] = [
  replayWindowSettings,
  replayGarbageChunks,
  replaySitePatterns,
];
