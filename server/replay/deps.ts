// What the replay routes, jobs and CLI share: the store, the clock, the log, the offer cache and
// the tunable limits (defaults below; tests pass smaller ones and a fixed sampling draw).
import { randomInt } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
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
}

export const defaultReplayOptions: ReplayOptions = {
  random: () => randomInt(2 ** 47) / 2 ** 47,
  leakThreshold: 3,
  spikePerMinute: 60,
  offerRefreshMs: 5_000,
  storageLocation: 'this Pomelo server’s own database (self-hosted)',
};

export interface ReplayDeps {
  store: Store;
  now: () => number;
  log: Logger;
  offers: ReplayOffers;
  options: ReplayOptions;
}
