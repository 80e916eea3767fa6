// Debian's chromium driven by playwright-core (Playwright's own browser download cannot work here), and what the
// tests do as a person would: sign in through the development sign-in page, wait for text, take screenshots.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { repositoryRoot } from "./system";
import { e2eUsers, type E2eUser } from "./api";

export const artifactsDir = resolve(process.env.ACTORS_TEST_ARTIFACTS ?? join(repositoryRoot, ".ci/artifacts"), "web");
mkdirSync(artifactsDir, { recursive: true });

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ACTORS_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function newUserPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/**
 * Signs in as one of the tests' people the way a person does: the app's button, then, on the development sign-in
 * page, their school, user id and role in its "Someone else" form.
 */
export async function signIn(page: Page, school: string, userId: E2eUser, startPath = "/"): Promise<void> {
  await openSignInPage(page, startPath);
  await signInAs(page, school, userId);
  await page.getByText(userId, { exact: false }).first().waitFor();
}

/** From the app's page at `startPath`, the app's sign-in button to the development sign-in page. */
export async function openSignInPage(page: Page, startPath = "/"): Promise<void> {
  await page.goto(startPath);
  await page.getByRole("button", { name: "Sign in with your school" }).click();
  await page.waitForURL(/\/dev\/sign-in/);
}

/** On the development sign-in page: fills in and submits the "Someone else" form. */
export async function signInAs(page: Page, school: string, userId: E2eUser): Promise<void> {
  await page.getByLabel("School id").fill(school);
  await page.getByLabel("User id").fill(userId);
  await page.getByLabel("Role").selectOption(e2eUsers[userId]);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dev/") && !url.pathname.startsWith("/signed-in"));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a script element: the app's Content-Security-Policy allows no inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations as AxeViolation[];
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Fails the test with every serious or critical axe violation on the page, each with where it is. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
