import { useCallback, useEffect, useRef, useState } from "react";
import { isTransient } from "../api/errors";
import { backoffDelay, defaultBackoff, pause } from "../live/backoff";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `deps` change (and on reload), cancelling a call still running when they change again. A
 * transient failure (the gateway unreachable, a silo lost beyond the gateway's own retries) is shown and the load
 * retried with backoff while the page is open, so a page carries on by itself once the system has recovered.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    void (async () => {
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          const data = await load(abort.signal);
          if (!abort.signal.aborted) setState({ data, loading: false });
          return;
        } catch (error) {
          if (abort.signal.aborted) return;
          setState((s) => ({ data: s.data, error, loading: false }));
          if (!isTransient(error)) return;
          try {
            await pause(backoffDelay(defaultBackoff, attempt), abort.signal, window);
          } catch {
            return;
          }
        }
      }
    })();
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A user action that calls the API: busy while running, its error kept for display. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await latest.current(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, clearError: () => setError(undefined) };
}
