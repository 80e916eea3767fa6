// The development sign-in's demo users (scripts/demo/sign-in-users.json) are the people `actors seed` rosters
// (tools/Actors.Cli/Seed/DemoSchools.cs), which run-local.sh runs before the web app starts: picked on the sign-in
// page, each lands in their own school and sees that school's class, and only it. Reads only, so it holds on a
// system seeded long ago too (ACTORS_E2E_URL).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newUserPage, openSignInPage } from "./browser";

const url = inject("url");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Signs in with the demo user's own button in their school's list on the sign-in page. */
async function signInAsDemoUser(school: string, userId: string): Promise<Page> {
  const { page } = await newUserPage(browser, url);
  await openSignInPage(page);
  await page.locator(`section[aria-labelledby="school-${school}"] button[data-user="${userId}"]`).click();
  await page.waitForURL((u) => u.pathname.startsWith("/student"));
  return page;
}

describe("the demo schools", () => {
  it("a seeded student enrolled by the administrator sees their school's class and not the other school's", async () => {
    const page = await signInAsDemoUser("rimu", "student-1");
    await page.locator("section.class-card:not(.invitation)").filter({ hasText: "Year 10 Maths" }).waitFor();
    expect(await page.locator("section.class-card").filter({ hasText: "Year 9 Science" }).count()).toBe(0);
    expect(await page.locator(".who").textContent()).toContain("rimu");
    await page.context().close();
  });

  it("a seeded student the teacher invited sees the invitation to accept or decline", async () => {
    const page = await signInAsDemoUser("kowhai", "student-4");
    const invitation = page.locator("section.invitation").filter({ hasText: "Year 9 Science" });
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain("teacher-1");
    await invitation.getByRole("button", { name: "Accept invitation" }).waitFor();
    await invitation.getByRole("button", { name: "Decline" }).waitFor();
    await page.context().close();
  });
});
