// Custom events: window.pomelo(name, props). Calls made before the script loaded were queued by the
// site's one-line stub (pomelo.q); p.ts replays them once window.pomelo is replaced.
import { mark } from './engagement';
import { consented } from './offer';
import { send } from './send';

export type Pomelo = (name: string, props?: Record<string, unknown>, interactive?: boolean) => void;

/**
 * 'consent' is reserved for the replay research window: it is never an analytics event. An event
 * is interactive (the visit is no bounce) unless the third argument is `false`, as Plausible's
 * `interactive: false`: pomelo('Video autoplayed', {}, false).
 */
export const track = (name: string, props?: Record<string, unknown>, interactive?: boolean) => {
  // `!= 0`: undefined and true are interactive, false (== 0) is not; shorter than `!== false`.
  if (name != 'consent') (send(name, { p: props }), (interactive as unknown) != 0 && mark(2));
  else consented(props);
};

export type PomeloGlobal = { pomelo?: Pomelo & { q?: Parameters<Pomelo>[] } };
