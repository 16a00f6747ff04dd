// Entry of the replay module (tracker/replay/dist/replay.js), a separate script the core tracker
// loads only for an open window, a sampled visit and given consent (DESIGN.md "Replay research
// window"). It exposes one global; it reads no cookie and writes no storage.
import {
  flushNow,
  isRecordingActive,
  startRecording,
  stopRecording,
  type ReplayStartOptions,
} from './recorder';

export interface PomeloReplayApi {
  version: 1;
  start(options: ReplayStartOptions): boolean;
  stop(options?: { purge?: boolean }): Promise<void>;
  flush(): Promise<void>;
  isRecording(): boolean;
}

declare global {
  interface Window {
    __pomeloReplay?: PomeloReplayApi;
  }
}

if (!window.__pomeloReplay) {
  window.__pomeloReplay = Object.freeze({
    version: 1,
    start: startRecording,
    stop: (options?: { purge?: boolean }) => stopRecording({ purge: options?.purge === true }),
    flush: flushNow,
    isRecording: isRecordingActive,
  } satisfies PomeloReplayApi);
}
