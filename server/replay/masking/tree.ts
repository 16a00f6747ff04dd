// Pure, per recording: the node tree the server needs to evaluate unmask selectors on what a
// chunk changes (issue 12 §1): each node's parent, and for elements the tag, id, class and the
// data-* attributes the window's selectors name. Text content is never kept. Bounded: past
// `maxNodes` new nodes are not tracked, and an untracked node or parent always means "masked".
import { BLOCKED_TAGS } from '../event-filter.js';
import { matchesSelector, type CompoundSelector, type ElementFacts } from './selectors.js';

/** Elements whose text stays masked even under an unmask selector (the recorder's FORM_TAGS). */
export const FORM_TAGS: ReadonlySet<string> = new Set([
  'input',
  'textarea',
  'select',
  'option',
  'button',
]);

/** What the server does with one text: mask it, keep it (unmasked), or keep it as CSS. */
export type TextPolicy = 'mask' | 'clear' | 'css';

interface TreeNode extends ElementFacts {
  parent: number | null;
  /** Element (2), text (3) or anything else; `tag` is '' for non-elements. */
  type: number;
  /**
   * Whether an unmask selector matches the element, decided once when its facts are set: an
   * ancestor walk then costs one step per level, not selectors × class length per level.
   */
  unmask: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v);
const MAX_ATTRIBUTE = 500;
/** Ancestors walked to decide a node; deeper (or a cycle a crafted chunk made) means masked. */
export const MAX_DEPTH = 1000;

type State = 'masked' | 'clear' | 'form';

export interface TreeLimits {
  maxNodes: number;
}

export class NodeTree {
  private nodes = new Map<number, TreeNode>();
  private memo = new Map<number, State>();
  /** Work done (ancestor steps, selector checks): tests count it to show linear cost. */
  steps = 0;

  constructor(
    private readonly selectors: readonly CompoundSelector[],
    private readonly dataNames: ReadonlySet<string>,
    private readonly limits: TreeLimits,
  ) {}

  get size(): number {
    return this.nodes.size;
  }

  /** A full snapshot describes the whole page again: forget the previous one. */
  reset(): void {
    this.nodes.clear();
    this.memo.clear();
  }

  private facts(tag: string, attributes: unknown): Omit<TreeNode, 'parent' | 'type' | 'unmask'> {
    const attrs = isObject(attributes) ? attributes : {};
    const text = (v: unknown) => (typeof v === 'string' && v.length <= MAX_ATTRIBUTE ? v : null);
    let data: Map<string, string> | null = null;
    for (const name of this.dataNames) {
      const value = text(attrs[name]);
      if (value !== null) (data ??= new Map()).set(name, value);
    }
    return { tag, id: text(attrs.id), className: text(attrs.class), data };
  }

  private unmasks(type: number, facts: ElementFacts): boolean {
    if (type !== 2 || this.selectors.length === 0) return false;
    this.steps += this.selectors.length;
    return this.selectors.some((s) => matchesSelector(s, facts));
  }

  /**
   * Records a serialized node (and the children it carries) under `parent` (null for the
   * document). Children of blocked elements are not recorded: they are never stored either.
   */
  insert(parent: number | null, node: unknown): void {
    this.memo.clear();
    const stack: { parent: number | null; node: unknown; depth: number }[] = [
      { parent, node, depth: 0 },
    ];
    while (stack.length > 0) {
      const { parent: p, node: n, depth } = stack.pop()!;
      if (!isObject(n) || !isId(n.id) || depth > MAX_DEPTH) continue;
      if (!this.nodes.has(n.id) && this.nodes.size >= this.limits.maxNodes) continue;
      const type = Number.isInteger(n.type) ? (n.type as number) : -1;
      const tag = type === 2 && typeof n.tagName === 'string' ? n.tagName.toLowerCase() : '';
      const facts = this.facts(tag, type === 2 ? n.attributes : null);
      this.nodes.set(n.id, { parent: p, type, ...facts, unmask: this.unmasks(type, facts) });
      if (BLOCKED_TAGS.includes(tag) || !Array.isArray(n.childNodes)) continue;
      // Reversed onto the stack: nodes are taken in document order (what a cap keeps is the top).
      for (let k = n.childNodes.length - 1; k >= 0; k--) {
        stack.push({ parent: n.id, node: n.childNodes[k], depth: depth + 1 });
      }
    }
  }

  remove(id: number): void {
    // Descendants stay in the map with a parent that no longer exists: they read as masked.
    this.nodes.delete(id);
    this.memo.clear();
  }

  /** An attribute mutation: id, class and the selectors' data-* attributes are what matter here. */
  setAttributes(id: number, attributes: unknown): void {
    const node = this.nodes.get(id);
    if (!node || node.type !== 2 || !isObject(attributes)) return;
    const relevant = ['id', 'class', ...this.dataNames];
    if (!relevant.some((name) => name in attributes)) return;
    const merged: Json = { id: node.id, class: node.className };
    for (const [k, v] of node.data ?? []) merged[k] = v;
    for (const name of relevant) if (name in attributes) merged[name] = attributes[name];
    const facts = this.facts(node.tag, merged);
    Object.assign(node, facts, { unmask: this.unmasks(node.type, facts) });
    this.memo.clear();
  }

  /** The parent element's state decides a text; walking up at most MAX_DEPTH ancestors. */
  private state(id: number): State {
    const chain: number[] = [];
    let base: State = 'masked';
    for (let at: number | null = id; at !== null;) {
      this.steps++;
      const known = this.memo.get(at);
      if (known !== undefined) {
        base = known;
        break;
      }
      const node = this.nodes.get(at);
      if (node === undefined || chain.length >= MAX_DEPTH) {
        // An unknown ancestor makes the whole chain masked: nothing above it can be evaluated.
        for (const n of chain) this.memo.set(n, 'masked');
        return 'masked';
      }
      chain.push(at);
      at = node.parent;
    }
    let state = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = this.nodes.get(chain[i]!)!;
      if (state === 'form') {
        // stays masked: nothing inside a form control is unmasked
      } else if (node.type === 2 && FORM_TAGS.has(node.tag)) state = 'form';
      else if (node.unmask) state = 'clear';
      this.memo.set(chain[i]!, state);
    }
    return state;
  }

  /** The nearest ancestor-or-self of `id` that is not an inline element (null when unknown). */
  blockOf(id: number, inline: ReadonlySet<string>): number | null {
    let at: number | null = id;
    for (let depth = 0; at !== null && depth < MAX_DEPTH; depth++) {
      this.steps++;
      const node = this.nodes.get(at);
      if (node === undefined) return null;
      if (node.type !== 2 || !inline.has(node.tag)) return at;
      at = node.parent;
    }
    return null;
  }

  /** What to do with the text of text node `id` (a text mutation, or a text node just inserted). */
  textPolicy(id: number): TextPolicy {
    const node = this.nodes.get(id);
    if (node === undefined || node.type !== 3 || node.parent === null) return 'mask';
    const parent = this.nodes.get(node.parent);
    if (parent === undefined || parent.type !== 2) return 'mask';
    if (parent.tag === 'style') return 'css';
    return this.selectors.length > 0 && this.state(node.parent) === 'clear' ? 'clear' : 'mask';
  }
}
