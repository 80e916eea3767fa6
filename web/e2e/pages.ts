// What the tests read off and do on the app's pages, in one place.
import type { Page } from "playwright-core";

export interface Row {
  id: string;
  author: string;
  sequence: number;
  text: string;
}

/** Waits until the document page says it is live. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('.connection[data-state="live"]').waitFor({ timeout: 60_000 });
}

export async function annotationCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("annotation-count").textContent());
}

export async function waitForCount(page: Page, count: number, timeout = 90_000): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('[data-testid="annotation-count"]')?.textContent === String(n), count, { timeout });
}

/** Every saved annotation in the side list, scrolling the (virtualised) list from top to bottom. */
export async function savedRows(page: Page): Promise<Row[]> {
  return page.evaluate(async () => {
    const box = document.querySelector<HTMLElement>(".virtual-list");
    if (!box) return [];
    const rows = new Map<string, { id: string; author: string; sequence: number; text: string }>();
    const read = () => {
      for (const el of box.querySelectorAll<HTMLElement>(".annotation-row[data-sequence]")) {
        const id = el.dataset.annotation!;
        rows.set(id, { id, author: el.dataset.author!, sequence: Number(el.dataset.sequence), text: el.querySelector(".what")?.textContent ?? "" });
      }
    };
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += box.clientHeight / 2) {
      box.scrollTop = top;
      await nextFrame();
      read();
      if (top >= box.scrollHeight) break;
    }
    box.scrollTop = box.scrollHeight;
    return [...rows.values()].sort((a, b) => a.sequence - b.sequence);
  });
}

/** Adds a comment with the keyboard form of the side panel; resolves when it is typed and sent (maybe still pending). */
export async function addComment(page: Page, text: string, pageNumber = 1): Promise<void> {
  const form = page.getByRole("form", { name: "Add a comment" });
  await form.getByLabel("Page").selectOption(String(pageNumber));
  await form.getByLabel("Comment").fill(text);
  await form.getByRole("button", { name: "Add comment" }).click();
}

/** Waits until none of this page's adds is still waiting for the gateway. */
export async function waitAllSaved(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".annotation-row[data-pending]").length === 0 && !document.querySelector(".counts")?.textContent?.includes("not yet saved"), undefined, { timeout });
}

/** Draws a pen stroke or a highlight across a page with the mouse. */
export async function drag(page: Page, tool: "Pen" | "Highlight", pageNumber: number, from: [number, number], to: [number, number]): Promise<void> {
  await page.getByRole("radio", { name: tool }).check();
  const sheet = page.getByTestId(`page-${pageNumber}`);
  await sheet.scrollIntoViewIfNeeded();
  const box = (await sheet.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(...from));
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    const f = i / 12;
    await page.mouse.move(...at(from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f + (tool === "Pen" ? Math.sin(f * 6) * 0.01 : 0)));
  }
  await page.mouse.up();
  await page.getByRole("radio", { name: "Comment pin" }).check();
}

/** Records, in the page, when each annotation text first shows in the side list (for live latency). */
export async function recordArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __arrivals: Record<string, number> }).__arrivals = seen;
    const scan = () => {
      for (const el of document.querySelectorAll(".annotation-row[data-sequence] .what")) {
        const text = el.textContent ?? "";
        if (!(text in seen)) seen[text] = Date.now();
      }
    };
    scan();
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export async function arrivals(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as { __arrivals: Record<string, number> }).__arrivals);
}
