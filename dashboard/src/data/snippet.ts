// The tracker snippet a site owner copies into their pages (README, "Add the script tag").

const attribute = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `<script defer src="…/p.js" data-site="…">`: the script from this Pomelo's origin, for the
 * site's domain; `files` loads the variant that also counts file downloads. The text is escaped
 * for an HTML attribute although domains are checked by the server: it is pasted into pages.
 */
export function trackerSnippet(
  origin: string,
  domain: string,
  files = false,
  ignoreGpc = false,
): string {
  const src = `${origin.replace(/\/+$/, '')}/${files ? 'p.files.js' : 'p.js'}`;
  // Only when the site turned Global Privacy Control off: the server then counts such visits too.
  const gpc = ignoreGpc ? ' data-ignore-gpc' : '';
  return `<script defer src="${attribute(src)}" data-site="${attribute(domain)}"${gpc}></script>`;
}
