// kill -9 during sustained load, 20 times in a row: every acknowledged event is counted exactly once.
import fs from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import {
  addSites,
  countedPageviews,
  freshDir,
  pageview,
  send,
  startChild,
  type ChildServer,
  type SendOutcome,
} from '../durability/child-server.js';

const rounds = 20;
const senders = 8;
const dataDir = freshDir('pomelo-killloop-');
let current: ChildServer | undefined;

afterAll(() => {
  if (current && current.proc.exitCode === null) current.proc.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`SIGKILL at a random moment under load, ${rounds} times: no loss, no double count`, async () => {
  await addSites(dataDir, ['example.test']);
  let before = 0;
  let last: { accepted: number; failed: number } | undefined;
  const log: string[] = [];
  for (let round = 0; round <= rounds; round++) {
    // Restart on the same data dir; the server recovers the WAL the killed process left behind.
    current = await startChild({ dataDir });
    const counted = countedPageviews(dataDir, 'example.test', { readonly: true });
    if (last) {
      const added = counted - before;
      log.push(
        `round ${round}: acknowledged ${last.accepted}, unanswered ${last.failed}, counted ${added}`,
      );
      // An acknowledged event is never lost; an unanswered one (its connection died with the
      // process) may or may not have committed; nothing is counted twice.
      expect(added, log.join('\n')).toBeGreaterThanOrEqual(last.accepted);
      expect(added, log.join('\n')).toBeLessThanOrEqual(last.accepted + last.failed);
    }
    before = counted;
    if (round === rounds) break;

    const server = current;
    const tally: Record<SendOutcome, number> = { accepted: 0, refused: 0, failed: 0 };
    let stop = false;
    const load = Array.from({ length: senders }, async (_, i) => {
      while (!stop) tally[(await send(server.url, pageview('example.test', `/s${i}`))).outcome]++;
    });
    while (tally.accepted === 0 && tally.failed === 0) await sleep(5);
    await sleep(150 + Math.random() * 850); // the kill lands anywhere in 0.15–1 s of load
    stop = true; // no new request starts after the kill; those in flight stay unanswered
    server.proc.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(load);
    expect(tally.refused).toBe(0);
    expect(tally.accepted).toBeGreaterThan(0);
    last = tally;
  }
  const final = current!;
  final.proc.kill('SIGTERM');
  expect((await final.exited).code).toBe(0);
  console.log(log.join('\n'));
}, 240_000); // ~40 s on a quiet 2-core machine; 21 server starts dominate
