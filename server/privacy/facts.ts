// What the privacy report states, read from the running install (I/O): the site's settings, the
// replay windows opened for it in the last 25 months, and the audit chain's latest checkpoint.
import { auditTrailOf, readCheckpoints } from '../accounts/audit-trail.js';
import { retentionOf } from '../accounts/site-input.js';
import { honoursGpc, type SiteRecord, type Store } from '../store/types.js';

export interface PrivacyFacts {
  site: { domain: string; name: string; timezone: string };
  retentionMonths: number;
  honourGpc: boolean;
  excludedPaths: number;
  /** Values per day and dimension before the rest is counted as "(other)"; null: the default. */
  cardinalityCap: number | null;
  engine: 'SQLite' | 'PostgreSQL';
  replayWindows: {
    purpose: string;
    purposeText: string | null;
    startsAt: number;
    endsAt: number;
    retentionDays: number;
    state: string;
  }[];
  /** The audit chain's latest signed checkpoint, or null when none was written yet. */
  checkpoint: { at: string; rows: number; head: string } | null;
  generatedAt: number;
}

/** 25 months, as the CNIL's exemption counts them (the look-back for research windows). */
export const lookBackMs = 25 * 30.44 * 24 * 3600_000;

export async function privacyFacts(
  store: Store,
  site: SiteRecord,
  now: number,
): Promise<PrivacyFacts> {
  const windows = await store.replay.windows({ siteId: site.id });
  let checkpoint: PrivacyFacts['checkpoint'] = null;
  try {
    const latest = readCheckpoints(auditTrailOf(store), true).latest;
    if (latest) checkpoint = { at: latest.at, rows: latest.rows, head: latest.head };
  } catch {
    checkpoint = null; // a store without an audit trail bound (tests, CLI before setup)
  }
  return {
    site: { domain: site.domain, name: site.name, timezone: site.timezone },
    retentionMonths: retentionOf(site.settings),
    honourGpc: honoursGpc(site.settings),
    excludedPaths: site.settings.excludedPaths?.length ?? 0,
    cardinalityCap: site.settings.cardinalityCap ?? null,
    engine: store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
    replayWindows: windows
      .filter((w) => w.state !== 'draft' && w.startsAt >= now - lookBackMs)
      .sort((a, b) => a.startsAt - b.startsAt)
      .map((w) => ({
        purpose: w.purpose,
        purposeText: w.purposeText,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        retentionDays: w.retentionDays,
        state: w.state,
      })),
    checkpoint,
    generatedAt: now,
  };
}
