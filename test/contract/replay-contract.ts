// One behavioural contract for every ReplayRepo: replay.sqlite.test.ts and replay.pg.test.ts run
// it on a real SQLite file and a real PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { REORDER_WINDOW } from '../../server/replay/chunk-sequence.js';
import { openWindow } from '../../server/replay/window.js';
import type { StoredWindow } from '../../server/store/replay.js';
import type { Store } from '../../server/store/types.js';
import type { OpenedStore } from './store-contract.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');

export function windowFixture(
  id: string,
  siteId: number,
  over: Partial<StoredWindow> = {},
  now = T0,
): StoredWindow {
  const opened = openWindow(
    {
      purpose: 'qa',
      ownerId: '7',
      sampleRate: 0.25,
      caps: { maxSessions: 2, maxMinutesPerRecording: 10, maxPagesPerRecording: 2 },
      includeRules: ['/shop/*'],
      viewerIds: ['7', '8'],
    },
    { id, siteId: String(siteId), now },
  );
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return {
    ...opened.window,
    canary: null,
    sessionsStarted: 0,
    flaggedChunks: 0,
    storedBytes: 0,
    purgedAt: null,
    safeguards: { downloadsAllowed: false, noticeHiddenReason: null, signOff: null, preview: null },
    ...over,
  };
}

const CAPS = { maxChunks: 1000, maxBytes: 1e9, maxWindowBytes: 1e12 };

export function replayContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`ReplayRepo contract: ${name}`, () => {
    const opened: OpenedStore[] = [];
    async function fresh(): Promise<Store> {
      const o = await open();
      opened.push(o);
      await o.store.migrate();
      return o.store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.cleanup()));
    });

    test('a preview recording starts only on a draft, uncounted and marked preview', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('wd', 3, { state: 'draft' }), randomBytes(32));
      await replay.createWindow(windowFixture('wo', 3), randomBytes(32));
      const rec = (id: string, windowId: string) => ({ id, windowId, siteId: 3, now: T0 });
      expect(await replay.startPreviewRecording(rec('p1', 'wd'))).toBe(true);
      expect(await replay.startPreviewRecording(rec('p2', 'wo'))).toBe(false);
      expect(await replay.startPreviewRecording(rec('p3', 'nope'))).toBe(false);
      expect(await replay.startRecording(rec('v1', 'wd'), 5)).toBe('not_open');
      expect(await replay.startRecording(rec('v2', 'wo'), 5)).toBe('started');
      expect((await replay.recording('p1'))!.preview).toBe(true);
      expect((await replay.recording('v2'))!.preview).toBe(false);
      expect(await replay.recording('p2')).toBeUndefined();
      expect((await replay.window('wd'))!.sessionsStarted).toBe(0);
    });

    test('a window and its key round-trip; saveWindow only from the expected state', async () => {
      const { replay } = await fresh();
      const w = windowFixture('w1', 3, { canary: 'pomelo-canary-x1' });
      const key = randomBytes(32);
      await replay.createWindow(w, key);
      expect(await replay.window('w1')).toEqual(w);
      expect(await replay.windowKey('w1')).toEqual(key);
      expect(await replay.windows({ siteId: 3 })).toEqual([w]);
      expect(await replay.windows({ siteId: 4 })).toEqual([]);
      expect(await replay.windows({ states: ['closed'] })).toEqual([]);

      const paused = { ...w, state: 'paused' as const, viewerIds: ['7'] };
      expect(await replay.saveWindow(paused, 'open')).toBe(true);
      expect(await replay.saveWindow({ ...w, state: 'open' }, 'open')).toBe(false);
      expect(await replay.window('w1')).toEqual(paused);
      expect(await replay.windows({ states: ['paused'] })).toEqual([paused]);

      expect(await replay.destroyWindowKey('w1')).toBe(true);
      expect(await replay.windowKey('w1')).toBeUndefined();
      expect(await replay.destroyWindowKey('w1')).toBe(false);
    });

    test('the install secret is created once and then always the same', async () => {
      const { replay } = await fresh();
      const first = await replay.secret('offer', () => randomBytes(32), T0);
      const again = await replay.secret('offer', () => randomBytes(32), T0 + 1);
      expect(first).toHaveLength(32);
      expect(again).toEqual(first);
    });

    test('the session cap counts started recordings, only while the window is open', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('w1', 3), randomBytes(32));
      const start = (id: string, now = T0) =>
        replay.startRecording({ id, windowId: 'w1', siteId: 3, now }, 2);
      const results = await Promise.all([start('r1'), start('r2'), start('r3')]);
      expect(results.sort()).toEqual(['cap_reached', 'started', 'started']);
      expect((await replay.window('w1'))!.sessionsStarted).toBe(2);
      // A deleted recording does not give its session back.
      const started = (await replay.recordings('w1')).map((r) => r.id);
      await replay.deleteRecording(started[0]!);
      expect(await start('r4')).toBe('cap_reached');
      expect(
        await replay.startRecording({ id: 'x', windowId: 'nope', siteId: 3, now: T0 }, 2),
      ).toBe('not_open');
      const w = (await replay.window('w1'))!;
      await replay.saveWindow({ ...w, state: 'paused' }, 'open');
      expect(await replay.startRecording({ id: 'r5', windowId: 'w1', siteId: 3, now: T0 }, 9)).toBe(
        'not_open',
      );
      expect(await replay.recordingsStartedSince('w1', T0)).toBe(1);
      expect(await replay.recordingsStartedSince('w1', T0 + 1)).toBe(0);
    });

    test('continueRecording adds a page below the cap, never to an ended recording', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('w1', 3), randomBytes(32));
      await replay.startRecording({ id: 'r1', windowId: 'w1', siteId: 3, now: T0 }, 2);
      expect(await replay.continueRecording('r1', 'other', 3, T0 + 5)).toBeUndefined();
      expect((await replay.continueRecording('r1', 'w1', 3, T0 + 5))!.pages).toBe(2);
      expect((await replay.continueRecording('r1', 'w1', 3, T0 + 6))!.pages).toBe(3);
      expect(await replay.continueRecording('r1', 'w1', 3, T0 + 7)).toBeUndefined();
      await replay.startRecording({ id: 'r2', windowId: 'w1', siteId: 3, now: T0 }, 2);
      await replay.endRecording('r2', T0 + 9);
      expect(await replay.continueRecording('r2', 'w1', 3, T0 + 10)).toBeUndefined();
      expect((await replay.recording('r2'))!.endedAt).toBe(T0 + 9);
    });

    test('chunks land at their sequence once, within the reorder window; quarantine flags recording and window', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('w1', 3), randomBytes(32));
      await replay.startRecording({ id: 'r1', windowId: 'w1', siteId: 3, now: T0 }, 2);
      const data = Buffer.from([1, 2, 3, 0, 255]);
      const put = (seq: number, findings: { type: 'email'; path: string | null }[] = []) =>
        replay.putChunk(
          {
            recordingId: 'r1',
            seq,
            receivedAt: T0 + 1000,
            data: findings.length ? null : data,
            bytes: 100,
            findings,
          },
          CAPS,
        );
      // Three writers race for sequence 0: exactly one stores it, the others are told it is a repeat.
      const raced = await Promise.all([put(0), put(0), put(0)]);
      expect(raced.filter((x) => x && 'refused' in x && x.refused === 'repeat')).toHaveLength(2);
      expect(await put(2)).toEqual({ flaggedChunks: 0, windowBytes: 200 });
      // 1 was overtaken by 2 in flight: it still lands, once.
      expect(await put(1)).toEqual({ flaggedChunks: 0, windowBytes: 300 });
      expect(await put(1)).toEqual({ refused: 'repeat' });
      expect(await put(3, [{ type: 'email', path: '$[0].data.text' }])).toEqual({
        flaggedChunks: 1,
        windowBytes: 400,
      });
      expect(await put(3)).toEqual({ refused: 'repeat' });
      // Past the reorder window ahead: a gap.
      expect(await put(4 + REORDER_WINDOW)).toEqual({ refused: 'gap' });
      expect(await put(4)).toEqual({ flaggedChunks: 1, windowBytes: 500 });
      expect(
        await replay.putChunk(
          { recordingId: 'gone', seq: 0, receivedAt: T0, data, bytes: 1, findings: [] },
          CAPS,
        ),
      ).toBeUndefined();

      const rec = (await replay.recording('r1'))!;
      expect(rec).toMatchObject({
        chunks: 5,
        bytes: 500,
        quarantinedChunks: 1,
        lastSeenAt: T0 + 1000,
        nextSeq: 5,
      });
      expect(rec.findings).toEqual([{ type: 'email', path: '$[0].data.text', seq: 3 }]);
      const chunks = await replay.chunks('r1');
      expect(chunks.map((c) => [c.seq, c.quarantined])).toEqual([
        [0, false],
        [1, false],
        [2, false],
        [3, true],
        [4, false],
      ]);
      expect(chunks[0]!.data).toEqual(data);
      expect(chunks[3]!.data).toBeNull();
      expect(await replay.window('w1')).toMatchObject({ flaggedChunks: 1, storedBytes: 500 });
      expect(await replay.storedBytes()).toBe(500);
    });

    test('caps: chunks and bytes per recording, bytes per window; nothing written past them', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('w1', 3), randomBytes(32));
      await replay.startRecording({ id: 'r1', windowId: 'w1', siteId: 3, now: T0 }, 2);
      await replay.startRecording({ id: 'r2', windowId: 'w1', siteId: 3, now: T0 }, 2);
      const caps = { maxChunks: 2, maxBytes: 250, maxWindowBytes: 400 };
      const put = (id: string, seq: number, bytes: number) =>
        replay.putChunk(
          { recordingId: id, seq, receivedAt: T0, data: Buffer.alloc(4), bytes, findings: [] },
          caps,
        );
      expect(await put('r1', 0, 100)).toMatchObject({ windowBytes: 100 });
      expect(await put('r1', 1, 200)).toEqual({ refused: 'recording_full' });
      expect(await put('r1', 1, 150)).toMatchObject({ windowBytes: 250 });
      expect(await put('r1', 2, 1)).toEqual({ refused: 'recording_full' });
      expect(await put('r2', 0, 150)).toMatchObject({ windowBytes: 400 });
      expect(await put('r2', 1, 1)).toEqual({ refused: 'window_full' });
      expect((await replay.recording('r1'))!).toMatchObject({ chunks: 2, bytes: 250 });
      expect((await replay.recording('r2'))!).toMatchObject({ chunks: 1, bytes: 150 });
      expect(await replay.storedBytes()).toBe(400);
      // Deleting a recording gives its bytes back to the window and the install.
      await replay.deleteRecording('r1');
      expect((await replay.window('w1'))!.storedBytes).toBe(150);
      expect(await replay.storedBytes()).toBe(150);
      await replay.deleteWindowData('w1');
      expect(await replay.storedBytes()).toBe(0);
    });

    test('an offer nonce is used once; expired nonces are forgotten', async () => {
      const { replay } = await fresh();
      expect(await replay.consumeOffer('n1', 'w1', T0 + 100, T0)).toBe(true);
      expect(await replay.consumeOffer('n1', 'w1', T0 + 100, T0 + 1)).toBe(false);
      const both = await Promise.all([
        replay.consumeOffer('n2', 'w1', T0 + 100, T0),
        replay.consumeOffer('n2', 'w1', T0 + 100, T0),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      // Past its expiry the row goes (the signature check refuses the offer by then anyway).
      expect(await replay.consumeOffer('n3', 'w1', T0 + 500, T0 + 200)).toBe(true);
      expect(await replay.consumeOffer('n1', 'w1', T0 + 900, T0 + 200)).toBe(true);
    });

    test('window keys can be listed and replaced (wrapping at start)', async () => {
      const { replay } = await fresh();
      await replay.createWindow(windowFixture('w1', 3), Buffer.alloc(32, 7));
      expect(await replay.windowKeys()).toEqual([
        { windowId: 'w1', keyBytes: Buffer.alloc(32, 7) },
      ]);
      await replay.replaceWindowKey('w1', Buffer.alloc(61, 9));
      expect(await replay.windowKey('w1')).toEqual(Buffer.alloc(61, 9));
    });

    test('review queue: latest unreviewed first; marking removes from the queue', async () => {
      const { replay } = await fresh();
      await replay.createWindow(
        windowFixture('w1', 3, {
          caps: { maxSessions: 9, maxMinutesPerRecording: 5, maxPagesPerRecording: 5 },
        }),
        randomBytes(32),
      );
      for (const [id, at] of [
        ['a', T0],
        ['b', T0 + 1],
        ['c', T0 + 2],
      ] as const) {
        await replay.startRecording({ id, windowId: 'w1', siteId: 3, now: at }, 9);
      }
      expect((await replay.reviewQueue('w1', 2)).map((r) => r.id)).toEqual(['c', 'b']);
      expect(await replay.markReviewed('c', 7, T0 + 5)).toBe(true);
      expect(await replay.markReviewed('nope', 7, T0 + 5)).toBe(false);
      expect((await replay.reviewQueue('w1', 20)).map((r) => r.id)).toEqual(['b', 'a']);
      expect((await replay.recording('c'))!).toMatchObject({ reviewedAt: T0 + 5, reviewedBy: 7 });
      expect((await replay.recordings('w1')).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    });

    test('deleting a recording or a window’s data removes rows and counts what went', async () => {
      const { replay } = await fresh();
      const caps = { maxSessions: 9, maxMinutesPerRecording: 5, maxPagesPerRecording: 5 };
      await replay.createWindow(windowFixture('w1', 3, { caps }), randomBytes(32));
      await replay.createWindow(windowFixture('w2', 3, { caps }), randomBytes(32));
      for (const [id, w] of [
        ['a', 'w1'],
        ['b', 'w1'],
        ['c', 'w2'],
      ] as const) {
        await replay.startRecording({ id, windowId: w, siteId: 3, now: T0 }, 9);
        await replay.putChunk(
          {
            recordingId: id,
            seq: 0,
            receivedAt: T0,
            data: Buffer.alloc(10),
            bytes: 10,
            findings: [],
          },
          CAPS,
        );
        await replay.putChunk(
          {
            recordingId: id,
            seq: 1,
            receivedAt: T0,
            data: Buffer.alloc(10),
            bytes: 15,
            findings: [],
          },
          CAPS,
        );
      }
      expect(await replay.deleteRecording('a')).toEqual({ recordings: 1, chunks: 2, bytes: 25 });
      expect(await replay.deleteRecording('a')).toBeUndefined();
      expect(await replay.chunks('a')).toEqual([]);
      expect(await replay.deleteWindowData('w1')).toEqual({ recordings: 1, chunks: 2, bytes: 25 });
      expect(await replay.recordings('w1')).toEqual([]);
      expect((await replay.recordings('w2')).map((r) => r.id)).toEqual(['c']);
      await replay.destroyWindowKey('w1');
      await replay.reclaimSpace();
      await replay.reclaimSpace();
      expect(await replay.chunks('c')).toHaveLength(2);
      expect(await replay.windowKey('w2')).toHaveLength(32);
    });

    test('deleting a site (CLI or accounts) deletes its windows, keys, recordings and chunks', async () => {
      const store = await fresh();
      const { replay } = store;
      for (const domain of ['cli.test', 'acc.test']) {
        const site = await store.addSite({ domain, timezone: 'UTC' }, new Date(T0));
        await replay.createWindow(windowFixture(`w-${domain}`, site.id), randomBytes(32));
        await replay.startRecording(
          { id: `r-${domain}`, windowId: `w-${domain}`, siteId: site.id, now: T0 },
          2,
        );
        await replay.putChunk(
          {
            recordingId: `r-${domain}`,
            seq: 0,
            receivedAt: T0,
            data: Buffer.alloc(8),
            bytes: 8,
            findings: [],
          },
          CAPS,
        );
      }
      await replay.createWindow(windowFixture('w-other', 999), randomBytes(32));
      expect(await store.removeSite('cli.test')).toBe(true);
      const acc = (await store.siteByDomain('acc.test'))!;
      expect(await store.accounts.deleteSite(acc.id)).toBe(true);
      for (const domain of ['cli.test', 'acc.test']) {
        expect(await replay.window(`w-${domain}`)).toBeUndefined();
        expect(await replay.windowKey(`w-${domain}`)).toBeUndefined();
        expect(await replay.recording(`r-${domain}`)).toBeUndefined();
        expect(await replay.chunks(`r-${domain}`)).toEqual([]);
      }
      expect(await replay.windowKey('w-other')).toHaveLength(32);
    });
    test('plays, unreviewed counts, canary quarantine and latches', async () => {
      const { replay } = await fresh();
      await replay.createWindow(
        windowFixture('wp', 3, {
          safeguards: {
            downloadsAllowed: true,
            noticeHiddenReason: 'kiosk pages carry a printed notice',
          },
        }),
        randomBytes(32),
      );
      expect((await replay.window('wp'))!.safeguards).toEqual({
        downloadsAllowed: true,
        noticeHiddenReason: 'kiosk pages carry a printed notice',
        signOff: null,
        preview: null,
      });
      for (const id of ['p1', 'p2']) {
        await replay.startRecording({ id, windowId: 'wp', siteId: 3, now: T0 }, 10);
      }
      expect(await replay.unreviewedCount('wp')).toBe(2);
      expect(await replay.hasPlayed('p1', 8)).toBe(false);
      await replay.recordPlay({ recordingId: 'p1', windowId: 'wp', userId: 8, at: T0 + 1 });
      await replay.recordPlay({ recordingId: 'p1', windowId: 'wp', userId: 8, at: T0 + 2 });
      expect(await replay.hasPlayed('p1', 8)).toBe(true);
      expect(await replay.hasPlayed('p1', 7)).toBe(false);
      await replay.markReviewed('p1', 8, T0 + 3);
      expect(await replay.unreviewedCount('wp')).toBe(1);

      for (const seq of [0, 1]) {
        const put = await replay.putChunk(
          {
            recordingId: 'p2',
            seq,
            receivedAt: T0 + seq,
            data: Buffer.from('sealed'),
            bytes: 6,
            findings: [],
          },
          CAPS,
        );
        expect(put).toEqual({ flaggedChunks: 0, windowBytes: 6 * (seq + 1) });
      }
      await replay.quarantineRecording('p2', T0 + 9);
      expect((await replay.chunks('p2')).map((c) => [c.quarantined, c.data])).toEqual([
        [true, null],
        [true, null],
      ]);
      expect(await replay.recording('p2')).toMatchObject({ quarantinedChunks: 2, endedAt: T0 + 9 });

      await replay.deleteRecording('p1');
      expect(await replay.hasPlayed('p1', 8)).toBe(false);

      expect(await replay.latches()).toEqual([]);
      const latch = { scope: 'site:3', latchedAt: T0, latchedBy: 'cli', detail: 'kill' };
      await replay.latch(latch);
      await replay.latch({ ...latch, latchedAt: T0 + 5 });
      await replay.latch({ ...latch, scope: 'install' });
      expect(await replay.latches()).toEqual([
        { ...latch, scope: 'install' },
        { ...latch, latchedAt: T0 + 5 },
      ]);
      expect(await replay.unlatch('site:3')).toBe(true);
      expect(await replay.unlatch('site:3')).toBe(false);
      expect(await replay.latches()).toHaveLength(1);
    });
  });
}
