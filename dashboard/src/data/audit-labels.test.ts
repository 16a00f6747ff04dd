import { describe, expect, it } from 'vitest';
import { actionLabel, actorLabel, detailsText } from './audit-labels.js';

describe('audit labels', () => {
  it('names actions, keeps unknown codes', () => {
    expect(actionLabel('api_key.create')).toBe('Created API key');
    expect(actionLabel('replay.play')).toBe('replay.play');
  });

  it('shows members by email', () => {
    const emails = new Map([[3, 'a@b.test']]);
    expect(actorLabel('user:3', emails)).toBe('a@b.test');
    expect(actorLabel('user:4', emails)).toBe('user:4');
    expect(actorLabel('cli', emails)).toBe('cli');
  });

  it('flattens details', () => {
    expect(detailsText('{"from":"viewer","to":"admin"}')).toBe('from: viewer, to: admin');
    expect(detailsText('{"siteIds":[1,2],"owner":3}')).toBe('siteIds: 1 2, owner: 3');
    expect(detailsText('{}')).toBe('');
    expect(detailsText('not json')).toBe('not json');
    expect(detailsText('[1]')).toBe('[1]');
  });
});
