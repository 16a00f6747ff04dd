// Loads data for a view: the value, an error message, a reload function; a 401 goes to sign-in.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.js';
import { errorText } from '../i18n/api-errors.js';

export { errorText };

export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
  onUnauthorized?: () => void,
): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setError(null);
        setData(d);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.status === 401 && onUnauthorized) onUnauthorized();
        else setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload };
}

/** Runs an action (a form submit, a revoke) with a busy flag and its error message. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action().then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      },
    );
  };
  return { busy, error, run, setError };
}
