// Issue 14 §3: replay research windows mail their owner and named viewers (and nobody else) when a
// window is paused by the leak scanner and on its last day, each notice once; a window paused by a
// person sends nothing. SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testBackends } from '../support/db.js';
import { addUser } from '../accounts/support.js';
import { windowFixture } from '../contract/replay-contract.js';
import { startMailFixture, type MailFixture } from './support.js';

describe.each(testBackends())('replay window notices (%s)', (backend) => {
  let f: MailFixture;
  let ownerId: number;
  let viewerId: number;
  beforeAll(async () => {
    f = await startMailFixture(backend);
    ownerId = (await f.server.store.accounts.userByEmail('owner@agency.test'))!.id;
    viewerId = (
      await addUser(f.server, 'viewer@agency.test', 'viewer password 12345', 'Agency', 'viewer')
    ).userId;
    await addUser(f.server, 'bystander@agency.test', 'bystander password 123', 'Agency', 'admin');
  });
  afterAll(() => f?.close());

  const run = (at: string) => f.server.pomelo.mailer.run((f.clock.now = Date.parse(at)));
  const to = (from: number) =>
    f.smtp.delivered
      .slice(from)
      .map((m) => `${m.to[0]} ${m.mail.subject}`)
      .sort();

  test('the last day of an open window: owner and viewers told once', async () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const w = windowFixture(
      'w_ending',
      f.siteId,
      { ownerId: String(ownerId), viewerIds: [String(ownerId), String(viewerId)] },
      now - 86_400_000,
    );
    await f.server.store.replay.createWindow(
      { ...w, endsAt: Date.parse('2026-12-02T09:00:00Z') },
      randomBytes(32),
    );
    expect(await run('2026-12-01T08:00:00Z')).toEqual([]); // more than a day left
    expect(await run('2026-12-01T10:00:00Z')).toEqual(['sent', 'sent']);
    expect(await run('2026-12-01T18:00:00Z')).toEqual([]);
    expect(to(0)).toEqual([
      'owner@agency.test Shop: replay window ends Dec 2, 2026 10:00',
      'viewer@agency.test Shop: replay window ends Dec 2, 2026 10:00',
    ]);
    expect(f.smtp.delivered[0]!.mail.text).toContain('/#/replay/windows/w_ending');
  });

  test('paused by the leak scanner: told once; paused by a person: nothing', async () => {
    const start = f.smtp.delivered.length;
    const base = windowFixture(
      'w_leak',
      f.siteId,
      { ownerId: String(ownerId), viewerIds: [String(viewerId)] },
      Date.parse('2026-12-01T00:00:00Z'),
    );
    const manual = windowFixture(
      'w_manual',
      f.siteId,
      { ownerId: String(ownerId), viewerIds: [] },
      Date.parse('2026-12-01T00:00:00Z'),
    );
    for (const w of [base, manual]) {
      await f.server.store.replay.createWindow(
        { ...w, endsAt: Date.parse('2026-12-10T00:00:00Z') },
        randomBytes(32),
      );
    }
    const pausedAt = Date.parse('2026-12-01T19:30:00Z');
    const pause = (w: typeof base, reason: 'leak_threshold' | 'manual') =>
      f.server.store.replay.saveWindow(
        {
          ...w,
          endsAt: Date.parse('2026-12-10T00:00:00Z'),
          state: 'paused',
          lastChange: {
            state: 'paused',
            at: pausedAt,
            by: reason === 'manual' ? String(ownerId) : null,
            reason,
            detail: null,
          },
        },
        'open',
      );
    expect(await pause(base, 'leak_threshold')).toBe(true);
    expect(await pause(manual, 'manual')).toBe(true);
    expect(await run('2026-12-01T19:31:00Z')).toEqual(['sent', 'sent']);
    expect(await run('2026-12-01T20:31:00Z')).toEqual([]);
    expect(to(start)).toEqual([
      'owner@agency.test Shop: replay window paused by the leak scanner',
      'viewer@agency.test Shop: replay window paused by the leak scanner',
    ]);
    const text = f.smtp.delivered.at(-1)!.mail.text!;
    expect(text).toContain('was paused at Dec 1, 2026 20:30 (Europe/Paris)');
    // Nobody else in the organisation, and no unsubscribe header on a safeguard notice.
    expect(f.smtp.delivered.some((m) => m.to.includes('bystander@agency.test'))).toBe(false);
    expect(f.smtp.delivered.at(-1)!.raw).not.toMatch(/^List-Unsubscribe:/im);
  });
});
