// The research-window hook (DESIGN.md "Replay research window"). A pageview answered 200 carries a
// text body: the path of a module to import, its fragment the server's offer (the recorder,
// `/replay.js?o=<offer>`, on a visit's entry) or `/replay-tab?continue` (a later page of a covered
// visit: the tab loader continues this tab's recording, if any). It is imported only once the site
// has also signalled consent: pomelo('consent', {replay: true}). A withdrawal imports the tab
// loader `/replay-tab`, which deletes this tab's recording on the server even on a page without the
// recorder (tracker/replay/tab.ts). This file holds no recording code and touches no storage.
import { api } from './config';

let offer: unknown;
let consent: unknown;

/**
 * Takes an offer (or none) and imports the module when consent is there too. import() of the same
 * URL runs the module once; a new offer (an SPA pageview) finds it running. The promise goes back
 * to send()'s chain, whose catch swallows a failed load.
 */
export const load = (path?: unknown) =>
  // @ts-expect-error import() stringifies the URL.
  (offer = path) && consent && import(/* @vite-ignore */ new URL(offer, api));

/**
 * pomelo('consent', {replay: true|false}). Withdrawn, the offer is not used (consent is false) and
 * the tab loader deletes whatever recording this tab holds, wherever it started.
 */
export const consented = (props?: Record<string, unknown>) =>
  // @ts-expect-error import() stringifies the URL.
  (consent = props?.replay === true) ? load(offer) : import(new URL('/replay-tab', api));
