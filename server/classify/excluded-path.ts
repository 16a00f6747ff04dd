// A site's excluded paths (settings.excludedPaths), matched by ingestion on every event. Pure.
import { anyGlob, excludedPathGlob, type PathGlob, type StepCounter } from './glob.js';

// Compiled once per pattern list: the site directory keeps the same settings object (and array)
// until it reloads the site, and a list nobody holds any more is collected with its globs.
const compiled = new WeakMap<readonly string[], PathGlob[]>();

/**
 * True when a page path matches one of the site's excluded patterns (glob.ts, excludedPathGlob):
 * time linear in pattern × path whatever the pattern.
 */
export function isExcludedPath(
  path: string,
  patterns: readonly string[] | undefined,
  counter?: StepCounter,
): boolean {
  if (!patterns || patterns.length === 0) return false;
  let globs = compiled.get(patterns);
  if (!globs) {
    globs = patterns.map(excludedPathGlob);
    compiled.set(patterns, globs);
  }
  return anyGlob(globs, path, counter);
}
