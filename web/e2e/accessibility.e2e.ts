// axe-core on the main pages of both roles, and the keyboard: no serious or critical violation, every control
// labelled, and a comment can be pinned without a pointer.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launchBrowser, newUserPage, signIn, signInAs } from "./browser";
import { addComment, waitAllSaved, waitLive } from "./pages";

const url = inject("url");
const school = inject("school");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("accessibility", () => {
  it("the sign-in pages, the teacher's pages and the document view have no serious axe violation", async () => {
    const { page } = await newUserPage(browser, url);
    await page.goto("/");
    await expectAccessible(page, "app sign-in");
    await page.getByRole("button", { name: "Sign in with your school" }).click();
    await page.waitForURL(/\/dev\/sign-in/);
    await expectAccessible(page, "development sign-in");
    await signInAs(page, school, "t.okafor");
    await page.waitForURL(/\/teacher/);
    await expectAccessible(page, "teacher home");

    await page.getByLabel("Title", { exact: true }).fill("Accessibility check");
    await page.getByRole("button", { name: "Create class" }).click();
    await page.waitForURL(/\/teacher\/classes\//);
    // Chloe joins with the class id and the join code the class page shows, on her own page: active at once.
    const classId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const joinCode = (await page.getByTestId("join-code").textContent())!;
    const chloe = await newUserPage(browser, url);
    await signIn(chloe.page, school, "s.chloe");
    await expectAccessible(chloe.page, "student home before joining");
    await chloe.page.getByLabel("Class id").fill(classId);
    await chloe.page.getByLabel("Join code").fill(joinCode.toLowerCase());
    await chloe.page.getByRole("button", { name: "Join class" }).click();
    await chloe.page.locator("section.class-card").filter({ hasText: "Accessibility check" }).waitFor();
    await chloe.context.close();
    await page.reload();
    await page.locator('tr[data-student="s.chloe"]').filter({ hasText: "Active" }).waitFor();
    await page.getByRole("button", { name: "Assign to the class" }).click();
    await page.locator('li[data-assignment] tr[data-student="s.chloe"]').waitFor();
    await expectAccessible(page, "class page");

    await page.getByRole("link", { name: "Open the class document (live)" }).click();
    await waitLive(page);
    await addComment(page, "A comment to look at");
    await waitAllSaved(page);
    await expectAccessible(page, "document view");
  });

  it("the student's pages have no serious axe violation", async () => {
    const { page } = await newUserPage(browser, url);
    await signIn(page, school, "s.chloe");
    await page.locator("section.class-card").first().waitFor();
    await expectAccessible(page, "student home");
    for (const [path, heading] of [["/student/goals", "Goals"], ["/student/activities", "Activities"], ["/student/reflections", "Reflections"], ["/student/resume", "Resume"]] as const) {
      await page.goto(path);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, heading);
    }
  });

  it("a comment can be pinned with the keyboard alone", async () => {
    const { page } = await newUserPage(browser, url);
    await signIn(page, school, "s.chloe");
    await page.locator("section.class-card").getByRole("link", { name: "Open my copy" }).first().click();
    await waitLive(page);
    await page.getByLabel("Page", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type("Typed without a mouse");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator(".annotation-row[data-sequence]").filter({ hasText: "Typed without a mouse" }).waitFor();
    expect(await page.getByRole("button", { name: /comment by s\.chloe: Typed without a mouse/ }).count()).toBeGreaterThan(0);
  });
});
