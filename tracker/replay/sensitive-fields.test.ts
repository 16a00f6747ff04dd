// Tests the sensitive-page rules on elements and on raw rrweb events.
import { describe, expect, test } from 'vitest';
import {
  eventShowsSensitiveField,
  isSensitiveAutocomplete,
  isSensitiveElement,
} from './sensitive-fields';

describe('isSensitiveAutocomplete', () => {
  test.each([
    ['cc-number', true],
    ['billing cc-exp', true],
    ['CC-CSC', true],
    ['current-password', true],
    ['new-password', true],
    ['one-time-code', true],
    ['section-a shipping one-time-code', true],
    ['email', false],
    ['name', false],
    ['off', false],
    ['', false],
    ['acc-number', false],
  ])('%s → %s', (value, expected) => {
    expect(isSensitiveAutocomplete(value as string)).toBe(expected);
  });
});

describe('isSensitiveElement', () => {
  test.each([
    ['input', { type: 'password' }, true],
    ['INPUT', { type: ' Password ' }, true],
    ['input', { type: 'text', autocomplete: 'cc-number' }, true],
    ['html', { 'data-replay': 'off' }, true],
    ['html', { 'data-replay': 'on' }, false],
    ['div', { 'data-replay': 'off' }, false],
    ['input', { type: 'email' }, false],
    ['button', { type: 'password' }, false],
  ])('%s %j → %s', (tag, attrs, expected) => {
    expect(isSensitiveElement(tag as string, attrs)).toBe(expected);
  });
});

describe('eventShowsSensitiveField', () => {
  const input = (attributes: Record<string, string>) => ({
    type: 2,
    id: 9,
    tagName: 'input',
    attributes,
    childNodes: [],
  });
  test.each([
    [
      'full snapshot with a password field',
      {
        type: 2,
        data: {
          node: {
            type: 0,
            id: 1,
            childNodes: [
              {
                type: 2,
                id: 2,
                tagName: 'form',
                attributes: {},
                childNodes: [input({ type: 'password' })],
              },
            ],
          },
        },
      },
      true,
    ],
    [
      'full snapshot of html data-replay=off',
      {
        type: 2,
        data: {
          node: {
            type: 0,
            id: 1,
            childNodes: [
              {
                type: 2,
                id: 2,
                tagName: 'html',
                attributes: { 'data-replay': 'off' },
                childNodes: [],
              },
            ],
          },
        },
      },
      true,
    ],
    [
      'added one-time-code input',
      {
        type: 3,
        data: {
          source: 0,
          adds: [{ parentId: 1, node: input({ autocomplete: 'one-time-code' }) }],
          attributes: [],
        },
      },
      true,
    ],
    [
      'input switched to password',
      {
        type: 3,
        data: { source: 0, adds: [], attributes: [{ id: 9, attributes: { type: 'password' } }] },
      },
      true,
    ],
    [
      'data-replay=off set later',
      {
        type: 3,
        data: { source: 0, attributes: [{ id: 3, attributes: { 'data-replay': 'off' } }] },
      },
      true,
    ],
    [
      'a harmless mutation',
      {
        type: 3,
        data: {
          source: 0,
          adds: [{ parentId: 1, node: input({ type: 'email' }) }],
          attributes: [{ id: 9, attributes: { class: 'x' } }],
        },
      },
      false,
    ],
    ['an input event', { type: 3, data: { source: 5, id: 9, text: '***' } }, false],
    ['garbage', 'password', false],
  ])('%s → %s', (_name, event, expected) => {
    expect(eventShowsSensitiveField(event)).toBe(expected);
  });
});
