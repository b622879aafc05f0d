import { test as base, expect, type Page } from "@playwright/test";
import { ports, startWithStandIn, type RunningSite } from "./servers";
import { signInAs } from "./sign-in";

const idleSeconds = 5;
const maxSeconds = 12;

/** The site with lifetimes short enough to watch them run out: its own server, shared by this file's tests. */
const test = base.extend<object, { shortLivedSite: RunningSite }>({
  shortLivedSite: [
    async ({}, use, workerInfo) => {
      const site = await startWithStandIn(ports.lifetimeSite(workerInfo.parallelIndex), {
        AUTH_SESSION_IDLE_SECONDS: String(idleSeconds),
        AUTH_SESSION_MAX_SECONDS: String(maxSeconds),
      });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ shortLivedSite }, use) => use(shortLivedSite.url),
});

const sessionCookie = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === "authjs.session-token");

async function signIn(page: Page) {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
}

test("a session left idle past AUTH_SESSION_IDLE_SECONDS ends on the server, though the browser still holds the cookie", async ({ page }) => {
  await signIn(page);
  const signedInAt = Date.now();
  // No activity: the server counts the idle time; the cookie itself lives until the absolute cap.
  await expect
    .poll(
      async () => {
        await page.goto("/greeting");
        return new URL(page.url()).pathname;
      },
      // The first look is before the idle timeout and renews it: start looking only once it has passed.
      { intervals: [(idleSeconds + 1) * 1000, 1_000], timeout: (idleSeconds + 8) * 1000 },
    )
    .toBe("/signin");
  expect(Date.now() - signedInAt).toBeGreaterThan(idleSeconds * 1000);
  expect(await sessionCookie(page)).toBeDefined();
});

test("activity keeps a session past the idle timeout, but not past AUTH_SESSION_MAX_SECONDS", async ({ page }) => {
  await signIn(page);
  const signedInAt = Date.now();
  let lastSignedIn = signedInAt;
  // Keep using the site, about once a second, until it signs us out.
  await expect
    .poll(
      async () => {
        await page.goto("/greeting");
        const signedIn = new URL(page.url()).pathname === "/greeting";
        if (signedIn) {
          lastSignedIn = Date.now();
          // The cookie never outlives the absolute lifetime.
          expect((await sessionCookie(page))!.expires * 1000).toBeLessThanOrEqual(signedInAt + (maxSeconds + 1) * 1000);
        }
        return signedIn;
      },
      { intervals: [1_000], timeout: (maxSeconds + 10) * 1000 },
    )
    .toBe(false);
  // Signed in for longer than the idle timeout thanks to the activity; signed out all the same.
  expect(lastSignedIn - signedInAt).toBeGreaterThan(idleSeconds * 1000);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
});
