// Custom events: window.pomelo(name, props). Calls made before the script loaded were queued by the
// site's one-line stub (pomelo.q); p.ts replays them once window.pomelo is replaced.
import { consented } from './offer';
import { send } from './send';

export type Pomelo = (name: string, props?: Record<string, unknown>) => void;

/** 'consent' is reserved for the replay research window: it is never an analytics event. */
export const track = (name: string, props?: Record<string, unknown>) => {
  if (name != 'consent') send(name, { p: props });
  else consented(props);
};

export type PomeloGlobal = { pomelo?: Pomelo & { q?: Parameters<Pomelo>[] } };
