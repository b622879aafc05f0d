import { expect, test, type Page } from "@playwright/test";
import { signInAs, signOut } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

const keptPrivate = (cacheControl: string | undefined) => /\b(no-store|private)\b/.test(cacheControl ?? "");

/**
 * Whether a shared cache may store the answer at all. A POST answer only with a Content-Location naming its own URL
 * (RFC 9110 §9.3.3): Next's server actions copy the Cache-Control of the page they redirect to, but send none.
 */
function publiclyCacheable(method: string, url: string, headers: Record<string, string>): boolean {
  if (keptPrivate(headers["cache-control"])) return false;
  if (method === "GET" || method === "HEAD") return true;
  return (
    method === "POST" &&
    headers["content-location"] !== undefined &&
    new URL(headers["content-location"], url).href === url
  );
}

/** The build's own files are the same for everyone, whoever asks. */
const isBuildAsset = (url: URL) => url.pathname.startsWith("/_next/static/") || url.pathname === "/icon.svg";

/**
 * Every answer from our site that sets a cookie, or that was asked for with a session cookie, must be kept out of
 * shared caches. Resolves to the offenders.
 */
function watchCaching(page: Page, origin: string): () => Promise<string[]> {
  const checks: Promise<string | undefined>[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || isBuildAsset(url)) return;
    checks.push(
      (async () => {
        const headers = await response.allHeaders();
        const setsCookie = "set-cookie" in headers;
        const withSession = /authjs\.session-token=/.test((await response.request().allHeaders()).cookie ?? "");
        const method = response.request().method();
        if ((setsCookie || withSession) && publiclyCacheable(method, response.url(), headers))
          return `${method} ${url.pathname}${url.search} → ${headers["cache-control"] ?? "(no Cache-Control)"}`;
      })(),
    );
  });
  return async () => (await Promise.all(checks)).filter((offender) => offender !== undefined);
}

test("through sign-in, signed-in pages and sign-out, nothing session-dependent is publicly cacheable", async ({
  page,
  baseURL,
}) => {
  const offenders = watchCaching(page, new URL(baseURL!).origin);
  await page.goto("/greeting");
  await signInAs(page, /Grace Hopper/);
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
  for (const path of [
    "/",
    "/greeting",
    "/account",
    "/signin",
    "/signin/error?error=AccessDenied",
    "/no/such/page",
    "/api/auth/session",
  ])
    await page.goto(path);
  await page.goto("/");
  await page.getByRole("link", { name: /greeting/i }).click();
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
  await signOut(page);
  expect(await offenders()).toEqual([]);
});

test("the home page for visitors is static and cacheable", async ({ request }) => {
  const response = await request.get("/");
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const cacheControl = response.headers()["cache-control"];
  expect(keptPrivate(cacheControl)).toBe(false);
  expect(cacheControl).toMatch(/\b(s-maxage|max-age)=[1-9]/);
});

test("the static home page, when it has to clear a bad session cookie, is not cacheable", async ({
  page,
  context,
  baseURL,
}) => {
  const offenders = watchCaching(page, new URL(baseURL!).origin);
  await context.addCookies([{ name: sessionCookieName(false), value: "not-a-session", url: baseURL! }]);
  const response = await page.goto("/");
  expect(await response!.headerValue("set-cookie")).toMatch(/authjs\.session-token=;/);
  expect(await offenders()).toEqual([]);
});
