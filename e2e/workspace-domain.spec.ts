import { test as base, expect, type Page } from "@playwright/test";
import { signInProblem } from "../lib/sign-in-problems";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInAs } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

/** The site restricted to one Google Workspace domain: its own server, shared by this file's tests. */
const test = base.extend<object, { workspaceSite: RunningSite }>({
  workspaceSite: [
    async ({}, use) => {
      const site = await startWithStandIn({ AUTH_GOOGLE_HD: "example.com" });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ workspaceSite }, use) => use(workspaceSite.url),
});

async function expectNotAllowed(page: Page) {
  await expect(page.getByRole("heading", { name: signInProblem("DomainNotAllowed").title })).toBeVisible();
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookieName(false));
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
}

test("Google is asked for the domain (hd) and a Workspace account of it signs in", async ({ page }) => {
  await page.goto("/greeting");
  const authorization = page.waitForRequest((request) => new URL(request.url()).searchParams.has("code_challenge"));
  await signInAs(page, /Ada Lovelace/);
  expect(new URL((await authorization).url()).searchParams.get("hd")).toBe("example.com");
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
});

test("a personal Google account (no hd claim) gets the not-allowed page", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Sam Personal/);
  await expectNotAllowed(page);
});

test("an account of another Workspace domain gets the not-allowed page", async ({ page }) => {
  await page.goto("/greeting");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.getByRole("textbox", { name: /any email/i }).fill("someone@example.org");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectNotAllowed(page);
});
