import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { hasNginx } from "../scripts/nginx";
import { startSiteBehindNginx } from "./servers";
import { signInAs } from "./sign-in";

/** Visitors reach the site through nginx's shared cache on its canonical name (the value); the site itself sits behind it. */
const test = base.extend<object, { cachedSite: string }>({
  cachedSite: [
    async ({}, use) => {
      const proxied = await startSiteBehindNginx({}, { cache: true });
      await use(proxied.origin);
      await proxied.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ cachedSite }, use) => use(cachedSite),
});

test.skip(!hasNginx, "needs Debian's nginx (/usr/sbin/nginx)");

/** The signed-out home page, asked for until nginx answers it from its cache: proof the cache is in play. */
async function primeCache(request: APIRequestContext) {
  await expect
    .poll(async () => (await request.get("/", { headers: { cookie: "" } })).headers()["x-cache-status"], {
      timeout: 10_000,
    })
    .toBe("HIT");
}

/** The same, from the browser itself: its requests (Accept-Encoding and all) are the ones the cached copy must match. */
async function primeCacheFromBrowser(page: Page) {
  await expect.poll(async () => (await page.goto("/"))?.headers()["x-cache-status"], { timeout: 10_000 }).toBe("HIT");
  await expect(page.getByRole("heading", { name: "Sign in with Google, get a greeting." })).toBeVisible();
}

test("behind a shared cache, a signed-in visitor gets their own home page, never the cached one for visitors", async ({
  page,
}) => {
  await primeCacheFromBrowser(page);
  await page.goto("/signin");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const home = await page.goto("/");
  expect(home?.headers()["x-cache-status"]).not.toBe("HIT");
  await expect(page.getByRole("heading", { name: "Welcome back, Ada Lovelace." })).toBeVisible();
});

test("behind a shared cache, a visitor without a session never gets someone's personal home page", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/signin");
  await signInAs(page, /Grace Hopper/);
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
  for (let visit = 0; visit < 2; visit += 1) {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Welcome back, Grace Hopper." })).toBeVisible();
  }
  const stranger = await browser.newContext({ baseURL });
  const strangerPage = await stranger.newPage();
  await primeCacheFromBrowser(strangerPage);
  await expect(strangerPage.getByText("grace@example.com")).toHaveCount(0);
  await stranger.close();
});

test("the home page for visitors stays cacheable behind the proxy", async ({ request }) => {
  await primeCache(request);
  const cached = await request.get("/", { headers: { cookie: "" } });
  expect(cached.headers()["x-cache-status"]).toBe("HIT");
  expect(cached.headers().vary).toMatch(/\bCookie\b/i);
});
