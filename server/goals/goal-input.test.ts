import { describe, expect, test } from 'vitest';
import { parseGoal, parseGoalName, parseRevenue, revenueText, revenueValue } from './goal-input.js';

describe('parseRevenue reads amounts exactly, in thousandths', () => {
  test.each([
    [19.99, 19_990],
    ['19.99', 19_990],
    [0.1, 100],
    ['0.125', 125],
    [0, 0],
    ['007.5', 7_500],
    [1_000_000_000, 1_000_000_000_000],
    ['1000000000.000', 1_000_000_000_000],
  ])('%j → %i', (amount, thousandths) => {
    expect(parseRevenue({ currency: 'EUR', amount })).toEqual({
      currency: 'EUR',
      amount: thousandths,
    });
  });

  test('the currency is upper-cased, then must be ISO 4217', () => {
    expect(parseRevenue({ currency: ' usd ', amount: 1 })).toEqual({
      currency: 'USD',
      amount: 1000,
    });
    expect(parseRevenue({ currency: 'XXX', amount: 1 })).toMatch(/ISO 4217/);
  });

  test.each([
    -1,
    '-0.5',
    1e21,
    1.5e-7,
    1_000_000_000.5,
    '1000000000.001',
    '1e3',
    '0x10',
    '1,5',
    '',
    ' ',
    'NaN',
    'Infinity',
    '0.1234',
    '0.1234567890123456789012345678901234567890',
    null,
    true,
    [1],
    { value: 1 },
  ])('%j is refused with a sentence', (amount) => {
    expect(typeof parseRevenue({ currency: 'EUR', amount })).toBe('string');
  });

  test('exact text and JSON values', () => {
    expect(revenueText(19_990)).toBe('19.99');
    expect(revenueText(125)).toBe('0.125');
    expect(revenueText(25_000)).toBe('25.00');
    expect(revenueValue(19_990)).toBe(19.99);
    expect(revenueValue(2 ** 53 - 1)).toBe(9_007_199_254_740.991);
  });
});

describe('parseGoal', () => {
  test('kinds and default names', () => {
    expect(parseGoal({ page: '/thanks*' })).toMatchObject({
      ok: true,
      goal: { name: 'Visit /thanks*', kind: 'page', pagePattern: '/thanks*' },
    });
    expect(parseGoal({ event: 'Signup', prop: { key: 'plan', value: 'pro' } })).toMatchObject({
      ok: true,
      goal: { name: 'Signup (plan=pro)', kind: 'event', propKey: 'plan', propValue: 'pro' },
    });
    expect(parseGoal({ event: 'Buy', currency: 'JPY', name: ' Orders ' })).toMatchObject({
      ok: true,
      goal: { name: 'Orders', kind: 'revenue', currency: 'JPY' },
    });
  });
});

// Found by `npm run fuzz` (seed 1089988557): a name with a lone surrogate was stored as other bytes
// (3 × U+FFFD when read back), so DELETE …/goals/<the name it answered> found no goal.
describe('text that UTF-8 cannot store is refused', () => {
  test.each([
    [{ name: '\ud800', page: '/a' }, 'name: name must be valid Unicode (a lone surrogate)'],
    [{ event: 'Sign\udc00up' }, 'event: event must be valid Unicode (a lone surrogate)'],
    [
      { event: 'Signup', prop: { key: 'plan', value: '\ud83d' } },
      'prop.value: prop value must be valid Unicode (a lone surrogate)',
    ],
    [{ page: '/a\ud800' }, 'page: page pattern must be valid Unicode (a lone surrogate)'],
  ])('%j → %s', (body, message) => {
    expect(parseGoal(body)).toEqual({ ok: false, message });
  });

  test('a pair (an emoji) is text like any other', () => {
    expect(parseGoal({ name: 'Joie \ud83d\ude00', page: '/a' })).toMatchObject({ ok: true });
    expect(parseGoalName('\ud800')).toBeNull();
  });
});

test('the longest default name can be named back (DELETE …/goals/:name)', () => {
  const body = { event: 'e'.repeat(120), prop: { key: 'k'.repeat(60), value: 'v'.repeat(300) } };
  const parsed = parseGoal(body);
  expect(parsed).toMatchObject({ ok: true });
  const name = (parsed as { goal: { name: string } }).goal.name;
  expect(name).toHaveLength(484);
  expect(parseGoalName(name)).toBe(name);
  expect(parseGoalName(`${name}x`)).toBeNull();
});
