// Tests the pure event filter on hand-made and hostile rrweb events (the browser test covers real ones).
import { describe, expect, test } from 'vitest';
import { filterAttributes, filterReplayEvent, filterReplayEvents, MASK } from './event-filter';
import { cutCssUrls, cutUrl } from './url-cut';

describe('cutUrl', () => {
  test.each<[string, string | null]>([
    ['https://shop.test/a/b?x=1#y', 'https://shop.test/a/b'],
    ['http://shop.test:8080/?token=abc', 'http://shop.test:8080/'],
    ['https://user:pw@shop.test/p', 'https://shop.test/p'],
    ['/merci?ref=jean%40example.com', '/merci'],
    ['merci#frag', 'merci'],
    ['#section', null],
    ['mailto:jean@example.com', null],
    ['tel:+33612345678', null],
    ['javascript:alert(1)', null],
    ['data:image/png;base64,AAAA', null],
    ['//cdn.test/x?y', null],
    ['HTTPS://SHOP.TEST/P?Q', 'https://shop.test/P'],
    // Path parameters carry session ids: cut from every segment.
    ['https://shop.test/cart;jsessionid=ABC123/item;v=2?x', 'https://shop.test/cart/item'],
    ['/cart;JSESSIONID=ABC', '/cart'],
  ])('%s → %s', (raw, expected) => {
    expect(cutUrl(raw)).toBe(expected);
  });

  test('a fragment-only reference is kept only when asked (SVG <use href="#icon">)', () => {
    expect(cutUrl('#icon-cart', true)).toBe('#icon-cart');
    expect(cutUrl('#jean.dupont@example.com', true)).toBeNull();
  });

  test('CSS url() values are cut, data: URLs emptied', () => {
    expect(
      cutCssUrls(
        `a{background:url("https://s.test/bg.png?sig=1")} b{src:url(/f.woff2#x)} c{x:url(data:x)}`,
      ),
    ).toBe(`a{background:url("https://s.test/bg.png")} b{src:url(/f.woff2)} c{x:url()}`);
  });
});

describe('attribute allowlist', () => {
  test('keeps allowlisted attributes and drops every personal-data carrier', () => {
    const attrs = {
      class: 'btn',
      id: 'send',
      type: 'email',
      name: 'email',
      title: 'Jean Dupont',
      alt: 'photo de Jean',
      placeholder: 'jean@example.com',
      'aria-label': 'Jean',
      'data-user': 'u-42',
      value: 'jean@example.com',
      content: 'Jean',
      href: 'https://s.test/p?x=1',
      onclick: 'steal()',
      srcset: 'a.png?u=1 2x',
      autocomplete: 'email',
    };
    expect(filterAttributes('input', attrs)).toEqual({
      class: 'btn',
      id: 'send',
      type: 'email',
      name: 'email',
      href: 'https://s.test/p',
      autocomplete: 'email',
    });
  });

  test('blocked elements keep only their box', () => {
    expect(
      filterAttributes('img', {
        src: '/me.jpg',
        class: 'avatar',
        rr_width: '40px',
        rr_height: '40px',
        width: '40',
      }),
    ).toEqual({
      class: 'avatar',
      rr_width: '40px',
      rr_height: '40px',
    });
  });

  test('an attribute mutation (tag unknown) keeps no src, cuts href, keeps removals (null)', () => {
    expect(
      filterAttributes('', { src: '/me.jpg?u=1', href: '/x?y', title: null, class: null }),
    ).toEqual({ href: '/x', class: null });
  });

  test('non-string values are dropped, style diffs are cut', () => {
    expect(
      filterAttributes('div', {
        id: { evil: 1 },
        style: { background: 'url(/a.png?u=1)', color: ['red', 'important'], width: false },
      }),
    ).toEqual({
      style: { background: 'url(/a.png)', color: ['red', 'important'], width: false },
    });
  });
});

const ts = 1_700_000_000_000;

describe('filterReplayEvent', () => {
  test('Meta: the page address is cut to origin + path', () => {
    expect(
      filterReplayEvent({
        type: 4,
        data: { href: 'https://s.test/p?email=jean%40x.fr#y', width: 800, height: 600 },
        timestamp: ts,
      }),
    ).toEqual({
      type: 4,
      data: { href: 'https://s.test/p', width: 800, height: 600 },
      timestamp: ts,
    });
  });

  test('full snapshot: attributes filtered, comments emptied, blocked children dropped, unknown fields dropped', () => {
    const event = {
      type: 2,
      timestamp: ts,
      data: {
        initialOffset: { top: 0, left: 0 },
        extra: 'x',
        node: {
          type: 0,
          id: 1,
          childNodes: [
            { type: 1, id: 2, name: 'html', publicId: 'jean', systemId: '' },
            {
              type: 2,
              id: 3,
              tagName: 'div',
              attributes: { title: 'Jean', class: 'c' },
              secret: 'jean',
              childNodes: [
                { type: 5, id: 4, textContent: 'jean@example.com' },
                { type: 3, id: 5, textContent: MASK },
                {
                  type: 2,
                  id: 6,
                  tagName: 'iframe',
                  attributes: { src: 'https://x.test/?t=1' },
                  childNodes: [{ type: 3, id: 7, textContent: 'inner' }],
                },
                { type: 2, id: 8, tagName: 'bad tag!', attributes: {}, childNodes: [] },
                { type: 3, textContent: 'no id' },
              ],
            },
          ],
        },
      },
    };
    expect(filterReplayEvent(event)).toEqual({
      type: 2,
      timestamp: ts,
      data: {
        initialOffset: { top: 0, left: 0 },
        node: {
          type: 0,
          id: 1,
          childNodes: [
            { type: 1, id: 2, name: 'html', publicId: '', systemId: '' },
            {
              type: 2,
              id: 3,
              tagName: 'div',
              attributes: { class: 'c' },
              childNodes: [
                { type: 5, id: 4, textContent: '' },
                { type: 3, id: 5, textContent: MASK },
                {
                  type: 2,
                  id: 6,
                  tagName: 'iframe',
                  attributes: {},
                  childNodes: [],
                  needBlock: true,
                },
              ],
            },
          ],
        },
      },
    });
  });

  test('input events carry a constant mask and no checked state', () => {
    expect(
      filterReplayEvent({
        type: 3,
        timestamp: ts,
        data: { source: 5, id: 9, text: 'jean@example.com', isChecked: true, userTriggered: true },
      }),
    ).toEqual({
      type: 3,
      timestamp: ts,
      data: { source: 5, id: 9, text: MASK, isChecked: false },
    });
    expect(
      filterReplayEvent({ type: 3, timestamp: ts, data: { source: 5, id: 9, text: '' } })?.data,
    ).toMatchObject({ text: '' });
  });

  test('mutations: added nodes and attribute changes filtered', () => {
    const out = filterReplayEvent({
      type: 3,
      timestamp: ts,
      data: {
        source: 0,
        texts: [
          { id: 1, value: MASK },
          { id: 'x', value: 'y' },
        ],
        attributes: [
          { id: 2, attributes: { 'data-phone': '+33 6 12 34 56 78', href: '/suivi?order=1' } },
        ],
        removes: [{ parentId: 1, id: 3 }],
        adds: [
          {
            parentId: 1,
            nextId: null,
            node: {
              type: 2,
              id: 4,
              tagName: 'span',
              attributes: { title: 'Jean' },
              childNodes: [],
            },
          },
          { parentId: 1, node: null },
        ],
      },
    });
    expect(out?.data).toEqual({
      source: 0,
      texts: [{ id: 1, value: MASK }],
      attributes: [{ id: 2, attributes: { href: '/suivi' } }],
      removes: [{ parentId: 1, id: 3 }],
      adds: [
        {
          parentId: 1,
          nextId: null,
          node: { type: 2, id: 4, tagName: 'span', attributes: {}, childNodes: [] },
        },
      ],
    });
  });

  test.each([
    ['mouse move', { source: 1, positions: [{ x: 1, y: 2, id: 3, timeOffset: -4 }] }],
    ['scroll', { source: 3, id: 1, x: 0, y: 120 }],
    ['viewport', { source: 4, width: 800, height: 600 }],
    ['click', { source: 2, type: 2, id: 5, x: 10, y: 20, pointerType: 0 }],
  ])('numeric %s events pass unchanged', (_name, data) => {
    expect(filterReplayEvent({ type: 3, data, timestamp: ts })).toEqual({
      type: 3,
      data,
      timestamp: ts,
    });
  });

  test.each([
    [
      'a string smuggled into a numeric event',
      { type: 3, timestamp: ts, data: { source: 1, positions: [{ x: 'jean@example.com' }] } },
    ],
    ['canvas mutation', { type: 3, timestamp: ts, data: { source: 9, id: 1, commands: [] } }],
    [
      'font',
      {
        type: 3,
        timestamp: ts,
        data: { source: 10, family: 'x', fontSource: 'url(https://x/?t)' },
      },
    ],
    [
      'console log',
      { type: 3, timestamp: ts, data: { source: 11, payload: ['jean@example.com'] } },
    ],
    [
      'custom event',
      { type: 5, timestamp: ts, data: { tag: 'user', payload: { email: 'jean@example.com' } } },
    ],
    ['plugin event', { type: 6, timestamp: ts, data: { plugin: 'x', payload: {} } }],
    ['no timestamp', { type: 4, data: { href: 'https://s.test/' } }],
    ['not an object', 'jean@example.com'],
    ['null', null],
    ['array', [1, 2]],
  ])('drops %s', (_name, event) => {
    expect(filterReplayEvent(event)).toBeNull();
  });

  test('filterReplayEvents keeps order, drops what is never recorded, survives garbage', () => {
    expect(
      filterReplayEvents([
        { type: 0, data: {}, timestamp: 1 },
        'x',
        { type: 1, data: {}, timestamp: 2 },
      ]),
    ).toEqual([
      { type: 0, data: {}, timestamp: 1 },
      { type: 1, data: {}, timestamp: 2 },
    ]);
    expect(filterReplayEvents({ not: 'a list' })).toEqual([]);
  });

  test('deeply nested hostile input does not throw', () => {
    let node: Record<string, unknown> = { type: 3, id: 1, textContent: 'x' };
    for (let i = 0; i < 5000; i++)
      node = { type: 2, id: i + 2, tagName: 'div', attributes: {}, childNodes: [node] };
    expect(() => filterReplayEvent({ type: 2, timestamp: ts, data: { node } })).not.toThrow();
  });
});
