// The admin API's window body (replay contract §3, flat fields, user ids as numbers) → the input
// of the pure openWindow(); and a stored window → its API view. No I/O.
import type { StoredWindow } from '../store/replay.js';
import { readSafeguards, type WindowSafeguards } from './safeguards.js';
import type { FindingType } from './scanner.js';
import { effectiveState } from './window.js';
import { purgeDueAt } from './window-transitions.js';
import { coversWholeSite, type WindowFieldError } from './window-options.js';

const OPEN_FIELDS = [
  'purpose',
  'purposeText',
  'ticketUrl',
  'ownerUserId',
  'startsAt',
  'endsAt',
  'sampleRate',
  'maxSessions',
  'maxMinutesPerRecording',
  'maxPagesPerRecording',
  'includeRules',
  'excludeRules',
  'unmaskSelectors',
  'retentionDays',
  'viewerUserIds',
  'canary',
  'downloadsAllowed',
  'hideNoticeReason',
  'wholeSite',
];

/** The API says `support`; the record of processing and the pure module say support_investigation. */
const purposeIn = (p: unknown) => (p === 'support' ? 'support_investigation' : p);
export const purposeOut = (p: string) => (p === 'support_investigation' ? 'support' : p);

/** A user id as a number; numeric strings are accepted too ("12" is user 12). */
export function userId(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v;
  return Number.isSafeInteger(n) && (n as number) > 0 ? (n as number) : undefined;
}

const userIds = (v: unknown) =>
  Array.isArray(v) ? v.map((x) => (userId(x) === undefined ? x : String(userId(x)))) : v;

export type OpenBody =
  | {
      ok: true;
      input: Record<string, unknown>;
      canary: boolean;
      safeguards: WindowSafeguards;
      userIds: number[];
    }
  | { ok: false; errors: WindowFieldError[] };

/** Checks what openWindow() leaves to the API: known fields, an explicit end, numeric user ids. */
export function readOpenBody(body: unknown, requester: number): OpenBody {
  const b = (
    typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}
  ) as Record<string, unknown>;
  const errors: WindowFieldError[] = [];
  for (const key of Object.keys(b)) {
    if (!OPEN_FIELDS.includes(key)) {
      errors.push({ field: key, code: 'unknown_field', message: `${key} is not a window field` });
    }
  }
  // No window without an end (issue 6 §1): the end is asked for, never defaulted silently.
  if (b.endsAt === undefined || b.endsAt === null || b.endsAt === '') {
    errors.push({ field: 'endsAt', code: 'required', message: 'a window needs an end time' });
  }
  const owner = userId(b.ownerUserId ?? requester);
  if (owner === undefined) {
    errors.push({
      field: 'ownerUserId',
      code: 'invalid',
      message: 'ownerUserId must be a user id',
    });
  }
  const viewers = Array.isArray(b.viewerUserIds) ? b.viewerUserIds.map(userId) : [];
  if (!viewers.every((v) => v !== undefined)) {
    errors.push({ field: 'viewerUserIds', code: 'invalid', message: 'viewers are user ids' });
  }
  if (b.canary !== undefined && typeof b.canary !== 'boolean') {
    errors.push({ field: 'canary', code: 'invalid', message: 'canary is true or false' });
  }
  // The person adding viewers is never one of them (issue 12 §8).
  if (viewers.includes(requester)) {
    errors.push({
      field: 'viewerUserIds',
      code: 'self_viewer',
      message: 'you cannot name yourself as a viewer: another owner must name you',
    });
  }
  const safeguards = readSafeguards(b);
  if (!safeguards.ok) errors.push(safeguards.error);
  // Downloads are the window owner's decision (issue 12 §7): someone opening a window for another
  // owner cannot allow them.
  if (b.downloadsAllowed === true && owner !== requester) {
    errors.push({
      field: 'downloadsAllowed',
      code: 'owner_only',
      message: 'only the window’s owner allows downloads',
    });
  }
  // A rule that records every page needs its own explicit choice (issue 12 §3), and the choice
  // needs such a rule: "whole site" is then shown as such everywhere.
  if (b.wholeSite !== undefined && typeof b.wholeSite !== 'boolean') {
    errors.push({ field: 'wholeSite', code: 'invalid', message: 'wholeSite is true or false' });
  }
  const include = Array.isArray(b.includeRules) ? b.includeRules : [];
  const broad = include.filter((r): r is string => typeof r === 'string' && coversWholeSite(r));
  if (broad.length > 0 && b.wholeSite !== true) {
    errors.push({
      field: 'includeRules',
      code: 'invalid',
      message: `"${broad[0]}" records the whole site: confirm it with "wholeSite": true, or name the pages (e.g. /shop/**)`,
    });
  } else if (b.wholeSite === true && broad.length === 0) {
    errors.push({
      field: 'wholeSite',
      code: 'invalid',
      message: 'wholeSite is true but no include rule covers the whole site (use "/")',
    });
  }
  if (errors.length > 0 || !safeguards.ok) return { ok: false, errors };
  return {
    ok: true,
    canary: b.canary === true,
    safeguards: safeguards.safeguards,
    userIds: [owner!, ...(viewers as number[])],
    input: {
      purpose: purposeIn(b.purpose),
      purposeText: b.purposeText,
      ticketUrl: b.ticketUrl,
      ownerId: String(owner),
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      sampleRate: b.sampleRate,
      caps: {
        maxSessions: b.maxSessions,
        maxMinutesPerRecording: b.maxMinutesPerRecording,
        maxPagesPerRecording: b.maxPagesPerRecording,
      },
      includeRules: b.includeRules,
      excludeRules: b.excludeRules,
      unmaskSelectors: b.unmaskSelectors,
      retentionDays: b.retentionDays,
      viewerIds: userIds(b.viewerUserIds),
    },
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface WindowCounts {
  recordings: number;
  findings: Partial<Record<FindingType, number>>;
}

/** A window as the admin API shows it. */
export function windowView(w: StoredWindow, now: number, counts: WindowCounts) {
  const state = effectiveState(w, now);
  return {
    id: w.id,
    siteId: Number(w.siteId),
    purpose: purposeOut(w.purpose),
    purposeText: w.purposeText,
    ticketUrl: w.ticketUrl,
    ownerUserId: Number(w.ownerId),
    createdAt: iso(w.createdAt),
    startsAt: iso(w.startsAt),
    endsAt: iso(w.endsAt),
    sampleRate: w.sampleRate,
    maxSessions: w.caps.maxSessions,
    maxMinutesPerRecording: w.caps.maxMinutesPerRecording,
    maxPagesPerRecording: w.caps.maxPagesPerRecording,
    includeRules: w.includeRules,
    /** An include rule records every page of the site (chosen with wholeSite: true at opening). */
    wholeSite: w.includeRules.some(coversWholeSite),
    excludeRules: w.excludeRules,
    unmaskSelectors: w.unmaskSelectors,
    retentionDays: w.retentionDays,
    viewerUserIds: w.viewerIds.map(Number),
    canary: w.canary !== null,
    downloadsAllowed: w.safeguards.downloadsAllowed,
    noticeShown: w.safeguards.noticeHiddenReason === null,
    noticeHiddenReason: w.safeguards.noticeHiddenReason,
    signOff: w.safeguards.signOff
      ? {
          by: Number(w.safeguards.signOff.by),
          at: iso(w.safeguards.signOff.at),
          note: w.safeguards.signOff.note,
        }
      : null,
    /** The live preview link's expiry (the link itself is shown once, when it is made). */
    previewLinkExpiresAt:
      state === 'draft' && w.safeguards.preview && w.safeguards.preview.expiresAt > now
        ? iso(w.safeguards.preview.expiresAt)
        : null,
    state,
    pauseReason: state === 'paused' ? w.lastChange.reason : null,
    pauseDetail: state === 'paused' ? w.lastChange.detail : null,
    lastChange: {
      state: w.lastChange.state,
      at: iso(w.lastChange.at),
      by: w.lastChange.by === null ? null : Number(w.lastChange.by),
      reason: w.lastChange.reason,
      detail: w.lastChange.detail,
    },
    closedAt: iso(w.closedAt),
    purgedAt: iso(w.purgedAt),
    purgeDueAt: iso(purgeDueAt(w)),
    counts: {
      sessions: w.sessionsStarted,
      recordings: counts.recordings,
      flaggedChunks: w.flaggedChunks,
    },
    findings: counts.findings,
  };
}
