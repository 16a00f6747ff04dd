import { describe, expect, it } from 'vitest';
import { decodePath, displayValue, rowLabel } from './labels.js';

describe('breakdown labels', () => {
  it('decodes paths and keeps broken escapes as they are', () => {
    expect(decodePath('/caf%C3%A9')).toBe('/café');
    expect(decodePath('/%3Cimg%20src=x%3E')).toBe('/<img src=x>');
    expect(decodePath('/100%')).toBe('/100%');
  });

  it('names countries and leaves other values alone', () => {
    expect(displayValue('country', 'FR', 'en-US')).toBe('France');
    expect(displayValue('country', 'XX', 'en-US')).toBe('XX');
    expect(displayValue('source', 'Google%20x', 'en-US')).toBe('Google%20x');
    expect(displayValue('page', '/a%20b', 'en-US')).toBe('/a b');
  });

  it('reads event properties as key: value, entry and exit pages as paths', () => {
    expect(rowLabel('event_prop', { key: 'plan', value: 'pro' })).toBe('plan: pro');
    expect(rowLabel('entry', { value: '/caf%C3%A9' })).toBe('/café');
    expect(rowLabel('exit', { value: '/a%20b' })).toBe('/a b');
    expect(rowLabel('event', { value: '<b>x</b>' })).toBe('<b>x</b>');
  });
});
