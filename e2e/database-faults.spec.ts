/**
 * The production build on a throwaway PostgreSQL that the tests break: stopped, frozen (SIGSTOP) and its sessions table
 * locked by another connection, each under a few concurrent visitors. Pages that need the database answer 503 with
 * Retry-After and say so in plain HTML, within the bound on database waits; the public pages keep serving; nothing
 * answers 500; the site recovers by itself; sign-out and the account's actions never claim what did not happen; and
 * the log stays a few lines however many requests fail.
 */
import { expect, test, type Browser, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import pg from "pg";
import { startMigratedPostgres, type PostgresServer } from "../scripts/postgres-server";
import { aboutSub, signedByStandIn } from "./google-reports";
import { startWithStandIn, type RunningProcessSite } from "./servers";
import { signInWithEmail, signOut } from "./sign-in";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

/** DATABASE_TIMEOUT_MS for the site: every answer during a fault must come within a few of these. */
const boundMs = 1_000;
/** The slowest a 503 may be: a connection attempt and a query, each bounded, and the page around them. */
const slowestOutageAnswerMs = 3 * boundMs + 1_500;
const visitors = 4;

let postgres: PostgresServer;
let site: RunningProcessSite;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startMigratedPostgres();
  site = await startWithStandIn({ DATABASE_URL: postgres.url, DATABASE_TIMEOUT_MS: String(boundMs) });
});

test.afterAll(async () => {
  await site?.stop();
  await postgres?.stop();
});

interface Answer {
  status: number;
  ms: number;
}

/** One request as a browser with this Cookie header sends it, redirects not followed; status 0 for no answer. */
async function ask(path: string, cookie: string): Promise<Answer & { retryAfter: string | null }> {
  const started = performance.now();
  const response = await fetch(`${site.url}${path}`, {
    headers: { cookie },
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  }).catch(() => undefined);
  await response?.arrayBuffer();
  return {
    status: response?.status ?? 0,
    ms: Math.round(performance.now() - started),
    retryAfter: response?.headers.get("retry-after") ?? null,
  };
}

/** A few visitors asking for their greeting, one request after another each, until stopped (bounded either way). */
function load(cookie: string) {
  const answers: Answer[] = [];
  let stopped = false;
  const visitor = async () => {
    for (let count = 0; !stopped && count < 2_000; count++) answers.push(await ask("/greeting", cookie));
  };
  const running = Promise.all(Array.from({ length: visitors }, visitor));
  return {
    answers,
    stop: async () => {
      stopped = true;
      await running;
      return answers;
    },
  };
}

const cookieHeader = (cookies: Cookie[]) => cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

async function signedIn(page: Page, context: BrowserContext, email: string) {
  await page.goto(`${site.url}/greeting`);
  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  return context.cookies(site.url);
}

/** A browser without JavaScript, with a copy of the signed-in browser's cookies. */
async function withoutScripts(browser: Browser, cookies: Cookie[]) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(cookies);
  return context;
}

/** How long after the fault ended until a signed-in visitor gets their greeting again. */
async function recoveryMs(cookie: string, endedAt: number): Promise<number> {
  await expect
    .poll(async () => (await ask("/greeting", cookie)).status, { timeout: 30_000, intervals: [100] })
    .toBe(200);
  return Math.round(performance.now() - endedAt);
}

let locker: pg.Client | undefined;
const faults = [
  { name: "PostgreSQL stopped", start: () => postgres.halt(), end: () => postgres.restart() },
  {
    name: "PostgreSQL frozen (SIGSTOP)",
    start: async () => postgres.freeze(),
    end: async () => postgres.thaw(),
  },
  {
    name: "sessions table locked (LOCK TABLE in another connection)",
    start: async () => {
      locker = new pg.Client({ connectionString: postgres.url });
      await locker.connect();
      await locker.query("begin");
      await locker.query("lock table sessions in access exclusive mode");
    },
    end: async () => {
      await locker?.query("commit");
      await locker?.end();
    },
  },
];

for (const [index, fault] of faults.entries())
  test(`${fault.name}: signed-in pages answer 503 within the bound, public pages serve, the site recovers by itself`, async ({
    page,
    context,
    browser,
  }) => {
    const cookies = await signedIn(page, context, `faults-${index}@example.com`);
    const cookie = cookieHeader(cookies);
    const traffic = load(cookie);
    await expect.poll(() => traffic.answers.length).toBeGreaterThan(visitors * 5);
    const healthy = traffic.answers.length;
    const logBefore = site.output().length;

    await fault.start();
    const startedAt = performance.now();
    // The one-second session cache runs out, then every request meets the fault.
    await expect
      .poll(() => traffic.answers.slice(healthy).filter((answer) => answer.status >= 500).length, { timeout: 15_000 })
      .toBeGreaterThan(visitors * 3);

    // Soft from here: one run reports everything a visitor and an operator would see, not only the first difference.
    const offline = await withoutScripts(browser, cookies);
    const visitor = await offline.newPage();
    const greeting = await visitor.goto(`${site.url}/greeting`);
    const saw = `${greeting?.status()} "${(await visitor.locator("h1").allInnerTexts()).join(" / ") || "(no heading)"}"`;
    expect.soft(greeting?.status()).toBe(503);
    expect.soft(greeting?.headers()["retry-after"]).toBe("60");
    await expect.soft(visitor.getByRole("heading", { name: "The database is out of reach" })).toBeVisible();
    await expect.soft(visitor.getByText(/can.t reach its database right now.*Nothing was changed/)).toBeVisible();
    await expect.soft(visitor.getByRole("button", { name: "Sign out" })).toBeVisible();
    const home = await visitor.goto(`${site.url}/`);
    const sawHome = `${home?.status()} "${(await visitor.locator("h1").allInnerTexts()).join(" / ") || "(no heading)"}"`;
    // A signed-in "/" is the visitors' home, not another failure.
    await expect.soft(visitor.getByRole("heading", { name: "Sign in with Google, get a greeting." })).toBeVisible();
    expect.soft(home?.status()).toBe(200);
    expect.soft((await ask("/account", cookie)).status).toBe(503);
    expect.soft((await ask("/signed-out", cookie)).status).toBe(200);
    expect.soft((await ask("/signin", "")).status).toBe(200);
    await offline.close();

    const faultMs = Math.round(performance.now() - startedAt);
    await fault.end();
    const endedAt = performance.now();
    const failureLog = site.output().slice(logBefore);
    const recovered = await recoveryMs(cookie, endedAt);
    const answers = await traffic.stop();

    const during = answers.slice(healthy);
    const byStatus = Object.groupBy(during, (answer) => String(answer.status));
    const outage = byStatus["503"] ?? [];
    const lines = failureLog.split("\n").filter((line) => line.trim() !== "");
    console.log(
      `| ${fault.name} | ${faultMs} ms | ${Object.entries(byStatus)
        .map(([status, list]) => `${status}: ${list?.length}`)
        .join(
          ", ",
        )} | slowest answer ${Math.max(...during.map((answer) => answer.ms))} ms | /greeting: ${saw}, /: ${sawHome} | ${lines.length} log lines (${failureLog.length} bytes) | recovered ${recovered} ms after |`,
    );
    expect.soft(Object.keys(byStatus).filter((status) => status !== "200" && status !== "503")).toEqual([]);
    expect.soft(outage.length).toBeGreaterThan(0);
    expect.soft(Math.max(...during.map((answer) => answer.ms))).toBeLessThanOrEqual(slowestOutageAnswerMs);
    // Recovery without a restart of the site: the pool replaces the broken connections by itself.
    expect.soft(recovered).toBeLessThan(10_000);
    // However many requests failed, a handful of one-line JSON entries, none with a query or its parameters.
    expect.soft(lines.length, failureLog.slice(0, 3_000)).toBeLessThanOrEqual(12);
    expect.soft(during.length).toBeGreaterThan(lines.length * 4);
    const notJson = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect.soft(notJson.slice(0, 20)).toEqual([]);
    expect.soft(failureLog.slice(0, 3_000)).not.toMatch(/Failed query|params:|\bat \S+ \(/);
  });

test("sign-out during an outage says nothing changed and keeps the cookie; a copy works again, then sign-out ends it", async ({
  page,
  context,
  browser,
}) => {
  const cookies = await signedIn(page, context, "faults-leaving@example.com");
  await postgres.halt();
  try {
    await page.getByRole("button", { name: /account menu/i }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/not-changed$/);
    await expect(page.getByRole("heading", { name: "Nothing was changed" })).toBeVisible();
    await expect(page.getByText("You are still signed in")).toBeVisible();
    const kept = (await context.cookies(site.url)).map(({ name, value }) => `${name}=${value}`);
    expect(kept).toEqual(expect.arrayContaining(cookieHeader(cookies).split("; ")));
  } finally {
    await postgres.restart();
  }
  // The copy taken before opens the greeting again: the visitor was told so.
  const copy = await withoutScripts(browser, cookies);
  const copyPage = await copy.newPage();
  await expect.poll(async () => (await copyPage.goto(`${site.url}/greeting`))?.status(), { timeout: 15_000 }).toBe(200);

  await page.goto(`${site.url}/greeting`);
  await signOut(page);
  expect((await ask("/greeting", cookieHeader(cookies))).status).toBe(307);
  await copy.close();
});

test("sign out everywhere and account deletion during an outage change nothing and say so", async ({
  page,
  context,
}) => {
  const email = "faults-account@example.com";
  const cookies = await signedIn(page, context, email);
  for (const [path, button] of [
    ["/account", "Sign out everywhere"],
    ["/account/delete", "Delete my account"],
  ] as const) {
    await page.goto(`${site.url}${path}`);
    await postgres.halt();
    try {
      await page.getByRole("button", { name: button, exact: true }).click();
      await expect(page).toHaveURL(/\/not-changed$/);
      await expect(page.getByRole("heading", { name: "Nothing was changed" })).toBeVisible();
    } finally {
      await postgres.restart();
    }
    await expect
      .poll(async () => (await ask("/greeting", cookieHeader(cookies))).status, { timeout: 15_000 })
      .toBe(200);
  }
  await page.goto(`${site.url}/greeting`);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
});

test("signing out another device during an outage changes nothing and says so; that device stays signed in", async ({
  page,
  context,
  browser,
}) => {
  const email = "faults-devices@example.com";
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    const otherCookies = await signedIn(otherPage, other, email);
    await signedIn(page, context, email);
    await page.goto(`${site.url}/account`);
    const otherDevice = page
      .getByRole("list", { name: "Where you are signed in" })
      .getByRole("listitem")
      .getByRole("button", { name: /^Sign out .+/ });
    await expect(otherDevice).toHaveCount(1);
    await postgres.halt();
    try {
      await otherDevice.click();
      await expect(page).toHaveURL(/\/not-changed$/);
      await expect(page.getByRole("heading", { name: "Nothing was changed" })).toBeVisible();
    } finally {
      await postgres.restart();
    }
    await expect
      .poll(async () => (await ask("/greeting", cookieHeader(otherCookies))).status, { timeout: 15_000 })
      .toBe(200);
  } finally {
    await other.close();
  }
});

test("Google's event during an outage gets 503 and Retry-After, and is acted on when Google delivers it again", async ({
  page,
  context,
}) => {
  const email = "faults-risc@example.com";
  // The site's own stand-in plays Google's transmitter: its origin is where the sign-in button leads.
  await page.goto(`${site.url}/signin`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  const standIn = new URL(page.url()).origin;
  const cookies = await signedIn(page, context, email);
  const token = await signedByStandIn(standIn, aboutSub("sessions-revoked", email));
  const deliver = () =>
    fetch(`${site.url}/api/google/risc`, {
      method: "POST",
      headers: { "content-type": "application/secevent+jwt" },
      body: token,
      signal: AbortSignal.timeout(15_000),
    });

  await postgres.halt();
  try {
    const refused = await deliver();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  } finally {
    await postgres.restart();
  }
  // Not remembered as delivered: the same token, delivered again, ends the session.
  await expect.poll(async () => (await deliver()).status, { timeout: 15_000 }).toBe(202);
  expect((await ask("/greeting", cookieHeader(cookies))).status).toBe(307);
});

test("Auth.js's own sign-out endpoint during an outage keeps the cookie and says nothing changed", async ({
  page,
  context,
}) => {
  const cookies = await signedIn(page, context, "faults-authjs-signout@example.com");
  // Auth.js's endpoint as a form without JavaScript would use it: its CSRF token first, then the POST.
  const { csrfToken } = (await (await page.request.get(`${site.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  await postgres.halt();
  try {
    const response = await page.request.post(`${site.url}/api/auth/signout`, {
      form: { csrfToken, callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe("/not-changed");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  } finally {
    await postgres.restart();
  }
  await expect.poll(async () => (await ask("/greeting", cookieHeader(cookies))).status, { timeout: 15_000 }).toBe(200);
  // Once the database answers, the same endpoint signs out for real.
  const { csrfToken: again } = (await (await page.request.get(`${site.url}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  const signedOut = await page.request.post(`${site.url}/api/auth/signout`, {
    form: { csrfToken: again, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(signedOut.status()).toBe(302);
  expect((await ask("/greeting", cookieHeader(cookies))).status).toBe(307);
});
