// Pure: words for replay windows and recordings — purposes, states, pause reasons, scanner
// findings (type and location only: the API never sends a matched value, and neither do we).
import { REPLAY_PURPOSES } from './replay-form.js';
import { t, type MessageKey } from '../i18n/t.js';
import { formatDateTime } from './format.js';

export function purposeLabel(purpose: string, text?: string | null): string {
  const known = REPLAY_PURPOSES.find((p) => p.value === purpose);
  if (purpose === 'other') return text ? t('purpose.otherText', { text }) : t('purpose.other');
  return known ? t(known.label) : purpose;
}

const stateLabels: Record<string, MessageKey> = {
  draft: 'replayState.draft',
  open: 'replayState.open',
  scheduled: 'replayState.scheduled',
  paused: 'replayState.paused',
  closed: 'replayState.closed',
  purged: 'replayState.purged',
};

export function stateLabel(state: string): string {
  const key = stateLabels[state];
  return key ? t(key) : state;
}

const reasonLabels: Record<string, MessageKey> = {
  leak_threshold: 'replayReason.leak_threshold',
  spike: 'replayReason.spike',
  ended: 'replayReason.ended',
  owner: 'replayReason.owner',
  org_owner: 'replayReason.org_owner',
  kill_switch: 'replayReason.kill_switch',
  manual: 'replayReason.manual',
  canary: 'replayReason.canary',
  storage_budget: 'replayReason.storage_budget',
  window_storage: 'replayReason.window_storage',
};

/** Why a window is paused or closed, as a sentence part; unknown codes are shown as sent. */
export function reasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const key = reasonLabels[reason];
  return key ? t(key) : reason.replace(/_/g, ' ');
}

const findingLabels: Record<string, MessageKey> = {
  email: 'finding.email',
  phone: 'finding.phone',
  card: 'finding.card',
  iban: 'finding.iban',
  nir: 'finding.nir',
  canary: 'finding.canary',
};

export function findingLabel(type: string): string {
  const key = findingLabels[type];
  return key ? t(key) : type;
}

export interface FindingLike {
  type: string;
  seq?: number | null;
  path?: string | null;
  offset?: number | null;
}

/** Where a finding sits: chunk number and JSON path (or offset). Never its value. */
export function findingLocation(f: FindingLike): string {
  const parts: string[] = [];
  if (typeof f.seq === 'number') parts.push(t('finding.chunk', { seq: f.seq }));
  if (f.path) parts.push(f.path);
  else if (typeof f.offset === 'number') parts.push(t('finding.offset', { offset: f.offset }));
  return parts.join(' · ') || t('finding.noLocation');
}

/** "12.5 %" from a rate of 0.125 (the number in the reader's locale: "12,5 %" in French). */
export function ratePercent(rate: number): string {
  return t('format.ratePercent', { n: Math.round(rate * 10_000) / 100 });
}

/** A time from the API (ISO text or epoch ms) in the viewer's locale and zone. */
export function formatWhen(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Date(value);
  if (!Number.isFinite(d.getTime())) return String(value);
  return formatDateTime(d);
}
