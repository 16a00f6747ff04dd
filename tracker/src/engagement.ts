// The engagement beacon (docs/WIRE.md): per pageview, visible time, max scroll depth and whether the
// visitor continued on the site; a follow-up (f: 1) when the page was shown and hidden again.
import { doc } from './config';
import { send, type Fields } from './send';

/** The pageview's fields (u, t, h, w, z), repeated on its beacons. */
let page: Fields;
/** Date.now() when the page was last measured while visible; 0 while hidden. */
let visibleSince: number;
/** Visible milliseconds not yet reported. */
let visibleMs: number;
let maxScroll: number;
let reportedScroll: number;
/**
 * Bits, set once each (docs/WIRE.md `c`): 2 once the visit is engaged (an interactive custom event,
 * or continuing), 4 once the visitor followed a same-site link or made an SPA navigation. The
 * beacon sends what is new since the last one (a difference of monotone bits).
 */
let continued: number;
let reportedContinued: number;
/** 1 once the pageview's first beacon went out: later ones are follow-ups (f: 1, else f: 0). */
let followUp: number;

/** Idempotent bookkeeping: adds the visible time since the last call, updates the max scroll. */
export const measure = () => {
  const now = Date.now();
  visibleMs += visibleSince && now - visibleSince;
  visibleSince = doc.hidden ? 0 : now;
  const depth = ((scrollY + innerHeight) * 100) / doc.documentElement.scrollHeight;
  if (depth > maxScroll) maxScroll = depth > 100 ? 100 : depth | 0;
};

export const startPage = (fields: Fields) => {
  page = fields;
  visibleMs =
    maxScroll =
    reportedScroll =
    continued =
    reportedContinued =
    followUp =
    visibleSince =
      0;
  measure();
};

/** 6: continued (and so engaged); 2: an interactive event, not a bounce but still an exit. */
export const mark = (bits: number) => (continued |= bits);

/**
 * The first beacon of a pageview, or a follow-up when there is something new to say. The page
 * counts as hidden from here on (pagehide comes before visibilitychange, and no time should
 * accrue between them); `visibilitychange` → visible starts the clock again.
 */
export const beacon = () => {
  measure();
  visibleSince = 0;
  const sd = maxScroll - reportedScroll;
  const c = continued - reportedContinued;
  if (!followUp || visibleMs || sd || c) {
    send('engagement', { ...page, e: visibleMs, sd, c, f: followUp });
    followUp = 1;
    visibleMs = 0;
    reportedScroll = maxScroll;
    reportedContinued = continued;
  }
};
