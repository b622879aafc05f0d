import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInWithEmail } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

const reverifySeconds = 15;

/** The site with a re-verification window short enough to watch it pass: its own server, shared by this file. */
const test = base.extend<object, { shortWindowSite: RunningSite }>({
  shortWindowSite: [
    async ({}, use) => {
      const site = await startWithStandIn({ AUTH_REVERIFY_SECONDS: String(reverifySeconds) });
      await use(site);
      await site.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ shortWindowSite }, use) => use(shortWindowSite.url),
});

const person = () => `reverify-${randomUUID()}@example.com`;

const sessionToken = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name === sessionCookieName(false))?.value;

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, help }) => `${id}: ${help}`)).toEqual([]);
}

/** Signs in as a person of the test's own and waits on the delete page until the sign-in is past the window. */
async function staleOnDeletePage(page: Page, email: string) {
  await page.goto("/account/delete");
  await signInWithEmail(page, email);
  await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("button", { name: "Confirm with Google" })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: (reverifySeconds + 10) * 1000 });
  await expect(page.getByRole("button", { name: "Delete my account" })).toHaveCount(0);
  await expect(page.getByText(/Google decides whether to ask for your password/)).toBeVisible();
}

base("a fresh sign-in deletes at once (the shared site, default window)", async ({ page }) => {
  await page.goto("/account/delete");
  await signInWithEmail(page, person());
  await expectAccessible(page);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});

test("a stale sign-in goes through Google as the same account, gets a new token, then deletes", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = person();
  await staleOnDeletePage(page, email);
  await expectAccessible(page);
  const before = await sessionToken(page);
  await page.getByRole("button", { name: "Confirm with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  // login_hint: the stand-in offers only the account signed in here.
  await expect(page.locator("button.account")).toHaveCount(1);
  await page.getByRole("button", { name: new RegExp(email) }).click();
  await expect(page.getByText(/that was you/)).toBeVisible();
  await expectAccessible(page);
  const after = await sessionToken(page);
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);

  // The token from before the rotation opens nothing any more.
  const old = await browser.newContext();
  await old.addCookies([{ name: sessionCookieName(false), value: before!, url: baseURL! }]);
  const oldPage = await old.newPage();
  await oldPage.goto(`${baseURL}/account`);
  await expect(oldPage).toHaveURL(/\/signin/);
  await old.close();

  // The person's activity says it happened.
  await page.goto("/account/activity");
  await expect(page.getByRole("list", { name: "Recent activity" }).getByRole("heading").first()).toHaveText(
    "Confirmed it was you at Google",
  );
  await page.goto("/account/delete");

  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});

test("another Google account coming back is refused: nothing deleted, the session as it was, no new session", async ({
  page,
}) => {
  const email = person();
  await staleOnDeletePage(page, email);
  const before = await sessionToken(page);
  await page.getByRole("button", { name: "Confirm with Google" }).click();
  await page.getByRole("textbox", { name: /any email/i }).fill(person());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/not the Google account signed in here/)).toBeVisible();
  await expectAccessible(page);
  expect(await sessionToken(page)).toBe(before);
  await expect(page.getByRole("button", { name: "Confirm with Google" })).toBeVisible();
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  // Entered on the activity page as a refused sign-in, with what went wrong.
  await page.goto("/account/activity");
  const newest = page.getByRole("list", { name: "Recent activity" }).getByRole("listitem").first();
  await expect(newest.getByRole("heading")).toHaveText("A sign-in to this account was refused");
  await expect(newest).toContainText("re-verification");
});

test("a delete posted past the window is refused by the action itself", async ({ page }) => {
  await page.goto("/account/delete");
  await signInWithEmail(page, person());
  const button = page.getByRole("button", { name: "Delete my account" });
  await expect(button).toBeVisible();
  // A second tab of the same browser shows when the server deems the sign-in stale; this tab's form is the old one.
  const other = await page.context().newPage();
  await other.goto("/account/delete");
  await expect(async () => {
    await other.reload();
    await expect(other.getByRole("button", { name: "Confirm with Google" })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: (reverifySeconds + 10) * 1000 });
  await other.close();
  await button.click();
  await expect(page).toHaveURL(/reverify=needed/);
  await expect(page.getByText(/Please confirm it is you with Google first/)).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
});

test("sign out everywhere stays one click past the window", async ({ page }) => {
  await staleOnDeletePage(page, person());
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});
