// Pure: the text a visitor reads across element boundaries (issue 12 §14). Within one block
// (a <p>, <li>, <td> …), the texts of its inline descendants (<b>, <span>, <a> …) render as one
// line, so `<b>jane</b>@example.com` reads as an address even though no single text node holds
// it. A run is that joined text of one block, with the pieces it was made of, so the scanner can
// keep only what crosses a boundary (a single node's value is found in the chunk's JSON already).

/** Elements laid out inline: their text joins their neighbours'. Anything else starts a block. */
export const INLINE_TAGS: ReadonlySet<string> = new Set(
  (
    'a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small ' +
    'span strong sub sup time tt u var'
  ).split(' '),
);

export interface Run {
  pieces: string[];
  /** Where the block sits in the chunk's JSON (rendered only when a finding needs it). */
  path: () => string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface PathLink {
  up: PathLink | null;
  segment: string;
}
const render = (link: PathLink | null): string => {
  const parts: string[] = [];
  for (let l = link; l !== null; l = l.up) parts.push(l.segment);
  return parts.reverse().join('');
};

const isInline = (node: Json) =>
  node.type === 2 &&
  typeof node.tagName === 'string' &&
  INLINE_TAGS.has(node.tagName.toLowerCase());

/**
 * Runs of a serialized (clear, filtered) node. Text directly inside `node` goes to `outer`, so a
 * caller can join the top of an added subtree with its neighbours; blocks inside get runs of their
 * own, pushed to `runs`. Depth is bounded by the event filter (1000).
 */
export function collectRuns(node: Json, at: PathLink, outer: Run, runs: Run[]): void {
  let current = outer;
  const children = Array.isArray(node.childNodes) ? node.childNodes : [];
  children.forEach((child, k) => {
    if (!isObject(child)) return;
    const link: PathLink = { up: at, segment: `.childNodes[${k}]` };
    if (child.type === 3) {
      if (typeof child.textContent === 'string' && child.isStyle !== true) {
        current.pieces.push(child.textContent);
      }
    } else if (child.type === 2 && isInline(child)) {
      collectRuns(child, link, current, runs);
    } else if (child.type === 2) {
      // A block: its text is a run of its own, and the text after it starts a new one.
      const inner: Run = { pieces: [], path: () => render(link) };
      runs.push(inner);
      collectRuns(child, link, inner, runs);
      current = { pieces: [], path: () => render(at) };
      runs.push(current);
    }
  });
}

/** Runs of a full snapshot's node tree (its document node at `path`). */
export function snapshotRuns(node: Json, path: string): Run[] {
  const root: PathLink = { up: null, segment: path };
  const first: Run = { pieces: [], path: () => path };
  const runs: Run[] = [first];
  collectRuns(node, root, first, runs);
  return runs;
}

/**
 * Runs of one mutation's additions. rrweb adds nodes one by one, each with its parent; nodes whose
 * nearest block (`blockOf(parentId)`, from the recording's tree) is the same are joined, in the
 * order they were added and in reverse (rrweb lists additions in no fixed document order).
 */
export function addedRuns(
  adds: readonly Json[],
  blockOf: (parentId: number) => number | null,
  path: string,
): Run[] {
  const runs: Run[] = [];
  const groups = new Map<number | string, Run>();
  adds.forEach((add, k) => {
    const node = add.node;
    if (!isObject(node)) return;
    const link: PathLink = { up: { up: null, segment: path }, segment: `.adds[${k}].node` };
    const block = blockOf(add.parentId as number);
    const key = block ?? `unknown-${k}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { pieces: [], path: () => render(link) };
      groups.set(key, group);
    }
    if (node.type === 3) {
      if (typeof node.textContent === 'string' && node.isStyle !== true) {
        group.pieces.push(node.textContent);
      }
    } else if (isInline(node)) collectRuns(node, link, group, runs);
    else if (node.type === 2) {
      const inner: Run = { pieces: [], path: () => render(link) };
      runs.push(inner);
      collectRuns(node, link, inner, runs);
    }
  });
  for (const group of groups.values()) {
    runs.push(group);
    if (group.pieces.length > 1)
      runs.push({ pieces: [...group.pieces].reverse(), path: group.path });
  }
  return runs;
}
