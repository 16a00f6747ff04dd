// Names the navigation kind of a pageview and decides whether it starts a visit (an "entry").

export type NavigationKind = 'navigate' | 'reload' | 'back_forward' | 'spa' | 'unknown';

const KINDS: readonly NavigationKind[] = ['navigate', 'reload', 'back_forward', 'spa'];

/**
 * The wire field `t`: 0 navigate, 1 reload, 2 back/forward, 3 SPA route change. Missing (as in
 * Plausible payloads) or any other value → 'unknown'.
 */
export function navigationKind(t: number | undefined): NavigationKind {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= KINDS.length) {
    return 'unknown';
  }
  return KINDS[t] ?? 'unknown';
}

/**
 * An entry is a normal navigation whose referrer is empty or of another site. Reloads,
 * back/forward and SPA route changes never are. 'unknown' (Plausible) counts as a normal
 * navigation, so a reload with an external referrer looks like an entry there (documented).
 */
export function isEntry(nav: NavigationKind, referrerInternal: boolean): boolean {
  return (nav === 'navigate' || nav === 'unknown') && referrerInternal !== true;
}
