// A student's own space in the browser: a goal set, moved and completed; an activity with hours; a reflection
// shared with a class; the resume showing what was completed. Errors reach the page in words.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newUserPage, signIn } from "./browser";

const url = inject("url");
const school = inject("school");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a student's goals, activities, reflections and resume", () => {
  it("works end to end and shows the gateway's refusals in words", async () => {
    const { page } = await newUserPage(browser, url);
    await signIn(page, school, "s.dev");
    const goal = `Run 5 km ${Date.now().toString(36)}`;

    await page.goto("/student/goals");
    await page.getByLabel("Goal", { exact: true }).fill(goal);
    await page.getByRole("button", { name: "Set goal" }).click();
    const card = page.locator("li[data-goal]").filter({ hasText: goal });
    await card.waitFor();
    await card.getByRole("button", { name: "Mark complete" }).click();
    await card.filter({ hasText: "Completed" }).waitFor();

    await page.goto("/student/activities");
    await page.getByLabel("Activity", { exact: true }).fill("Beach clean-up");
    await page.getByLabel("Category (optional)").fill("Service");
    await page.getByRole("button", { name: "Commit" }).click();
    const activity = page.locator("li[data-activity]").filter({ hasText: "Beach clean-up" }).last();
    await activity.waitFor();
    await activity.getByLabel("Hours", { exact: true }).fill("2.5");
    await activity.getByRole("button", { name: "Log hours" }).click();
    await activity.filter({ hasText: "2.5 hours" }).waitFor();
    // 25 hours in a day: the gateway refuses it, and the page says which field and why.
    await activity.getByLabel("Hours", { exact: true }).fill("25");
    await activity.getByLabel("Hours", { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
    await activity.getByRole("button", { name: "Log hours" }).click();
    const error = activity.getByRole("alert");
    await error.waitFor();
    expect(await error.textContent()).toContain("Some of what you entered is not valid.");
    expect(await error.textContent()).toMatch(/Hours/);
    expect(await error.textContent()).not.toMatch(/Exception|at Actors\./);
    await activity.getByRole("button", { name: "Mark complete" }).click();
    await activity.filter({ hasText: "Completed" }).waitFor();

    await page.goto("/student/reflections");
    await page.getByLabel("About").selectOption({ label: `Goal: ${goal}` });
    await page.getByLabel("Reflection", { exact: true }).fill("Pacing myself made the last kilometre easy.");
    await page.getByRole("button", { name: "Save reflection" }).click();
    await page.locator("li[data-reflection]").filter({ hasText: "Pacing myself" }).waitFor();

    await page.goto("/student/resume");
    await page.getByLabel("Name").fill("Dev Patel");
    await page.getByLabel("School").fill("Demo College");
    await page.getByLabel("Year level").fill("11");
    await page.getByRole("button", { name: "Save profile" }).click();
    const resume = page.getByRole("article", { name: "Your resume" });
    await resume.filter({ hasText: "Dev Patel" }).waitFor();
    expect(await resume.textContent()).toContain(goal);
    expect(await resume.textContent()).toContain("Beach clean-up");
  });
});
