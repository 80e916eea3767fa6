// The school's pages in the browser: a school administrator lands on the school's page (not the teacher's), rosters
// a teacher and a student, and creates a class for a teacher; a teacher's class list comes from the server, so a
// class made in one browser shows in another; rotating a class's join code retires the old one.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessible, launchBrowser, newUserPage, signIn } from "./browser";

const url = inject("url");
const school = inject("school");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The class id of the class page the browser is on. */
const classIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

describe("the school administrator's pages", () => {
  it("rosters people, creates a class for a teacher, and lists a teacher's classes", async () => {
    const { page } = await newUserPage(browser, url);
    await signIn(page, school, "admin");
    await page.waitForURL(/\/school$/);
    await page.locator('tr[data-member="t.rivera"]').waitFor();
    await expectAccessible(page, "school page");

    // A new teacher and a new student, with the keyboard-usable labelled form.
    const teacherId = unique("t.new");
    await page.getByLabel("User id").fill(teacherId);
    await page.getByLabel("Name").fill("Hemi Walker");
    await page.getByLabel("Role").selectOption("teacher");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByRole("status").filter({ hasText: "Hemi Walker is on the roster as a teacher." }).waitFor();
    await page.locator(`tr[data-member="${teacherId}"]`).filter({ hasText: "Teacher" }).waitFor();
    const studentId = unique("s.new");
    await page.getByLabel("User id").fill(studentId);
    await page.getByLabel("Name").fill("Kiri Moana");
    await page.getByLabel("Role").selectOption("student");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.locator(`tr[data-member="${studentId}"]`).filter({ hasText: "Student" }).waitFor();

    // A refused rostering (an id no one can have) is shown in words, not a stack trace.
    await page.getByLabel("User id").fill("not an id!");
    await page.getByLabel("Name").fill("Nobody");
    await page.getByRole("button", { name: "Add member" }).click();
    const error = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a student or teacher" }) }).getByRole("alert");
    await error.waitFor();
    expect(await error.textContent()).toContain("Some of what you entered is not valid.");
    expect(await error.textContent()).not.toMatch(/Exception|at Actors\./);

    // A class for the new teacher: the admin lands on its page, which admins manage too.
    const createFor = page.locator("section").filter({ has: page.getByRole("heading", { name: "Create a class for a teacher" }) });
    await createFor.getByLabel("Teacher", { exact: true }).selectOption(teacherId);
    await createFor.getByLabel("Title", { exact: true }).fill("Year 11 Chemistry");
    await createFor.getByRole("button", { name: "Create class" }).click();
    await page.waitForURL(/\/teacher\/classes\//);
    await page.getByRole("heading", { name: "Year 11 Chemistry", level: 1 }).waitFor();
    const classId = classIdOf(page);

    // The admin sees it among the teacher's classes.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "School" }).click();
    const classesOf = page.locator("section").filter({ has: page.getByRole("heading", { name: "A teacher's classes" }) });
    await classesOf.getByLabel("Teacher", { exact: true }).selectOption(teacherId);
    await classesOf.locator(`li[data-class="${classId}"]`).filter({ hasText: "Year 11 Chemistry" }).waitFor();
    await expectAccessible(page, "school page with a teacher's classes");
  });
});

describe("a teacher's classes", () => {
  it("come from the server: a class created in one browser shows in a fresh one", async () => {
    const first = await newUserPage(browser, url);
    await signIn(first.page, school, "t.rivera");
    const title = unique("Geography");
    await first.page.getByLabel("Title", { exact: true }).fill(title);
    await first.page.getByRole("button", { name: "Create class" }).click();
    await first.page.waitForURL(/\/teacher\/classes\//);
    const classId = classIdOf(first.page);
    await first.context.close();

    // Another browser (no storage shared with the first): the class is in the list, and opens.
    const second = await newUserPage(browser, url);
    await signIn(second.page, school, "t.rivera");
    const listed = second.page.getByRole("list", { name: "Your classes" }).locator(`li[data-class="${classId}"]`);
    await listed.waitFor();
    await listed.getByRole("link", { name: title }).click();
    await second.page.getByRole("heading", { name: title, level: 1 }).waitFor();

    // Another teacher of the school does not see it.
    const other = await newUserPage(browser, url);
    await signIn(other.page, school, "t.okafor");
    await other.page.getByRole("heading", { name: "Your classes" }).waitFor();
    await other.page.waitForLoadState("networkidle");
    expect(await other.page.locator(`li[data-class="${classId}"]`).count()).toBe(0);
    await Promise.all([second.context.close(), other.context.close()]);
  });
});

describe("rotating a class's join code", () => {
  it("refuses the old code and admits with the new one", async () => {
    const teacher = await newUserPage(browser, url);
    await signIn(teacher.page, school, "t.okafor");
    await teacher.page.getByLabel("Title", { exact: true }).fill(unique("Art"));
    await teacher.page.getByRole("button", { name: "Create class" }).click();
    await teacher.page.waitForURL(/\/teacher\/classes\//);
    const classId = classIdOf(teacher.page);
    const code = teacher.page.getByTestId("join-code");
    const oldCode = (await code.textContent())!;
    expect(oldCode).not.toBe("");

    await teacher.page.getByRole("button", { name: "New join code" }).click();
    await teacher.page.getByText("The code was changed; the old one no longer works.").waitFor();
    const newCode = (await code.textContent())!;
    expect(newCode).not.toBe(oldCode);

    const student = await newUserPage(browser, url);
    await signIn(student.page, school, "s.ben");
    const join = async (joinCode: string) => {
      await student.page.getByLabel("Class id").fill(classId);
      await student.page.getByLabel("Join code").fill(joinCode);
      await student.page.getByRole("button", { name: "Join class" }).click();
    };
    await join(oldCode);
    const refused = student.page.getByRole("alert").filter({ hasText: "You do not have access to this." });
    await refused.waitFor();
    expect(await student.page.locator(`section.class-card[data-class="${classId}"]`).count()).toBe(0);

    await join(newCode);
    await student.page.locator(`section.class-card[data-class="${classId}"]`).waitFor();
    await teacher.page.reload();
    await teacher.page.locator('tr[data-student="s.ben"]').filter({ hasText: "Active" }).waitFor();
    await Promise.all([teacher.context.close(), student.context.close()]);
  });
});

describe("the teacher's roster", () => {
  it("shows a student's acceptance without a reload", async () => {
    const teacher = await newUserPage(browser, url);
    await signIn(teacher.page, school, "t.rivera");
    const title = unique("Music");
    await teacher.page.getByLabel("Title", { exact: true }).fill(title);
    await teacher.page.getByRole("button", { name: "Create class" }).click();
    await teacher.page.waitForURL(/\/teacher\/classes\//);
    const classId = classIdOf(teacher.page);
    await teacher.page.getByLabel("Student id").fill("s.aroha");
    await teacher.page.getByRole("button", { name: "Enroll student" }).click();
    const row = teacher.page.locator('tr[data-student="s.aroha"]');
    await row.filter({ hasText: "Invited" }).waitFor();

    const student = await newUserPage(browser, url);
    await signIn(student.page, school, "s.aroha");
    await student.page.locator(`section.class-card.invitation[data-class="${classId}"]`).getByRole("button", { name: "Accept invitation" }).click();
    await student.page.locator(`section.class-card:not(.invitation)[data-class="${classId}"]`).waitFor();

    // The teacher's page, untouched since: the roster reads again by itself.
    await row.filter({ hasText: "Active" }).waitFor({ timeout: 15_000 });
    await Promise.all([teacher.context.close(), student.context.close()]);
  });
});
