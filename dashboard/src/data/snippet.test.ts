import { describe, expect, it } from 'vitest';
import { trackerSnippet } from './snippet.js';

describe('trackerSnippet', () => {
  it.each([
    [
      'https://stats.example.org',
      'example.com',
      false,
      '<script defer src="https://stats.example.org/p.js" data-site="example.com"></script>',
    ],
    [
      'http://127.0.0.1:8080/',
      'shop.test',
      true,
      '<script defer src="http://127.0.0.1:8080/p.files.js" data-site="shop.test"></script>',
    ],
    [
      'https://s.test',
      '"><img src=x onerror=alert(1)>',
      false,
      '<script defer src="https://s.test/p.js" data-site="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"></script>',
    ],
  ])('%s %s files=%s', (origin, domain, files, expected) => {
    expect(trackerSnippet(origin, domain, files)).toBe(expected);
  });
});
