// The research-window hook (DESIGN.md "Replay research window"). A pageview answered 200 carries a
// text body: the path of the recording module, its fragment the server's offer. The module is
// imported only once the site has also signalled consent: pomelo('consent', {replay: true}). A
// withdrawal forgets the offer; the module, once loaded, sees the same call and stops and purges
// the recording itself. This file holds no recording code and touches no storage.
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

/** pomelo('consent', {replay: true|false}). */
export const consented = (props?: Record<string, unknown>) =>
  load((consent = props?.replay === true) && offer);
