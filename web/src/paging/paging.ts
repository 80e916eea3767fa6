// The gateway's list paging (docs/api.md, Pagination): page_size (0 -> 50, at most 500) and page_token, where the
// previous answer's next_page_token names the last item sent and an empty one means the last page.

export const maxPageSize = 500;

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

export type FetchPage<T> = (pageToken: string, pageSize: number, signal?: AbortSignal) => Promise<Page<T>>;

/** The state of a list shown a page at a time with "Show more". */
export interface PagedList<T> {
  items: T[];
  /** The token for the next page; undefined when the last page has been read. */
  nextPageToken: string | undefined;
}

export const firstPage: PagedList<never> = { items: [], nextPageToken: "" };

/** Adds a page to the list. Items already held (by key) are replaced, never listed twice. */
export function appendPage<T>(list: PagedList<T>, page: Page<T>, key: (item: T) => string): PagedList<T> {
  const seen = new Map(list.items.map((item, index) => [key(item), index] as const));
  const items = list.items.slice();
  for (const item of page.items) {
    const at = seen.get(key(item));
    if (at === undefined) {
      seen.set(key(item), items.length);
      items.push(item);
    } else {
      items[at] = item;
    }
  }
  return { items, nextPageToken: page.nextPageToken === "" ? undefined : page.nextPageToken };
}

/**
 * Reads every page (for lists a view needs whole, e.g. a class's assignments). Stops at `limit` items so that a
 * list far larger than a screen cannot hang the page; a token seen twice means a server bug, not an endless list.
 */
export async function readAll<T>(fetchPage: FetchPage<T>, options: { pageSize?: number; limit?: number; signal?: AbortSignal } = {}): Promise<T[]> {
  const pageSize = Math.min(options.pageSize ?? maxPageSize, maxPageSize);
  const limit = options.limit ?? 10_000;
  const items: T[] = [];
  const tokens = new Set<string>();
  let token = "";
  do {
    const page = await fetchPage(token, pageSize, options.signal);
    items.push(...page.items);
    token = page.nextPageToken;
    if (tokens.has(token)) throw new Error(`the server repeated page token '${token}'`);
    tokens.add(token);
  } while (token !== "" && items.length < limit);
  return items.slice(0, limit);
}

/**
 * Reads the list again from its start, as many pages as `held` items took (at least one), for a list kept fresh on
 * screen: the caller swaps it in whole, so the list never empties while it is re-read. Items gone since are gone,
 * new ones appear in their place, and "show more" carries on from the last page re-read.
 */
export async function rereadPages<T>(fetchPage: FetchPage<T>, held: number, pageSize: number, signal?: AbortSignal): Promise<PagedList<T>> {
  let list: PagedList<T> = { items: [], nextPageToken: "" };
  const pages = Math.max(1, Math.ceil(held / pageSize));
  for (let page = 0; page < pages && list.nextPageToken !== undefined; page++) {
    const next = await fetchPage(list.nextPageToken, pageSize, signal);
    list = { items: [...list.items, ...next.items], nextPageToken: next.nextPageToken === "" ? undefined : next.nextPageToken };
  }
  return list;
}
