import { describe, expect, test } from 'vitest';
import { matchesSelector, parseSelector, type ElementFacts } from './selectors';

const el = (tag: string, over: Partial<ElementFacts> = {}): ElementFacts => ({
  tag,
  id: null,
  className: null,
  data: null,
  ...over,
});

describe('unmask selector grammar', () => {
  test.each([
    ['.faq-answer', { tag: null, classes: ['faq-answer'], ids: [], attributes: [] }],
    ['button.primary', { tag: 'button', classes: ['primary'], ids: [], attributes: [] }],
    ['#total', { tag: null, classes: [], ids: ['total'], attributes: [] }],
    [
      '[data-pomelo-unmask]',
      {
        tag: null,
        classes: [],
        ids: [],
        attributes: [{ name: 'data-pomelo-unmask', value: null }],
      },
    ],
    [
      'H2.title[data-kind="faq item"]',
      {
        tag: 'h2',
        classes: ['title'],
        ids: [],
        attributes: [{ name: 'data-kind', value: 'faq item' }],
      },
    ],
    [
      'td.price[data-col=amount]',
      {
        tag: 'td',
        classes: ['price'],
        ids: [],
        attributes: [{ name: 'data-col', value: 'amount' }],
      },
    ],
  ])('%s parses', (text, selector) => {
    expect(parseSelector(text)).toEqual({ ok: true, selector });
  });

  test.each([
    ['*', /universal/],
    ['*.x', /universal/],
    ['body', /bare tag \(body\)/],
    ['div', /bare tag \(div\)/],
    ['main', /bare tag/],
    ['p', /bare tag/],
    ['h1', /bare tag/],
    [':root', /pseudo/],
    [':not(.x)', /pseudo/],
    ['.x:not(.y)', /pseudo/],
    ['a b', /combinators/],
    ['.faq > p', /combinators/],
    ['.a+.b', /combinators/],
    ['.a~.b', /combinators/],
    ['.faq, body', /one selector per entry/],
    ['[title]', /only data-\* attributes/],
    ['[data-]', /only data-\* attributes/],
    ['[data-x^="a"]', /only \[data-x\]/],
    ['[data-x="a]', /"\]"|unsupported|unterminated/],
    ['p{color:red}', /\{/],
    ['<script>', /</],
    ['.', /followed by a name/],
    ['', /empty/],
    ['   ', /empty/],
    ['.a\\:b', /escaped/],
  ])('%s is refused', (text, reason) => {
    const r = parseSelector(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  test('a long hostile selector is read in one pass and refused', () => {
    expect(parseSelector('.a'.repeat(100)).ok).toBe(true);
    expect(parseSelector('.a'.repeat(101)).ok).toBe(false);
    expect(parseSelector('['.repeat(150)).ok).toBe(false);
  });
});

describe('matching', () => {
  const sel = (text: string) => {
    const r = parseSelector(text);
    if (!r.ok) throw new Error(r.reason);
    return r.selector;
  };
  test('tag, classes (whole tokens), id and data attributes', () => {
    expect(
      matchesSelector(sel('button.primary'), el('BUTTON', { className: 'big  primary' })),
    ).toBe(true);
    expect(matchesSelector(sel('button.primary'), el('a', { className: 'primary' }))).toBe(false);
    expect(matchesSelector(sel('.primary'), el('a', { className: 'primary-x' }))).toBe(false);
    expect(matchesSelector(sel('.Primary'), el('a', { className: 'primary' }))).toBe(false);
    expect(matchesSelector(sel('#total'), el('span', { id: 'total' }))).toBe(true);
    expect(matchesSelector(sel('#total'), el('span', { id: 'totals' }))).toBe(false);
    const data = new Map([['data-kind', 'faq']]);
    expect(matchesSelector(sel('[data-kind]'), el('div', { data }))).toBe(true);
    expect(matchesSelector(sel('[data-kind=faq]'), el('div', { data }))).toBe(true);
    expect(matchesSelector(sel('[data-kind=other]'), el('div', { data }))).toBe(false);
    expect(matchesSelector(sel('[data-x]'), el('div', { data }))).toBe(false);
  });
});
