// Alerts about replay research windows, to the window's owner and named viewers (pure: the window,
// its unreviewed count and `now` are passed in). One message per event, keyed so that it is sent
// once: a pause by the scanner (its change's time), the review queue reaching the gate (once per
// window), and the last day before the end (the end time: moving the end makes a new one).
import type { StoredWindow } from '../store/replay.js';
import { REVIEW_GATE } from '../replay/safeguards.js';

export const replayAlertKinds = ['replay_paused', 'replay_review', 'replay_ending'] as const;
export type ReplayAlertKind = (typeof replayAlertKinds)[number];

export const isReplayAlertKind = (kind: string): kind is ReplayAlertKind =>
  (replayAlertKinds as readonly string[]).includes(kind);

const DAY_MS = 86_400_000;

export interface ReplayAlert {
  kind: ReplayAlertKind;
  /** The send-log period: `<window id>@<instant>` or `<window id>`. */
  period: string;
}

/** The window a replay alert's period names. */
export const windowOfPeriod = (period: string): string => period.split('@')[0]!;

export function replayAlerts(w: StoredWindow, unreviewed: number, nowMs: number): ReplayAlert[] {
  const out: ReplayAlert[] = [];
  const live = w.state === 'open' || w.state === 'paused';
  // Paused by the leak scanner (a threshold of findings, or the planted canary): not by a person.
  if (
    w.state === 'paused' &&
    (w.lastChange.reason === 'leak_threshold' || w.lastChange.reason === 'canary')
  ) {
    out.push({ kind: 'replay_paused', period: `${w.id}@${w.lastChange.at}` });
  }
  if (live && unreviewed >= REVIEW_GATE) out.push({ kind: 'replay_review', period: w.id });
  if (w.state === 'open' && w.endsAt > nowMs && w.endsAt - nowMs <= DAY_MS) {
    out.push({ kind: 'replay_ending', period: `${w.id}@${w.endsAt}` });
  }
  return out;
}

/** Who hears about a window: its owner and its named viewers, each once. */
export const replayAudience = (w: StoredWindow): number[] =>
  [...new Set([w.ownerId, ...w.viewerIds])].map(Number).filter(Number.isSafeInteger);
