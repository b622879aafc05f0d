import { test as base, expect, type Cookie, type Page } from "@playwright/test";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInAs } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

const idleSeconds = 5;
const maxSeconds = 12;

/** The site with lifetimes short enough to watch them run out: its own server, shared by this file's tests. */
const test = base.extend<object, { shortLivedSite: RunningSite; uncappedSite: RunningSite }>({
  shortLivedSite: [
    async ({}, use) => {
      const site = await startWithStandIn({
        AUTH_SESSION_IDLE_SECONDS: String(idleSeconds),
        AUTH_SESSION_MAX_SECONDS: String(maxSeconds),
      });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
  /** The same idle timeout under the default absolute cap (7 days): Auth.js writes an expiry at most once a day. */
  uncappedSite: [
    async ({}, use) => {
      const site = await startWithStandIn({ AUTH_SESSION_IDLE_SECONDS: String(idleSeconds) });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ shortLivedSite }, use) => use(shortLivedSite.url),
});

const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name === sessionCookieName(false));

async function signIn(page: Page, origin = "") {
  await page.goto(`${origin}/greeting`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
}

test("a session left idle past AUTH_SESSION_IDLE_SECONDS ends on the server, though the browser still holds the cookie", async ({
  page,
}) => {
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
  // The cookie never outlives the absolute lifetime.
  const outlivesCap = (cookie: Cookie) => cookie.expires * 1000 > signedInAt + (maxSeconds + 1) * 1000;
  expect(outlivesCap((await sessionCookie(page))!)).toBe(false);
  // Keep using the site, about once a second, until it signs us out.
  await expect
    .poll(
      async () => {
        await page.goto("/greeting");
        const signedIn = new URL(page.url()).pathname === "/greeting";
        if (signedIn) {
          lastSignedIn = Date.now();
          // Near the cap the browser may drop the cookie between the page load and this look.
          const cookie = await sessionCookie(page);
          if (cookie) expect(outlivesCap(cookie)).toBe(false);
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

test("the session endpoint answers only GET: a POST with Auth.js's CSRF token cannot switch the idle timeout off", async ({
  page,
  uncappedSite,
}) => {
  const { url } = uncappedSite;
  await signIn(page, url);
  const { csrfToken } = (await (await page.request.get(`${url}/api/auth/csrf`)).json()) as { csrfToken: string };
  // Auth.js's own POST handler would write expires = now + the absolute cap and re-issue the cookie.
  const posted = await page.request.post(`${url}/api/auth/session`, { form: { csrfToken } });
  expect(posted.status()).toBe(405);
  expect(posted.headers().allow).toBe("GET, HEAD");
  expect(posted.headers()["set-cookie"]).toBeUndefined();
  // HEAD reaches the GET handler in Next: it must not fall through to Auth.js either.
  expect((await page.request.head(`${url}/api/auth/session`)).headers()["set-cookie"]).toBeUndefined();
  // Idle since signing in: no visit before the idle timeout has passed (a visit would renew the session), then signed
  // out at the first look.
  const postedAt = Date.now();
  await expect
    .poll(
      async () => {
        if (Date.now() - postedAt < idleSeconds * 1000) return "idle";
        await page.goto(`${url}/greeting`);
        return new URL(page.url()).pathname;
      },
      { intervals: [1_000], timeout: (idleSeconds + 3) * 1000 },
    )
    .toBe("/signin");
});
