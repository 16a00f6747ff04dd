// Custom events: window.pomelo(name, props); calls queued before the script loaded are replayed.
import { send } from './send';

type Win = Window & { pomelo?: ((...args: never[]) => void) & { q?: IArguments[] } };

/** 'consent' is reserved for the replay research window; it is not an analytics event. */
function track(name: string, props?: Record<string, unknown>): void {
  if (name != 'consent') send(name, { p: props });
}

export function installQueue(): void {
  const w = window as Win;
  const queued = w.pomelo?.q || [];
  w.pomelo = track;
  for (const args of queued) track(...(args as unknown as Parameters<typeof track>));
}
