// Pure: the server's masking floor over one chunk of raw rrweb events (issue 12 §1). Each event
// is read strictly (a kind the recorder never sends, or a shape the server cannot read, refuses
// the whole chunk), rebuilt by the shared event filter (attribute allowlist, URLs cut to origin +
// path, input values masked, media blocked), then every text is masked with the recorder's
// constant unless the recording's node tree says an unmask selector covers it. The tree is
// updated from the raw events first, so data-* attributes dropped from what is stored still count
// for the selectors.
import { MASK, cutCssUrls, filterReplayEvent } from '../event-filter.js';
import { INLINE_TAGS, addedRuns, snapshotRuns, type Run } from './joined-text.js';
import type { NodeTree, TextPolicy } from './tree.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** rrweb event types the recorder sends: DomContentLoaded, Load, FullSnapshot, Incremental, Meta. */
const KNOWN_TYPES = new Set([0, 1, 2, 3, 4]);
/**
 * Incremental sources the recorder sends. Canvas (9), fonts (10), console logs (11) and custom
 * elements (16) are never recorded, so a chunk carrying one did not come from the recorder.
 */
const KNOWN_SOURCES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15]);

/** Same rule as the recorder's maskText: whitespace-only text is layout and is kept. */
export function maskText(text: string): string {
  return text.trim() === '' ? text : MASK;
}

function applyPolicy(text: string, policy: TextPolicy): string {
  if (policy === 'css') return cutCssUrls(text);
  return policy === 'clear' ? text : maskText(text);
}

/** Masks the text nodes of a filtered node (and its children) by the tree's verdict. */
function maskNode(root: Json, tree: NodeTree): void {
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 3 && typeof node.textContent === 'string') {
      const policy = isId(node.id) ? tree.textPolicy(node.id) : 'mask';
      node.textContent = applyPolicy(node.textContent, policy);
      if (policy === 'css') node.isStyle = true;
      else delete node.isStyle;
    }
    for (const child of list(node.childNodes)) if (isObject(child)) stack.push(child);
  }
}

/** Why a raw event cannot be accepted, or null. */
function unreadable(raw: unknown): string | null {
  if (!isObject(raw) || typeof raw.timestamp !== 'number') return 'not an event';
  const type = raw.type as number;
  if (!KNOWN_TYPES.has(type)) return `event type ${type} is never recorded`;
  if (!isObject(raw.data)) return 'no data';
  const data = raw.data;
  if (type === 4 && typeof data.href !== 'string') return 'a Meta event without its page address';
  if (type === 2 && (!isObject(data.node) || data.node.type !== 0 || !isId(data.node.id))) {
    return 'a full snapshot starts with a document node';
  }
  if (type === 3) {
    if (!KNOWN_SOURCES.has(data.source as number)) {
      return `incremental source ${String(data.source)} is never recorded`;
    }
    if (data.source === 0) {
      for (const key of ['adds', 'removes', 'texts', 'attributes']) {
        if (data[key] !== undefined && !Array.isArray(data[key])) return `${key} is not a list`;
      }
      const ok = (v: unknown, need: string[]) => isObject(v) && need.every((k) => isId(v[k]));
      if (!list(data.texts).every((t) => ok(t, ['id']))) return 'a text change without a node id';
      if (!list(data.attributes).every((a) => ok(a, ['id']))) {
        return 'an attribute change without a node id';
      }
      if (!list(data.removes).every((r) => ok(r, ['id', 'parentId']))) return 'a bad removal';
      if (!list(data.adds).every((a) => ok(a, ['parentId']) && isObject((a as Json).node))) {
        return 'an addition without a parent or a node';
      }
    }
  }
  return null;
}

export type MaskedChunk =
  | {
      ok: true;
      /** What may be stored. */
      events: Json[];
      /** The same events before masking, as JSON: what the leak scanner reads. */
      clearJson: string;
      /** Joined text of blocks in snapshots and additions, before masking (for the scanner). */
      runs: Run[];
    }
  | { ok: false; reason: string };

/**
 * The chunk as it may be stored: every event read, filtered and masked, in order; or the first
 * event that cannot be read (the whole chunk is then refused). `tree` carries the recording's
 * page from chunk to chunk and is updated here.
 */
export function maskChunk(events: readonly unknown[], tree: NodeTree): MaskedChunk {
  const out: Json[] = [];
  const clear: string[] = [];
  const runs: Run[] = [];
  for (let i = 0; i < events.length; i++) {
    const raw = events[i] as Json;
    const why = unreadable(raw);
    const filtered = why === null ? filterReplayEvent(raw) : null;
    if (filtered === null) return { ok: false, reason: `event ${i}: ${why ?? 'cannot be read'}` };
    const data = raw.data as Json;
    const kept = filtered.data as Json;
    clear.push(JSON.stringify(filtered));
    if (raw.type === 2) {
      tree.reset();
      tree.insert(null, data.node);
      for (const r of snapshotRuns(kept.node as Json, `[${i}].data.node`)) runs.push(r);
      maskNode(kept.node as Json, tree);
    } else if (raw.type === 3 && data.source === 0) {
      const adds = list(data.adds) as Json[];
      if ((kept.adds as unknown[]).length !== adds.length) {
        return { ok: false, reason: `event ${i}: an added node cannot be read` };
      }
      // The state after the mutation, as rrweb applies it: removals, additions, attributes.
      for (const r of list(data.removes) as Json[]) tree.remove(r.id as number);
      for (const a of adds) tree.insert(a.parentId as number, a.node);
      for (const a of list(data.attributes) as Json[])
        tree.setAttributes(a.id as number, a.attributes);
      const blockOf = (id: number) => tree.blockOf(id, INLINE_TAGS);
      for (const r of addedRuns(kept.adds as Json[], blockOf, `[${i}].data`)) runs.push(r);
      for (const a of kept.adds as Json[]) maskNode(a.node as Json, tree);
      for (const t of kept.texts as Json[]) {
        if (typeof t.value === 'string')
          t.value = applyPolicy(t.value, tree.textPolicy(t.id as number));
      }
    }
    out.push(filtered);
  }
  return { ok: true, events: out, clearJson: `[${clear.join(',')}]`, runs };
}
