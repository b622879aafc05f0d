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

test("a session left idle past AUTH_SESSION_IDLE_SECONDS ends, in the browser and on the server", async ({ page, context }) => {
  await signIn(page);
  const lastIssued = (await sessionCookie(page))!;
  // No activity: the browser drops the cookie when its Max-Age (the idle timeout) runs out...
  await expect.poll(() => sessionCookie(page), { timeout: (idleSeconds + 5) * 1000 }).toBeUndefined();
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
  // ...and the server refuses it too, should someone keep a copy and send it again (without the browser's expiry).
  await context.addCookies([{ ...lastIssued, expires: -1 }]);
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
});

test("activity keeps a session past the idle timeout, but not past AUTH_SESSION_MAX_SECONDS", async ({ page }) => {
  await signIn(page);
  const signedInAt = Date.parse(((await (await page.request.get("/api/auth/session")).json()) as { signedInAt: string }).signedInAt);
  let lastSignedIn = signedInAt;
  // Keep using the site, about once a second, until it signs us out.
  await expect
    .poll(
      async () => {
        await page.goto("/greeting");
        const signedIn = new URL(page.url()).pathname === "/greeting";
        if (signedIn) {
          lastSignedIn = Date.now();
          // Renewal never pushes the cookie past the absolute lifetime.
          expect((await sessionCookie(page))!.expires * 1000).toBeLessThanOrEqual(signedInAt + (maxSeconds + 2) * 1000);
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
