// Entry of the replay module (tracker/replay/dist/replay.js), a separate ES module the core tracker
// imports only for an open window, a sampled visit and given consent (DESIGN.md "Replay research
// window"): `import('/replay.js?o=<offer>')`. It exposes one global and starts the session of its
// offer; its only storage is the per-tab recording id while recording (session.ts).
import {
  flushNow,
  holdRecording,
  isRecordingActive,
  startRecording,
  stopRecording,
  type ReplayStartOptions,
} from './recorder';
import { startSession } from './session';

export interface PomeloReplayApi {
  version: 1;
  start(options: ReplayStartOptions): boolean;
  stop(options?: { purge?: boolean; discard?: boolean }): Promise<void>;
  flush(): Promise<void>;
  /** While held, nothing buffered leaves the page (an SPA route awaiting the server's check). */
  hold(held: boolean): void;
  isRecording(): boolean;
}

declare global {
  interface Window {
    __pomeloReplay?: PomeloReplayApi;
  }
}

// Each offer is a new module URL, so a new instance of this module: the first one's recorder
// stays the only one.
if (!window.__pomeloReplay) {
  window.__pomeloReplay = Object.freeze({
    version: 1,
    start: startRecording,
    stop: (options?: { purge?: boolean; discard?: boolean }) =>
      stopRecording({ purge: options?.purge === true, discard: options?.discard === true }),
    flush: flushNow,
    hold: holdRecording,
    isRecording: isRecordingActive,
  } satisfies PomeloReplayApi);
}
void startSession(window.__pomeloReplay, import.meta.url);
