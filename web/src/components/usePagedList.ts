import { useCallback, useEffect, useState } from "react";
import { appendPage, firstPage, type FetchPage, type PagedList } from "../paging/paging";

/** A list read a page at a time: the first page on load, the next on `more()`; `reload()` starts again. */
export function usePagedList<T>(fetchPage: FetchPage<T>, key: (item: T) => string, deps: readonly unknown[], pageSize = 50) {
  const [list, setList] = useState<PagedList<T>>(firstPage);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  const load = useCallback(
    async (from: PagedList<T>, signal?: AbortSignal) => {
      if (from.nextPageToken === undefined) return;
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage(from.nextPageToken, pageSize, signal);
        if (!signal?.aborted) setList(appendPage(from, page, key));
      } catch (e) {
        if (!signal?.aborted) setError(e);
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

  return {
    items: list.items,
    hasMore: list.nextPageToken !== undefined,
    more: () => void load(list),
    reload: () => setVersion((v) => v + 1),
    error,
    loading,
  };
}
