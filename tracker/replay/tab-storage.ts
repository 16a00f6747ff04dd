// The per-tab recording id in sessionStorage (key `pomelo-replay`), kept only while recording so
// one recording spans the page loads of a tab. Storage may be unavailable (blocked, sandboxed
// frame): then nothing spans pages and nothing fails.
import { STORAGE_KEY, continuedRecording, storedRecording } from './start';

export const tabRecording = {
  /** The id an earlier page of this tab kept, or undefined. */
  get(): string | undefined {
    try {
      return continuedRecording(sessionStorage.getItem(STORAGE_KEY));
    } catch {
      return undefined;
    }
  },
  set(id: string): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, storedRecording(id));
    } catch {
      // no continuation across pages: each page starts a new recording
    }
  },
  remove(): void {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing was stored
    }
  },
};
