// Pure: URLs cut to origin + path, everywhere a recording carries one (issue 6 §3). Shared by
// the recorder and the server's re-check.

/** Path parameters (`/cart;jsessionid=ABC/x` → `/cart/x`): session ids hide there. */
export function cutPathParams(path: string): string {
  return path.replace(/;[^/]*/g, '');
}

/**
 * `https://shop.test/a/b;jsessionid=1?x=1#y` → `https://shop.test/a/b`. Relative URLs lose their query and
 * fragment; fragment-only references (`#icon`, SVG sprites) are kept only when `keepFragment`.
 * Returns null for anything that is not http(s) or relative.
 */
export function cutUrl(raw: string, keepFragment = false): string | null {
  const value = raw.trim();
  if (value.startsWith('#')) return keepFragment && /^#[\w-]{1,100}$/.test(value) ? value : null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:'
        ? url.origin + cutPathParams(url.pathname)
        : null;
    } catch {
      return null;
    }
  }
  if (value.startsWith('//')) return null; // protocol-relative: resolve on the page, never guess
  return cutPathParams(value.split(/[?#]/)[0] ?? '');
}

/** Cuts every `url(...)` inside CSS text; `url(data:…)` becomes `url()`. */
export function cutCssUrls(css: string): string {
  return css.replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, (_m, quote: string, url: string) => {
    const cut = cutUrl(url);
    return `url(${quote}${cut ?? ''}${quote})`;
  });
}
