// The string checks in front of a page goal's automaton (goals.ts literalPieces) never turn away a
// path the automaton matches: compared with excludedPathGlob alone over patterns × paths.
import { describe, expect, test } from 'vitest';
import { excludedPathGlob } from '../classify/glob.js';
import type { GoalRecord } from '../store/goals-store.js';
import { goalMatchesPage, literalPieces } from './goals.js';

const patterns = [
  '/',
  '/thanks',
  '/thanks/',
  '/thanks*',
  '/thanks/*',
  '/blog/**',
  '/**/article-1*',
  '/section-4*/**',
  '/a/*/b',
  '/a/**/b/',
  '/*',
  '/**',
  '/x*y*z',
  '/docs/*/edit',
];
const paths = [
  '/',
  '/thanks',
  '/thanks/',
  '/thanks-you',
  '/thanks/a',
  '/thanks/a/b',
  '/blog',
  '/blog/',
  '/blog/2024/post',
  '/section-42/article-1',
  '/section-4/x/article-17',
  '/article-1',
  '/a/q/b',
  '/a/b',
  '/a/q/r/b/',
  '/xyz',
  '/x-y-z/',
  '/docs/api/edit',
  '/docs/api/v2/edit',
  '/docs//edit',
];

const pageGoal = (pagePattern: string) =>
  ({ kind: 'page', pagePattern, name: pagePattern }) as GoalRecord;

describe('page goals: literal pre-checks agree with the automaton', () => {
  test.each(patterns)('%s', (pattern) => {
    const full = excludedPathGlob(pattern);
    for (const path of paths) {
      expect([path, goalMatchesPage(pageGoal(pattern), path)]).toEqual([path, full.matches(path)]);
    }
  });

  test('pieces: the prefix before the first star, then the text between stars', () => {
    expect(literalPieces('/thanks/*')).toEqual({ prefix: '/thanks', pieces: [] });
    expect(literalPieces('/**/article-1*')).toEqual({ prefix: '', pieces: ['/article-1'] });
    expect(literalPieces('/a/*/b/')).toEqual({ prefix: '/a', pieces: ['/b'] });
  });
});
