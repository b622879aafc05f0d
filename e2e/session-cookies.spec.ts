import { expect, test, type BrowserContext, type Cookie } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { watchServerErrors } from "./evil-site";
import { testSecret } from "../scripts/site-env";
import { signInAs } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";
/** The session cookie over plain http, as these tests and the benchmark run the site. */
const sessionCookie = sessionCookieName(false);

/** A session cookie the site itself issued, through a real sign-in in a context of its own. */
let issued: Cookie;

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/greeting");
  await signInAs(page, /Alan Turing/);
  await expect(page.getByRole("heading", { name: "Hello, alan@example.com!" })).toBeVisible();
  issued = (await context.cookies()).find((cookie) => cookie.name === sessionCookie)!;
  await context.close();
});

test("the session cookie is HttpOnly, SameSite=Lax, host-only, and lives no longer than the absolute cap", () => {
  expect(issued).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", domain: "localhost" });
  // Plain http in this suite; over https the name is `__Host-` and the cookie Secure (e2e/https.spec.ts).
  expect(issued.secure).toBe(false);
  // The server ends an idle session sooner (e2e/session-lifetime.spec.ts); the cookie itself never outlives the cap.
  const maxSeconds = 7 * 24 * 60 * 60;
  expect(issued.expires).toBeGreaterThan(Date.now() / 1000);
  expect(issued.expires).toBeLessThanOrEqual(Date.now() / 1000 + maxSeconds + 5);
});

test("the cookie holds a random token and its MAC, nothing about the person", () => {
  expect(issued.value).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
});

async function plantSessionCookie(context: BrowserContext, value: string) {
  const { name, domain, path, httpOnly, sameSite, secure } = issued;
  await context.addCookies([{ name, value, domain, path, httpOnly, sameSite, secure }]);
}

const hostileValues: Record<string, (value: string) => string> = {
  // One character of the random part changed: the MAC no longer matches.
  tampered: (value) => {
    const middle = Math.floor(value.length / 2);
    return value.slice(0, middle) + (value[middle] === "A" ? "B" : "A") + value.slice(middle + 1);
  },
  truncated: (value) => value.slice(0, Math.floor(value.length / 2)),
  garbage: () => "eyJhbGciOiJub25lIn0.not-a-session",
  // Well formed, MAC'd with a secret the site never had.
  "forged with another secret": () => `${"A".repeat(43)}.${"B".repeat(43)}`,
  // As large as a browser keeps a cookie.
  oversized: (value) => value + "A".repeat(4000 - value.length - sessionCookie.length),
};

for (const [kind, makeHostile] of Object.entries(hostileValues)) {
  test(`session cookie ${kind}: treated as signed out, never a 500`, async ({ page, context }) => {
    const errors = watchServerErrors(page);
    await plantSessionCookie(context, makeHostile(issued.value));
    await page.goto("/greeting");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
    // The site dropped the bad cookie rather than carrying it around.
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookie);

    await plantSessionCookie(context, makeHostile(issued.value));
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
    const session = await page.request.get("/api/auth/session");
    expect(session.status()).toBe(200);
    expect(await session.json()).toBeNull();
    expect(errors).toEqual([]);
  });
}

test("a session cookie from before sessions moved to the database (an Auth.js JWT under our secret) counts as signed out", async ({
  page,
  context,
}) => {
  const errors = watchServerErrors(page);
  // What the site issued until this release: an encrypted JWT, sealed with the same AUTH_SECRET the suite uses.
  const jwt = await encode({
    token: { sub: "alan", email: "alan@example.com", name: "Alan Turing", signedInAt: Math.floor(Date.now() / 1000) },
    secret: testSecret,
    salt: sessionCookie,
  });
  await plantSessionCookie(context, jwt);
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookie);
  expect(errors).toEqual([]);
});

test("a cookie header too large for the server gets a 4xx, not a 500", async ({ request }) => {
  const response = await request.get("/greeting", {
    headers: { cookie: `${sessionCookie}=${"A".repeat(20_000)}` },
    maxRedirects: 0,
  });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(500);
});

test("the untouched cookie still works: the cases above fail because of what was done to it", async ({
  page,
  context,
}) => {
  await plantSessionCookie(context, issued.value);
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, alan@example.com!" })).toBeVisible();
});

test("the session endpoint answers from the database and sets no cookie: it cannot stretch one past the absolute cap", async ({
  page,
  context,
}) => {
  await plantSessionCookie(context, issued.value);
  const response = await page.request.get("/api/auth/session");
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const session = (await response.json()) as { user: { email: string }; expires: string };
  expect(session.user.email).toBe("alan@example.com");
  expect(Date.parse(session.expires)).toBeLessThanOrEqual(issued.expires * 1000 + 1000);
});

test("a forged session cookie on the home page costs one MAC check: the prerendered page, the cookie dropped", async ({
  request,
}) => {
  const response = await request.get("/", {
    headers: { cookie: `${sessionCookie}=${"A".repeat(43)}.${"B".repeat(43)}` },
  });
  expect(response.status()).toBe(200);
  // Served as built, not rendered for this request (no database lookup behind it).
  expect(response.headers()["x-nextjs-prerender"]).toBeTruthy();
  expect(response.headers()["set-cookie"]).toMatch(/authjs\.session-token=;/);
});
