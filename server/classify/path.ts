// Turns a page URL into its stored path: decoded, sanitised, no query, fragment only if hash-routed
import { safeDecode, sanitiseText } from './text';

const MAX_PATH_LENGTH = 300;

/** Percent-decodes segment by segment, so one malformed escape leaves only its segment encoded. */
function decodeSegments(encoded: string): string {
  return encoded.split('/').map(safeDecode).join('/');
}

/**
 * The page path as people read it: pathname percent-decoded, control/bidi/zero-width characters
 * removed, repeated slashes collapsed, capped at 300 chars, always starting with '/'. The query
 * string is always dropped (campaign tags are read separately). With hash routing the fragment,
 * decoded and without any `?query` of its own, is kept after a '#'. Never throws.
 */
export function normalisePath(url: URL, hashRouting: boolean): string {
  const pathname = url.pathname;
  // URL gives a percent-encoded ASCII pathname: without '%' or '//' there is nothing to change.
  if (
    !hashRouting &&
    pathname.length <= MAX_PATH_LENGTH &&
    pathname.charCodeAt(0) === 47 &&
    !pathname.includes('%') &&
    !pathname.includes('//') &&
    sanitiseText(pathname, MAX_PATH_LENGTH) === pathname
  ) {
    return pathname;
  }
  let path = decodeSegments(pathname);
  if (hashRouting) {
    const fragment = decodeSegments(url.hash.slice(1).split('?')[0] ?? '');
    if (fragment !== '') path += `#${fragment}`;
  }
  path = sanitiseText(path.replace(/\/{2,}/g, '/'), MAX_PATH_LENGTH);
  if (!path.startsWith('/')) path = sanitiseText(`/${path}`, MAX_PATH_LENGTH);
  return path;
}
