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
    expect(parseRoute('/', '#/account/second-factor')).toEqual({ name: 'second-factor' });
    expect(parseRoute('/', hrefOf({ name: 'second-factor' }))).toEqual({ name: 'second-factor' });
  });

  it('understands the links the server prints', () => {
    expect(parseRoute('/setup', '#token=setup_abc')).toEqual({ name: 'setup', token: 'setup_abc' });
    expect(parseRoute('/share/7/abc123', '#token=shr_x?period=7d')).toEqual({
      name: 'share',
      site: '7',
      token: 'shr_x',
    });
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
    const hash = withReportState('#/sites/shop.test', { period: '7d', compare: 'previous' });
    expect(hash).toBe('#/sites/shop.test?period=7d&compare=previous');
    expect(parseRoute('/', hash)).toEqual({ name: 'site', domain: 'shop.test' });
    expect(parseReportState(hash)).toEqual({ period: '7d', compare: 'previous' });
    expect(parseReportState('#/sites/a')).toEqual({ period: null, compare: null });
    expect(parseReportState('#/sites/a?compare=yesterday')).toEqual({
      period: null,
      compare: null,
    });
    expect(withReportState(hash, { period: '30d', compare: null })).toBe(
      '#/sites/shop.test?period=30d',
    );
  });

  it('keeps a custom range and the year-over-year comparison', () => {
    const state = {
      period: 'custom',
      from: '2025-03-01',
      to: '2025-03-31',
      compare: 'year' as const,
    };
    const hash = withReportState('#/sites/a.test?period=7d', state);
    expect(hash).toBe('#/sites/a.test?period=custom&from=2025-03-01&to=2025-03-31&compare=year');
    expect(parseReportState(hash)).toEqual(state);
    // Days only travel with a custom period.
    expect(withReportState('#/sites/a', { ...state, period: '7d' })).toBe(
      '#/sites/a?period=7d&compare=year',
    );
  });

  it('parses the settings, realtime, organisation and invitation routes', () => {
    for (const route of [
      { name: 'realtime', domain: 'shop.test' },
      { name: 'settings', domain: 'shop.test' },
      { name: 'members', orgId: 4 },
      { name: 'audit', orgId: 4 },
      { name: 'api-keys' },
    ] as const) {
      expect(parseRoute('/', hrefOf(route))).toEqual(route);
    }
    expect(parseRoute('/', '#/orgs/x/members')).toEqual({ name: 'not-found' });
    expect(parseRoute('/', '#/sites/a/nope')).toEqual({ name: 'not-found' });
    expect(parseRoute('/invite', '#token=inv_abc')).toEqual({ name: 'invite', token: 'inv_abc' });
  });
});
