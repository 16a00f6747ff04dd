// Link clicks: outbound links and file downloads become events; same-site links mark "continued".
import { fileTypes } from './config';
import { markContinued } from './engagement';
import { send } from './send';

function onClick(e: MouseEvent): void {
  const a = (e.target as Element).closest('a');
  // mailto:, tel: and javascript: links have no host.
  if (a?.host) {
    // Origin and path only: query strings and fragments can carry secrets.
    const p = { url: a.origin + a.pathname };
    if (a.host != location.host) send('Outbound Link: Click', { p });
    else if (fileTypes.test(a.pathname)) send('File Download', { p });
    else markContinued();
  }
}

/** click, and auxclick for the middle button (open in a new tab). */
export function listenForLinks(): void {
  for (const type of ['click', 'auxclick']) document.addEventListener(type, onClick as EventListener, true);
}
