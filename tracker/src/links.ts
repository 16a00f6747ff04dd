// Link clicks (click, and auxclick for the middle button): outbound links (p.outbound.js, p.files.js)
// and file downloads (p.files.js) become events; any other same-site link that loads a page marks the visit continued.
import { loc } from './config';
import { isDownload } from './downloads';
import { mark } from './engagement';
import { FILE_DOWNLOADS, OUTBOUND_LINKS } from './flags';
import { send } from './send';

/**
 * Origin and path only: query strings and fragments can carry secrets. A link event is an
 * interactive event (Plausible's rule): the visit is no bounce (variants only, not in p.js).
 */
const sendLink = (name: string, a: HTMLAnchorElement) => (
  mark(2),
  send(name, { p: { url: a.origin + a.pathname } })
);

export const onClick = (e: MouseEvent) => {
  // closest?.(): a click dispatched at document or window has no element as its target.
  const a = (e.target as Element).closest?.('a');
  // Right clicks open a menu, not the link; mailto:, tel: and javascript: links have no host.
  if (!a?.host || e.button > 1) return;
  if (FILE_DOWNLOADS && isDownload(a.pathname)) sendLink('File Download', a);
  else if (a.host != loc.host) OUTBOUND_LINKS && sendLink('Outbound Link: Click', a);
  // A fragment of this very page loads nothing: that is no continuation.
  else if (!a.hash || a.pathname != loc.pathname) mark(6);
};
