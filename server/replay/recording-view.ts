// A recording as the admin API shows it: times, counts, scanner findings (type + location, never
// a value) and its review mark. Nothing about the visitor exists to show.
import type { RecordingRecord } from '../store/replay.js';
import type { FindingType } from './scanner.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function findingCounts(recordings: readonly RecordingRecord[]) {
  const counts: Partial<Record<FindingType, number>> = {};
  for (const r of recordings)
    for (const f of r.findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
  return counts;
}

export function recordingView(r: RecordingRecord) {
  return {
    id: r.id,
    windowId: r.windowId,
    startedAt: iso(r.startedAt),
    lastSeenAt: iso(r.lastSeenAt),
    endedAt: iso(r.endedAt),
    pages: r.pages,
    chunks: r.chunks,
    bytes: r.bytes,
    quarantinedChunks: r.quarantinedChunks,
    flagged: r.quarantinedChunks > 0,
    preview: r.preview,
    findings: r.findings,
    findingCounts: findingCounts([r]),
    reviewed: r.reviewedAt !== null,
    reviewedAt: iso(r.reviewedAt),
    reviewedBy: r.reviewedBy,
  };
}
