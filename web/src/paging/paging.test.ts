import { describe, expect, it } from "vitest";
import { appendPage, firstPage, readAll, rereadPages, type Page } from "./paging";

const key = (item: { id: string }) => item.id;

describe("paging", () => {
  it("appends pages and knows when the last one was read", () => {
    let list = appendPage(firstPage, { items: [{ id: "a" }, { id: "b" }], nextPageToken: "b" }, key);
    expect(list.nextPageToken).toBe("b");

    list = appendPage(list, { items: [{ id: "c" }], nextPageToken: "" }, key);

    expect(list.items.map(key)).toEqual(["a", "b", "c"]);
    expect(list.nextPageToken).toBeUndefined();
  });

  it("never lists an item twice when pages overlap", () => {
    const list = appendPage(appendPage(firstPage, { items: [{ id: "a" }, { id: "b" }], nextPageToken: "b" }, key), { items: [{ id: "b" }, { id: "c" }], nextPageToken: "" }, key);

    expect(list.items.map(key)).toEqual(["a", "b", "c"]);
  });

  it("reads every page, passing each page's token to the next request", async () => {
    const pages: Record<string, Page<{ id: string }>> = {
      "": { items: [{ id: "1" }, { id: "2" }], nextPageToken: "t2" },
      t2: { items: [{ id: "3" }], nextPageToken: "t3" },
      t3: { items: [{ id: "4" }], nextPageToken: "" },
    };
    const asked: Array<[string, number]> = [];

    const all = await readAll(async (token, size) => {
      asked.push([token, size]);
      return pages[token];
    });

    expect(all.map(key)).toEqual(["1", "2", "3", "4"]);
    expect(asked).toEqual([["", 500], ["t2", 500], ["t3", 500]]);
  });

  it("stops at the limit and refuses a token the server repeats", async () => {
    const endless = async (token: string) => ({ items: [{ id: token + "x" }], nextPageToken: token + "x" });
    expect((await readAll(endless, { limit: 3 })).length).toBe(3);

    const stuck = async () => ({ items: [{ id: "a" }], nextPageToken: "same" });
    await expect(readAll(stuck)).rejects.toThrow(/repeated page token/);
  });

  it("re-reads as many pages as the list holds, from the start, and carries on after them", async () => {
    const server = ["a", "b", "c", "d", "e"];
    const tokens: string[] = [];
    const fetchPage = async (token: string, size: number): Promise<Page<string>> => {
      tokens.push(token);
      const start = token === "" ? 0 : server.indexOf(token) + 1;
      const items = server.slice(start, start + size);
      return { items, nextPageToken: start + size < server.length ? items[items.length - 1] : "" };
    };
    server.splice(1, 1, "b2"); // changed since the list was read: "b" gone, "b2" in its place

    const fresh = await rereadPages(fetchPage, 3, 2);

    expect(fresh.items).toEqual(["a", "b2", "c", "d"]);
    expect(fresh.nextPageToken).toBe("d");
    expect(tokens).toEqual(["", "b2"]);
    expect((await rereadPages(fetchPage, 0, 10)).nextPageToken).toBeUndefined();
  });
});
