// What the replay routes, jobs and CLI share: the store, the clock, the log, the offer cache and
// the tunable limits (defaults below; tests pass smaller ones and a fixed sampling draw).
import type { AddressMatcher } from '../http/addresses.js';
import { randomInt } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { WindowKeys } from './keyring.js';
import type { ReplayOffers } from './offer.js';
import type { StorageFacts } from './record-of-processing.js';

export interface ReplayOptions {
  /** The sampling draw in [0, 1): a pageview is offered when it is below the window's rate. */
  random: () => number;
  /** Quarantined chunks in one window that pause it. */
  leakThreshold: number;
  /** New recordings in one minute past which a window pauses. */
  spikePerMinute: number;
  /** How often a node re-reads the open windows (others' changes reach it within this time). */
  offerRefreshMs: number;
  /** Where recordings are stored, in words, for the record of processing. */
  storageLocation: string;
  /** The running configuration's database (server/store/open.ts storageFacts), when known. */
  storage?: StorageFacts;
  /** Per recording: chunks and bytes stored at most (POMELO_REPLAY_RECORDING_CHUNKS / _MB). */
  maxChunksPerRecording: number;
  maxBytesPerRecording: number;
  /** Per window: bytes stored at most (POMELO_REPLAY_WINDOW_MB); reaching it pauses the window. */
  maxBytesPerWindow: number;
  /** Install-wide budget (POMELO_REPLAY_STORAGE_MB): reaching it pauses every window that writes. */
  storageBudgetBytes: number;
  /** Requests per minute per client on the public replay routes (in memory, never stored). */
  startsPerMinute: number;
  chunksPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client of a rate limit. */
  trustedProxies: AddressMatcher;
}

const MIB = 1024 * 1024;

export const defaultReplayOptions: ReplayOptions = {
  random: () => randomInt(2 ** 47) / 2 ** 47,
  leakThreshold: 3,
  spikePerMinute: 60,
  offerRefreshMs: 5_000,
  storageLocation: 'this Pomelo server’s own database (self-hosted)',
  maxChunksPerRecording: 2_000,
  maxBytesPerRecording: 16 * MIB,
  maxBytesPerWindow: 256 * MIB,
  storageBudgetBytes: 1024 * MIB,
  startsPerMinute: 30,
  chunksPerMinute: 120,
  trustedProxies: new Set<string>(),
};

export interface ReplayDeps {
  store: Store;
  now: () => number;
  log: Logger;
  offers: ReplayOffers;
  /** Window data keys: wrapped in the database, unwrapped with the KEK and the keyring (keyring.ts). */
  keys: WindowKeys;
  options: ReplayOptions;
}
