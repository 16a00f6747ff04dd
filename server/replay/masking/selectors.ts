// Pure: the unmask selectors a window may name, parsed by hand and evaluated by the server itself
// (issue 12 §2). The grammar is one compound selector per entry:
//
//   selector  := tag? part+          (at least one part: a tag alone is refused)
//   part      := "." ident | "#" ident | "[" data-name ( "=" value )? "]"
//   tag       := [a-z][a-z0-9-]*      ident := [A-Za-z_-][A-Za-z0-9_-]*
//   data-name := "data-" [a-z0-9_-]+  value := ident | "…" | '…' (no quotes, brackets or \ inside)
//
// Refused, each with its reason: the universal `*`; combinators (descendant space, `>`, `+`, `~`);
// pseudo-classes and pseudo-elements (`:not()`, `:root`, `::before`); lists (`,`); attributes
// other than data-*; and every bare tag (`div`, `p`, `main`, `body`, `h1` …), because a bare tag
// unmasks that element on every recorded page, whatever it shows. Parsing and matching are one
// left-to-right pass each: no regular expression is ever built from an admin's text.

export interface CompoundSelector {
  /** Lower-case tag, or null for any element. */
  tag: string | null;
  classes: string[];
  ids: string[];
  /** data-* attributes: present (value null) or equal to the value. */
  attributes: { name: string; value: string | null }[];
}

export type SelectorParse =
  { ok: true; selector: CompoundSelector } | { ok: false; reason: string };

export const SELECTOR_MAX_LENGTH = 200;
const MAX_VALUE = 100;

const isLower = (c: string) => c >= 'a' && c <= 'z';
const isAlpha = (c: string) => isLower(c) || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => isAlpha(c) || c === '_' || c === '-';
const isIdentChar = (c: string) => isIdentStart(c) || isDigit(c);

const fail = (reason: string): SelectorParse => ({ ok: false, reason });

/** The reason a character cannot appear where it does, in words an admin can act on. */
function refusal(c: string): string {
  if (c === '*') return 'the universal selector * would unmask every element';
  if (c === ' ' || c === '\t' || c === '\n' || c === '>' || c === '+' || c === '~') {
    return 'combinators (a space, >, + or ~) are not supported: name the element itself, e.g. button.primary';
  }
  if (c === ':')
    return 'pseudo-classes and pseudo-elements (:not(), :root, ::before …) are not supported';
  if (c === ',') return 'one selector per entry: add the others as separate entries';
  if (c === '{' || c === '}' || c === '<') return 'a selector cannot contain {, } or <';
  if (c === '\\') return 'escaped characters are not supported';
  return `unsupported character "${c}"`;
}

/** Parses one entry; a refusal names the reason (the caller names the entry). */
export function parseSelector(text: unknown): SelectorParse {
  if (typeof text !== 'string' || text.trim() === '') return fail('empty selector');
  if (text.length > SELECTOR_MAX_LENGTH) return fail(`at most ${SELECTOR_MAX_LENGTH} characters`);
  const s = text.trim();
  const out: CompoundSelector = { tag: null, classes: [], ids: [], attributes: [] };
  let i = 0;
  const ident = (): string | null => {
    const start = i;
    if (i >= s.length || !isIdentStart(s[i]!)) return null;
    while (i < s.length && isIdentChar(s[i]!)) i++;
    return s.slice(start, i);
  };
  if (isAlpha(s[0]!)) {
    const start = i;
    while (i < s.length && (isAlpha(s[i]!) || isDigit(s[i]!) || s[i] === '-')) i++;
    out.tag = s.slice(start, i).toLowerCase();
  }
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.' || c === '#') {
      i++;
      const name = ident();
      if (name === null) return fail(`"${c}" must be followed by a name`);
      (c === '.' ? out.classes : out.ids).push(name);
    } else if (c === '[') {
      i++;
      const name = ident();
      if (name === null) return fail('"[" must be followed by an attribute name');
      const lower = name.toLowerCase();
      if (!lower.startsWith('data-') || lower.length === 5) {
        return fail(`only data-* attributes can be matched, not [${name}]`);
      }
      let value: string | null = null;
      if (s[i] === '=') {
        i++;
        const quote = s[i];
        if (quote === '"' || quote === "'") {
          const start = ++i;
          while (i < s.length && s[i] !== quote) {
            if ('"\'\\[]<>{}'.includes(s[i]!)) return fail(refusal(s[i]!));
            i++;
          }
          if (i >= s.length) return fail('unterminated quoted value');
          value = s.slice(start, i);
          i++;
        } else {
          value = ident();
          if (value === null) return fail('"=" must be followed by a value');
        }
        if (value.length > MAX_VALUE)
          return fail(`attribute values have at most ${MAX_VALUE} characters`);
      } else if (s[i] !== ']' && s[i] !== undefined && '~|^$*'.includes(s[i]!)) {
        return fail('only [data-x] and [data-x="value"] are supported');
      }
      if (s[i] !== ']') return fail('"]" expected');
      i++;
      out.attributes.push({ name: lower, value });
    } else {
      return fail(refusal(c));
    }
  }
  if (out.classes.length + out.ids.length + out.attributes.length === 0) {
    return out.tag === null
      ? fail('unsupported selector')
      : fail(
          `a bare tag (${out.tag}) would unmask every <${out.tag}> on every recorded page: add a class, id or data attribute, e.g. ${out.tag}.faq`,
        );
  }
  return { ok: true, selector: out };
}

/** The element facts a selector looks at (attributes as recorded, before the allowlist). */
export interface ElementFacts {
  tag: string;
  id: string | null;
  className: string | null;
  data: ReadonlyMap<string, string> | null;
}

function hasClass(className: string, wanted: string): boolean {
  // Whitespace-separated tokens, compared exactly (classes are case-sensitive), in one pass.
  let start = -1;
  for (let i = 0; i <= className.length; i++) {
    const blank = i === className.length || /\s/.test(className[i]!);
    if (!blank && start === -1) start = i;
    else if (blank && start !== -1) {
      if (i - start === wanted.length && className.startsWith(wanted, start)) return true;
      start = -1;
    }
  }
  return false;
}

export function matchesSelector(sel: CompoundSelector, el: ElementFacts): boolean {
  if (sel.tag !== null && sel.tag !== el.tag.toLowerCase()) return false;
  for (const id of sel.ids) if (el.id !== id) return false;
  for (const cls of sel.classes)
    if (el.className === null || !hasClass(el.className, cls)) return false;
  for (const a of sel.attributes) {
    const value = el.data?.get(a.name);
    if (value === undefined || (a.value !== null && value !== a.value)) return false;
  }
  return true;
}

/** The data-* attribute names the selectors look at (the node tree keeps only those). */
export function dataNamesOf(selectors: readonly CompoundSelector[]): Set<string> {
  return new Set(selectors.flatMap((s) => s.attributes.map((a) => a.name)));
}

/** Parses a window's stored selectors; entries that no longer parse are left out (never unmask). */
export function compileSelectors(texts: readonly string[]): CompoundSelector[] {
  return texts
    .map(parseSelector)
    .filter((p): p is { ok: true; selector: CompoundSelector } => p.ok)
    .map((p) => p.selector);
}
