import { useCallback, useEffect, useState } from "react";
import { appendPage, firstPage, rereadPages, type FetchPage, type PagedList } from "../paging/paging";
import { isTransient } from "../api/errors";
import { backoffDelay, defaultBackoff, pause } from "../live/backoff";

/**
 * A list read a page at a time: the first page on load, the next on `more()`; `reload()` starts again. With
 * `refreshMs` (a function of the items held: undefined for no refresh) the pages held are read again in the
 * background and swapped in whole, so the list follows changes made elsewhere without emptying; a failed refresh
 * is left to the next one.
 */
export function usePagedList<T>(fetchPage: FetchPage<T>, key: (item: T) => string, deps: readonly unknown[], pageSize = 50, refreshMs?: (items: T[]) => number | undefined) {
  const [list, setList] = useState<PagedList<T>>(firstPage);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  const load = useCallback(
    async (from: PagedList<T>, signal?: AbortSignal) => {
      if (from.nextPageToken === undefined) return;
      setLoading(true);
      setError(undefined);
      const token = from.nextPageToken;
      try {
        // Transient failures are shown and retried with backoff while the list is on screen.
        for (let attempt = 0; ; attempt++) {
          try {
            const page = await fetchPage(token, pageSize, signal);
            if (!signal?.aborted) {
              setList(appendPage(from, page, key));
              setError(undefined);
            }
            return;
          } catch (e) {
            if (signal?.aborted) return;
            setError(e);
            if (!isTransient(e) || !signal) return;
            await pause(backoffDelay(defaultBackoff, attempt), signal, window);
          }
        }
      } catch {
        // Stopped while waiting to retry.
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, pageSize],
  );

  useEffect(() => {
    const abort = new AbortController();
    setList(firstPage);
    void load(firstPage, abort.signal);
    return () => abort.abort();
  }, [load, version]);

  const delay = refreshMs?.(list.items);
  useEffect(() => {
    if (delay === undefined || loading) return;
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      if (document.visibilityState === "hidden") {
        setList((l) => ({ ...l })); // look again later
        return;
      }
      rereadPages(fetchPage, list.items.length, pageSize, abort.signal).then(
        (fresh) => !abort.signal.aborted && setList(fresh),
        () => !abort.signal.aborted && setList((l) => ({ ...l })),
      );
    }, delay);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list, delay, loading, load]);

  return {
    items: list.items,
    hasMore: list.nextPageToken !== undefined,
    more: () => void load(list),
    reload: () => setVersion((v) => v + 1),
    error,
    loading,
  };
}
