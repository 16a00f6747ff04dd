import { describe, expect, it } from 'vitest';
import { hrefOf, parseReportState, parseRoute, withReportState } from './router.js';

describe('router', () => {
  it('parses the hash routes', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'overview' });
    expect(parseRoute('/', '#/')).toEqual({ name: 'overview' });
    expect(parseRoute('/', '#/login')).toEqual({ name: 'login' });
    expect(parseRoute('/', '#/setup')).toEqual({ name: 'setup', token: '' });
    expect(parseRoute('/', '#/sites/shop.test')).toEqual({ name: 'site', domain: 'shop.test' });
    expect(parseRoute('/', '#/share/3/tok')).toEqual({ name: 'share', site: '3', token: 'tok' });
    expect(parseRoute('/', '#/nope/x/y')).toEqual({ name: 'not-found' });
  });

  it('understands the links the server prints', () => {
    expect(parseRoute('/setup', '#token=setup_abc')).toEqual({ name: 'setup', token: 'setup_abc' });
    expect(parseRoute('/share/7', '#token=shr_x')).toEqual({
      name: 'share',
      site: '7',
      token: 'shr_x',
    });
  });

  it('round-trips domains through hrefs', () => {
    const href = hrefOf({ name: 'site', domain: 'a b.test' });
    expect(parseRoute('/', href)).toEqual({ name: 'site', domain: 'a b.test' });
  });

  it('keeps the period and comparison in the hash', () => {
    const hash = withReportState('#/sites/shop.test', { period: '7d', compare: true });
    expect(hash).toBe('#/sites/shop.test?period=7d&compare=previous');
    expect(parseRoute('/', hash)).toEqual({ name: 'site', domain: 'shop.test' });
    expect(parseReportState(hash)).toEqual({ period: '7d', compare: true });
    expect(parseReportState('#/sites/a')).toEqual({ period: null, compare: false });
    expect(withReportState(hash, { period: '30d', compare: false })).toBe(
      '#/sites/shop.test?period=30d',
    );
  });
});
