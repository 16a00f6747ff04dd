// Pure: words for replay windows and recordings — purposes, states, pause reasons, scanner
// findings (type and location only: the API never sends a matched value, and neither do we).
import { REPLAY_PURPOSES } from './replay-form.js';

export function purposeLabel(purpose: string, text?: string | null): string {
  const known = REPLAY_PURPOSES.find((p) => p.value === purpose);
  if (purpose === 'other') return text ? `Other: ${text}` : 'Other';
  return known?.label ?? purpose;
}

const stateLabels: Record<string, string> = {
  draft: 'Draft (not recording)',
  open: 'Open',
  scheduled: 'Scheduled',
  paused: 'Paused',
  closed: 'Closed',
  purged: 'Closed and purged',
};

export function stateLabel(state: string): string {
  return stateLabels[state] ?? state;
}

const reasonLabels: Record<string, string> = {
  leak_threshold: 'the leak scanner found personal data past the threshold',
  spike: 'a spike in new recordings per minute',
  ended: 'its end time was reached',
  owner: 'closed by its owner',
  org_owner: 'closed by an owner of the organisation',
  kill_switch: 'the kill switch',
  manual: 'paused by an admin',
  canary: 'the planted canary reached the server (masking failed): the recording is quarantined',
  storage_budget: 'the install’s replay storage budget is used up (POMELO_REPLAY_STORAGE_MB)',
  window_storage: 'the window reached its storage cap (POMELO_REPLAY_WINDOW_MB)',
};

/** Why a window is paused or closed, as a sentence part; unknown codes are shown as sent. */
export function reasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return reasonLabels[reason] ?? reason.replace(/_/g, ' ');
}

const findingLabels: Record<string, string> = {
  email: 'Email address',
  phone: 'Phone number',
  card: 'Card number (Luhn)',
  iban: 'IBAN',
  nir: 'French social-security number',
  canary: 'Canary marker (masking is broken)',
};

export function findingLabel(type: string): string {
  return findingLabels[type] ?? type;
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
  if (typeof f.seq === 'number') parts.push(`chunk ${f.seq}`);
  if (f.path) parts.push(f.path);
  else if (typeof f.offset === 'number') parts.push(`offset ${f.offset}`);
  return parts.join(' · ') || 'location not recorded';
}

/** "12.5 %" from a rate of 0.125. */
export function ratePercent(rate: number): string {
  return `${Math.round(rate * 10_000) / 100} %`;
}

/** A time from the API (ISO text or epoch ms) in the viewer's locale and zone. */
export function formatWhen(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Date(value);
  if (!Number.isFinite(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
