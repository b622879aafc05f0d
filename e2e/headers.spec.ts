import { expect, test, type Response } from "@playwright/test";
import { directive, watchCspViolations } from "./csp";
import { signInAs, signOut } from "./sign-in";

function expectSecurityHeaders(response: Response | null, { prerendered = false } = {}) {
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const scripts = directive(policy, "script-src") ?? "";
  // The public home and the 404 of skipped paths are served as built, without the middleware: exactly their scripts are
  // allowed, by hash, and what those load ('strict-dynamic'); no nonce, and no same-origin file.
  if (prerendered) expect(scripts).toMatch(/^script-src 'strict-dynamic'( 'sha256-[A-Za-z0-9+/]+={0,2}')+$/);
  else expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/_-]{16,}={0,2}'/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(directive(policy, "base-uri")).toBe("base-uri 'none'");
  expect(headers["referrer-policy"]).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(headers["x-powered-by"]).toBeUndefined();
  // Plain http here: HSTS would be meaningless (and is tested over https below).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

const signedOutPages = [
  "/",
  "/signin",
  "/signin?callbackUrl=%2Fgreeting",
  "/signin/error?error=AccessDenied",
  "/no/such/page",
  "/nothing.png",
];
/** Served as built, never through the middleware: `/` for visitors, the 404 of a path the middleware skips. */
const prerenderedPages = new Set(["/", "/nothing.png"]);
const signedInPages = ["/", "/greeting", "/account", "/signin/error?error=EmailUnverified", "/no/such/page"];

test("every page signed out: security headers, a nonce-based CSP (hashes on the prerendered pages), and no CSP violation", async ({
  page,
  baseURL,
}) => {
  const violations = await watchCspViolations(page, baseURL!);
  for (const path of signedOutPages) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    expectSecurityHeaders(response, { prerendered: prerenderedPages.has(path) });
  }
  expect(await violations()).toEqual([]);
});

test("every page signed in, and the sign-in round trip itself: no CSP violation", async ({ page, baseURL }) => {
  const violations = await watchCspViolations(page, baseURL!);
  await page.goto("/");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  for (const path of signedInPages) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    expectSecurityHeaders(response);
  }
  // Client navigation and the sign-out server action run under the same policy.
  await page.getByRole("link", { name: "Nametag" }).click();
  await signOut(page);
  expect(await violations()).toEqual([]);
});

test("the home page pins every external script by an integrity hash its policy lists, and its script runs without a CSP violation", async ({
  page,
  baseURL,
}) => {
  const violations = await watchCspViolations(page, baseURL!);
  const response = await page.goto("/");
  const allowed = (directive(response!.headers()["content-security-policy"] ?? "", "script-src") ?? "").split(" ");
  const pinned = await page
    .locator('script[src], link[rel="preload"][as="script"], link[rel="modulepreload"]')
    .evaluateAll((tags) =>
      tags.map((tag) => ({
        url: tag.getAttribute("src") ?? tag.getAttribute("href"),
        integrity: tag.getAttribute("integrity"),
      })),
    );
  expect(pinned.length).toBeGreaterThan(0);
  for (const { url, integrity } of pinned)
    expect(allowed, `${url} with integrity ${integrity}`).toContain(`'${integrity}'`);
  // The sign-in button's busy state is React's doing: held at the server action until it has been seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("/", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  const button = page.getByRole("button", { name: "Sign in with Google" });
  await button.click();
  await expect(button).toHaveAttribute("aria-disabled", "true");
  release();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("a server action call from another site is refused with a 403 on every path, the ones the middleware otherwise skips too; a bogus one from our own origin is never a 500", async ({
  request,
  baseURL,
}) => {
  for (const path of ["/x.png", "/bench/static", "/icon.svg", "/_next/static/anything", "/"]) {
    const call = (origin: string) =>
      request.post(path, {
        headers: { origin, "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" },
        data: "[]",
        maxRedirects: 0,
      });
    expect((await call("http://evil.example")).status(), path).toBe(403);
    expect((await call(baseURL!)).status(), path).toBeLessThan(500);
  }
});

test("the nonce is fresh on every request and is the one on the page's scripts", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/signin");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("Auth.js's own HTML pages carry a CSP too", async ({ request }) => {
  for (const path of ["/api/auth/signout", "/api/auth/verify-request"]) {
    const response = await request.get(path);
    expect(response.headers()["content-type"]).toContain("text/html");
    const policy = response.headers()["content-security-policy"] ?? "";
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "script-src") ?? directive(policy, "default-src")).not.toContain("'unsafe-inline'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("over https (a proxy says so), pages also send HSTS", async ({ request }) => {
  const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  const maxAge = /max-age=(\d+)/.exec(response.headers()["strict-transport-security"] ?? "")?.[1];
  expect(Number(maxAge)).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
});
