// Events answered on POST /api/event, counted for GET /metrics: accepted, and refused by reason code
// (the `code` of the 4xx/5xx body; never anything from the request). Plain integers bumped where an
// answer is written (node-route.ts, route.ts), read by server/metrics.ts when scraped: the hot path
// pays one increment.
import type { EventAnswer } from './answer.js';

export const ingestTally = {
  accepted: 0,
  rejected: new Map<string, number>(),
};

export function tally(answer: EventAnswer): void {
  if (answer.status < 300) {
    ingestTally.accepted++;
    return;
  }
  const reason = answer.reason ?? `http_${answer.status}`;
  ingestTally.rejected.set(reason, (ingestTally.rejected.get(reason) ?? 0) + 1);
}
