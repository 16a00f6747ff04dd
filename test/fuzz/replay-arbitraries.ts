// Generators for the replay fuzzing properties (test/fuzz/replay-properties.ts): window settings
// and unmask selectors, rrweb-like chunks (valid, mutated and garbage) carrying planted values,
// and site settings patterns (excluded paths with `*`, `**` and long random strings).
import fc from 'fast-check';
import { junk } from './api-arbitraries.js';
import { hostileString } from './arbitraries.js';

/** Values a chunk tries to get stored; none may come out of the player. */
export const PLANTED = [
  'planted-paragraph-jane',
  'planted-input-4711',
  'planted-title-attr',
  'planted-query-value',
  'planted.user@example.com',
  'planted-mutation-text',
  'planted-data-attr',
  'planted-session-id',
] as const;

/**
 * The one text that may come out clear: it sits under the window's unmask selector, on nodes
 * (VISIBLE_IDS) that no generator names (junk numbers are small or extreme), so any other clear
 * text the player shows is a masking failure.
 */
export const VISIBLE_IDS = [900_001, 900_002] as const;
export const VISIBLE = 'Shipping takes two days';
export const UNMASK_ATTRIBUTE = 'data-fuzz-visible';
export const UNMASK_SELECTOR = `p[${UNMASK_ATTRIBUTE}="yes"]`;

// ---------- window settings ----------

const selectorPiece = fc.constantFrom(
  '.',
  '#',
  '[',
  ']',
  '=',
  '"',
  "'",
  'data-',
  'data-x',
  'faq',
  'p',
  'div',
  'body',
  '*',
  ' ',
  '>',
  '+',
  '~',
  ':',
  '::before',
  ':not(',
  ')',
  ',',
  '\\',
  '{',
  '<',
  'x'.repeat(120),
  '-',
  '_',
  '0',
);
const validSelector = fc
  .tuple(
    fc.constantFrom('', 'p', 'h1', 'button', 'li'),
    fc.array(
      fc.oneof(
        fc.constantFrom('.faq-answer', '.title', '#summary', '[data-public]', '[data-k="v"]'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).map((n) => `.${n}`),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([t, parts]) => t + parts.join(''));
/** Selector-like text: valid compounds, near misses and junk. */
export const selectorText: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(selectorPiece, { maxLength: 8 }).map((a) => a.join('')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '.faq-answer',
      'h1.title',
      '#summary',
      '[data-public]',
      'p[data-k="v"]',
      'button.primary',
    ),
  },
  { weight: 1, arbitrary: hostileString(30) },
  { weight: 1, arbitrary: fc.string({ minLength: 190, maxLength: 260 }) },
  { weight: 1, arbitrary: junk },
);

const rule = fc.oneof(
  fc.constantFrom('/shop/*', '/shop/**', '/', '/**', '/*', '/a*b*c', '/shop/cart', ''),
  fc
    .array(fc.constantFrom('/', '*', '**', 'shop', 'a', '?', '#', '%'), { maxLength: 8 })
    .map((a) => a.join('')),
  hostileString(20),
);

/** A window body as the open form sends it, with some fields replaced by junk or dropped. */
export interface WindowCase {
  /** Field overrides of a valid body (undefined: the field is left out). */
  over: Record<string, unknown>;
  /** Replace the whole body with junk. */
  whole: unknown;
}
const fieldsWithJunk = fc.record(
  {
    unmaskSelectors: fc.oneof(
      { weight: 4, arbitrary: fc.array(selectorText, { maxLength: 25 }) },
      { weight: 1, arbitrary: junk },
    ),
    includeRules: fc.oneof(fc.array(rule, { maxLength: 6 }), junk),
    wholeSite: fc.oneof(fc.boolean(), junk),
    sampleRate: fc.oneof(fc.double({ min: -1, max: 2, noNaN: false }), junk),
    maxSessions: fc.oneof(fc.integer({ min: -10, max: 5_000 }), junk),
    purpose: fc.oneof(fc.constantFrom('ux_debugging', 'other', ''), junk),
    retentionDays: fc.oneof(fc.integer({ min: -1, max: 400 }), junk),
    viewerUserIds: junk,
    endsAt: fc.oneof(fc.constantFrom('2030-01-01T00:00:00Z', 'soon', ''), junk),
    canary: fc.oneof(fc.boolean(), junk),
    constructor: junk,
    extra: junk,
  },
  { requiredKeys: [] },
);
export const windowCase: fc.Arbitrary<WindowCase> = fc.record({
  over: fc.oneof(
    // A valid body but for its selectors (and the whole-site choice).
    {
      weight: 2,
      arbitrary: fc.record(
        {
          unmaskSelectors: fc.array(
            fc.oneof(
              { weight: 8, arbitrary: validSelector },
              { weight: 1, arbitrary: selectorText },
            ),
            { maxLength: 22 },
          ),
          includeRules: fc.constantFrom(['/shop/*'], ['/'], ['/**']),
          wholeSite: fc.boolean(),
        },
        { requiredKeys: ['unmaskSelectors'] },
      ),
    },
    { weight: 2, arbitrary: fieldsWithJunk },
  ),
  whole: fc.option(junk, { freq: 8 }),
});

// ---------- chunks ----------

type N = Record<string, unknown>;
const planted = fc.constantFrom(...PLANTED);
const anyText = fc.oneof(
  { weight: 4, arbitrary: planted },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\n  ', '') },
  { weight: 1, arbitrary: planted.map((p) => ` ${p} `) },
);
/** Ids the mutations may use: 10 and up (the page's fixed nodes are 1–5 and VISIBLE_IDS). */
const freeId = fc.integer({ min: 10, max: 60 });
/** Parents for additions: the page's body and paragraph (not the unmasked one), or free ids. */
const parentId = fc.oneof(fc.constantFrom(3, 4), freeId);
const tag = fc.constantFrom('p', 'span', 'b', 'div', 'a', 'li', 'input', 'textarea', 'h1', 'img');
/** Structure (class, id) is kept by the allowlist: planted values go in every other attribute. */
const attributes = fc.record(
  {
    class: fc.constantFrom('faq', 'note', 'x'),
    id: fc.constantFrom('summary', 'x'),
    title: planted,
    value: planted,
    placeholder: planted,
    alt: planted,
    'data-x': planted,
    href: planted.map((p) => `https://shop.test/shop/x?q=${p}`),
    // The floor keeps a URL's origin and path (assets need them): planted in the query and hash.
    src: planted.map((p) => `https://cdn.test/img.png?u=${p}#${p}`),
  },
  { requiredKeys: [] },
);
const node: fc.Arbitrary<N> = fc.letrec<{ node: N }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant(3), id: freeId, textContent: anyText }),
    fc.record({
      type: fc.constant(2),
      id: freeId,
      tagName: tag,
      attributes,
      childNodes: fc.array(tie('node'), { maxLength: 3 }),
    }),
  ),
})).node;

/** The page: a Meta event and a snapshot with a masked paragraph and the unmasked one. */
export function pageEvents(at: number, path = '/shop/cart'): N[] {
  const text = (id: number, textContent: string) => ({ type: 3, id, textContent });
  return [
    { type: 4, timestamp: at, data: { href: `https://shop.test${path}`, width: 800, height: 600 } },
    {
      type: 2,
      timestamp: at + 1,
      data: {
        initialOffset: { top: 0, left: 0 },
        node: {
          type: 0,
          id: 1,
          childNodes: [
            {
              type: 2,
              id: 2,
              tagName: 'html',
              attributes: {},
              childNodes: [
                {
                  type: 2,
                  id: 3,
                  tagName: 'body',
                  attributes: {},
                  childNodes: [
                    {
                      type: 2,
                      id: 4,
                      tagName: 'p',
                      attributes: { title: PLANTED[2] },
                      childNodes: [text(5, PLANTED[0])],
                    },
                    {
                      type: 2,
                      id: VISIBLE_IDS[0],
                      tagName: 'p',
                      attributes: { [UNMASK_ATTRIBUTE]: 'yes' },
                      childNodes: [text(VISIBLE_IDS[1], VISIBLE)],
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    },
  ];
}

const mutation = fc.record({
  type: fc.constant(3),
  timestamp: fc.integer({ min: 1, max: 2 ** 42 }),
  data: fc.record({
    source: fc.constant(0),
    texts: fc.array(fc.record({ id: fc.oneof(freeId, fc.constant(5)), value: anyText }), {
      maxLength: 3,
    }),
    attributes: fc.array(fc.record({ id: fc.oneof(freeId, fc.constantFrom(4, 5)), attributes }), {
      maxLength: 2,
    }),
    removes: fc.array(fc.record({ parentId: parentId, id: freeId }), { maxLength: 2 }),
    adds: fc.array(fc.record({ parentId, nextId: fc.constant(null), node }), { maxLength: 3 }),
  }),
});
const input = fc.record({
  type: fc.constant(3),
  timestamp: fc.integer({ min: 1, max: 2 ** 42 }),
  data: fc.record({
    source: fc.constant(5),
    id: fc.oneof(freeId, fc.constant(5)),
    text: planted,
    isChecked: fc.boolean(),
  }),
});
const rrwebEvent: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: mutation },
  { weight: 2, arbitrary: input },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('/shop/cart', '/shop/a;jsessionid=planted-session-id', '/blog', '/account')
      .chain((path) => fc.constant(pageEvents(1, path)[0])),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.integer({ min: -1, max: 7 }),
      timestamp: fc.double(),
      data: junk,
    }),
  },
  { weight: 1, arbitrary: junk },
);

/** A mutation of a valid value: a key dropped, a value replaced by junk, or a type changed. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat(), fc.constantFrom('drop', 'junk', 'stringify'), junk)
    .map(([pick, how, j]) => {
      const copy = structuredClone(value) as unknown;
      const objects: N[] = [];
      const walk = (v: unknown) => {
        if (typeof v === 'object' && v !== null) {
          objects.push(v as N);
          for (const x of Object.values(v)) walk(x);
        }
      };
      walk(copy);
      const target = objects[pick % objects.length]!;
      const keys = Object.keys(target);
      if (keys.length === 0) return copy;
      const key = keys[pick % keys.length]!;
      if (how === 'drop') delete target[key];
      else if (how === 'junk') target[key] = j;
      else target[key] = JSON.stringify(target[key]);
      return copy;
    });
}

/** What one case posts to a live recording: 1–3 chunk bodies. */
export interface ChunkCase {
  chunks: { events: unknown; enc: 'gzip' | 'identity'; raw?: Uint8Array }[];
}
const chunkBody = fc.oneof(
  { weight: 4, arbitrary: fc.array(rrwebEvent, { minLength: 1, maxLength: 6 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(rrwebEvent, { minLength: 1, maxLength: 4 })
      .chain((events) => mutate([...pageEvents(1), ...events])),
  },
  { weight: 1, arbitrary: fc.constant(pageEvents(1)) },
  { weight: 1, arbitrary: junk },
);
export const chunkCase: fc.Arbitrary<ChunkCase> = fc.record({
  chunks: fc.array(
    fc.record({
      events: chunkBody,
      enc: fc.constantFrom('gzip' as const, 'identity' as const),
      raw: fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 10, nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

// ---------- site settings patterns ----------

const patternPiece = fc.constantFrom('/', '*', '**', 'a', 'admin', '.', '?', '%2F', '\\', '$', '(');
export interface PatternCase {
  excludedPaths: unknown;
  /** Paths of the events sent after the settings were saved. */
  paths: string[];
}
/**
 * `adversarialStars`: the most `*` in the crafted `/a*a*…b` pattern (a backtracking matcher takes
 * time exponential in it on a path of `a`s).
 */
export const patternCase = (adversarialStars: number): fc.Arbitrary<PatternCase> =>
  fc.record({
    excludedPaths: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.array(
          fc.oneof(
            fc.array(patternPiece, { maxLength: 12 }).map((a) => `/${a.join('')}`),
            fc.integer({ min: 1, max: adversarialStars }).map((k) => `/${'a*'.repeat(k)}b`),
            fc.string({ minLength: 150, maxLength: 240 }).map((s) => `/${s}`),
            hostileString(30),
          ),
          { maxLength: 55 },
        ),
      },
      { weight: 1, arbitrary: junk },
    ),
    paths: fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 300 }).map((n) => `/${'a'.repeat(n)}`),
        fc
          .array(fc.constantFrom('/', 'a', 'admin', 'b', '.', '%2F'), { maxLength: 20 })
          .map((a) => `/${a.join('')}`),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  });
