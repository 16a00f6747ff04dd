// Custom events: window.pomelo(name, props). Calls made before the script loaded were queued by the
// site's one-line stub (pomelo.q); they are replayed, then window.pomelo is replaced.
import { send } from './send';

type Pomelo = (name: string, props?: Record<string, unknown>) => void;

/** 'consent' is reserved for the replay research window: it is never an analytics event. */
const track = (name: string, props?: Record<string, unknown>) => {
  if (name != 'consent') send(name, { p: props });
};

/** When tracking is off, window.pomelo still exists (a no-op), so site code never breaks. */
export const installQueue = (enabled: unknown) => {
  const w = window as unknown as { pomelo?: Pomelo & { q?: Parameters<Pomelo>[] } };
  const queued = w.pomelo?.q || [];
  w.pomelo = enabled ? track : () => {};
  for (const args of queued) w.pomelo(...args);
};
