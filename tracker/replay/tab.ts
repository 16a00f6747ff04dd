// The replay tab loader (built as dist/replay-tab.js, served at /replay-tab; a few hundred bytes): what
// a page loads, instead of the
// recorder, when it may hold a recording of an earlier page of this tab (issue 12 §4 and §6). It
// reads the recording id the replay module keeps in sessionStorage (`pomelo-replay`, present only
// while a recording runs) and does nothing else without one:
//   `/replay-tab?continue` (a later pageview of a covered page, with consent): imports the recorder,
//     which continues that recording on this page (the server checks this page's URL and page cap);
//   `/replay-tab` (the core tracker on `pomelo('consent', {replay: false})`, on any page): forgets
//     the id and asks the server to delete the recording (DELETE /api/replay/chunk?purge=1).
// It imports nothing, so it is its own tiny file. Storage may be unavailable: then nothing happens.
const KEY = 'pomelo-replay';
const here = import.meta.url;

/** The id kept by the replay module (tracker/replay/start.ts storedRecording), or null. */
function keptRecording(): string | null {
  try {
    const id: unknown = (
      JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { id?: unknown } | null
    )?.id;
    return typeof id === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

const id = keptRecording();
if (id !== null) {
  // The mode is in the query, not the fragment: a module's fragment can be stale in Chromium's
  // memory cache (an earlier page's), which would turn a withdrawal into a continuation.
  if (new URL(here).search !== '?continue') {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing more to forget
    }
    void fetch(new URL(`/api/replay/chunk?recording=${id}&purge=1`, here), {
      method: 'DELETE',
      credentials: 'omit',
      keepalive: true,
    }).catch(() => undefined);
  } else {
    // No offer: the recorder only continues this tab's recording.
    void import(/* @vite-ignore */ new URL('/replay.js', here).href);
  }
}
