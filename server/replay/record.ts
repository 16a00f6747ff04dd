// Gathers what the record of processing of one window needs (its audit trail, people's names,
// where the data lives) and renders it with the pure record-of-processing.ts.
import { languageOf } from '../accounts/site-input.js';
import { isLocale, type Locale } from '../i18n/locale.js';
import type { StoredWindow } from '../store/replay.js';
import type { SiteRecord } from '../store/types.js';
import type { ReplayDeps } from './deps.js';
import { buildRecordOfProcessing, type AuditEntry } from './record-of-processing.js';

export async function windowAudit(
  deps: ReplayDeps,
  w: StoredWindow,
  orgId: number | null | undefined,
): Promise<AuditEntry[]> {
  const rows =
    orgId == null
      ? await deps.store.accounts.auditRows()
      : await deps.store.accounts.auditRows({ orgId, userTargets: [], personalActions: [] });
  return rows
    .filter((r) => r.action.startsWith('replay.'))
    .flatMap((r) => {
      const details = JSON.parse(r.details) as Record<string, unknown>;
      if (details.window !== w.id) return [];
      const { window: _w, site: _s, ...rest } = details;
      return [
        { at: Date.parse(r.at), actor: r.actor, action: r.action, detail: JSON.stringify(rest) },
      ];
    });
}

/**
 * The language of a window's record: `?lang=` when it names a shipped language, else the site's
 * setting, else English. Not the reader's Accept-Language: it is the site's document.
 */
export function recordLanguage(site: SiteRecord, requested: string | undefined): Locale {
  return isLocale(requested) ? requested : languageOf(site.settings);
}

export async function windowRecord(
  deps: ReplayDeps,
  w: StoredWindow,
  site: SiteRecord,
  language: Locale = languageOf(site.settings),
) {
  const people: Record<string, string> = {};
  if (site.orgId != null) {
    for (const m of await deps.store.accounts.members(site.orgId)) {
      people[String(m.userId)] = m.email;
      people[`user:${m.userId}`] = m.email;
    }
  }
  const storage = deps.options.storage;
  const engine = storage
    ? `${storage.engine} ${storage.location}`
    : deps.store.dialect === 'postgres'
      ? 'PostgreSQL'
      : 'SQLite';
  return buildRecordOfProcessing({
    window: w,
    siteDomain: site.domain,
    storageLocation: `${deps.options.storageLocation} (${engine})`,
    audit: await windowAudit(deps, w, site.orgId),
    generatedAt: deps.now(),
    people,
    storage,
    safeguards: w.safeguards,
    language,
  });
}
