// What happened to a site's events in the last 30 minutes, for the install check (issue 19 §6):
// how many were counted, how many were set aside as bots or headless browsers, and how many were not
// counted and why (unknown site, domain mismatch, excluded path, GPC, rate limit). Counts only:
// nothing about a visitor, no path, no address — a reason code and a number per minute.
//
// IN MEMORY, per process, like realtime (realtime.ts): fed by ingestion, empty after a restart, and
// with several ingest nodes each node counts what it received (docs/DEPLOY.md). Bounded: 30 slots of
// a few integers per site, at most `maxSites` sites (the least recently fed is dropped).

export const outcomeMinutes = 30;

/** Why an event of a known site was not counted (server/ingest/pipeline.ts). */
export type NotCountedReason =
  'unknown_site' | 'domain_mismatch' | 'excluded_path' | 'gpc' | 'rate_limited';

export type Outcome = 'counted' | 'bot' | NotCountedReason;

interface Slot {
  minute: number;
  counts: Map<Outcome, number>;
}

export interface RecentOutcomes {
  minutes: number;
  counted: number;
  bots: number;
  /** Not counted, by reason, most frequent first (reasons with no event left out). */
  not_counted: { reason: NotCountedReason; events: number }[];
}

export class OutcomeCounter {
  private readonly sites = new Map<number, Slot[]>();

  constructor(private readonly maxSites = 10_000) {}

  record(siteId: number, outcome: Outcome, nowMs: number): void {
    const minute = Math.floor(nowMs / 60_000);
    let slots = this.sites.get(siteId);
    if (slots)
      this.sites.delete(siteId); // re-inserted below: the map's order is recency
    else {
      slots = [];
      if (this.sites.size >= this.maxSites) {
        this.sites.delete(this.sites.keys().next().value!);
      }
    }
    this.sites.set(siteId, slots);
    const i = minute % outcomeMinutes;
    let slot = slots[i];
    if (!slot || slot.minute !== minute) slots[i] = slot = { minute, counts: new Map() };
    slot.counts.set(outcome, (slot.counts.get(outcome) ?? 0) + 1);
  }

  snapshot(siteId: number, nowMs: number): RecentOutcomes {
    const minute = Math.floor(nowMs / 60_000);
    const sum = new Map<Outcome, number>();
    for (const slot of this.sites.get(siteId) ?? []) {
      if (!slot || slot.minute <= minute - outcomeMinutes || slot.minute > minute) continue;
      for (const [k, n] of slot.counts) sum.set(k, (sum.get(k) ?? 0) + n);
    }
    const notCounted = [...sum]
      .filter((e): e is [NotCountedReason, number] => e[0] !== 'counted' && e[0] !== 'bot')
      .map(([reason, events]) => ({ reason, events }))
      .sort((a, b) => b.events - a.events || (a.reason < b.reason ? -1 : 1));
    return {
      minutes: outcomeMinutes,
      counted: sum.get('counted') ?? 0,
      bots: sum.get('bot') ?? 0,
      not_counted: notCounted,
    };
  }
}
