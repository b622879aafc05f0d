/**
 * Rate limits, against sites of their own with tight limits behind a trusted proxy on this host (TRUSTED_PROXIES=
 * loopback: the test's X-Forwarded-For names the visitor, as nginx would): sign-in starts and callbacks per client
 * network, the count shared by two instances on PostgreSQL, and a failing store that lets requests through.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { standInClient } from "../google-stand-in/client";
import { startStandIn, type StandIn } from "../google-stand-in/stand-in";
import { freePort } from "../scripts/free-port";
import { startMigratedPostgres, type PostgresServer } from "../scripts/postgres-server";
import { standInSettings } from "../scripts/site-env";
import { startNext, startWithStandIn, type RunningProcessSite } from "./servers";
import { signInWithEmail } from "./sign-in";

const limit = 5;
const tight = {
  TRUSTED_PROXIES: "loopback",
  RATE_LIMIT_SIGN_IN: `${limit}/600`,
  RATE_LIMIT_CALLBACK: `${limit}/600`,
};

/** Every answer of a burst, by network: for the report, and to prove that none was a 5xx. */
type Tally = Record<string, { requests: number; refused: number; statuses: number[] }>;

function count(tally: Tally, network: string, status: number, refused: boolean) {
  const entry = (tally[network] ??= { requests: 0, refused: 0, statuses: [] });
  entry.requests++;
  if (refused) entry.refused++;
  entry.statuses.push(status);
}

function report(title: string, tally: Tally) {
  const lines = Object.entries(tally).map(
    ([network, { requests, refused }]) => `  ${network}: ${requests} requests, ${refused} refused`,
  );
  console.log(`${title}\n${lines.join("\n")}`);
  for (const { statuses } of Object.values(tally)) expect(statuses.every((status) => status < 500)).toBe(true);
}

/** The sign-in form's server action, as a browser without JavaScript posts it. */
async function signInActionField(request: APIRequestContext, site: string): Promise<string> {
  const html = await (await request.get(`${site}/signin`)).text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(field, "the sign-in form's server action").toBeDefined();
  return field!;
}

/** One sign-in start from `address`: refused when the action sends the browser to the 429 page. */
async function startSignIn(request: APIRequestContext, site: string, field: string, address: string) {
  const answer = await request.post(`${site}/signin`, {
    headers: { "x-forwarded-for": address },
    multipart: { [field]: "", callbackUrl: "/greeting" },
    maxRedirects: 0,
  });
  const location = answer.headers().location ?? "";
  return { status: answer.status(), location, refused: location.includes("/api/rate-limited") };
}

/** What the 429 page says to a visitor from `address`. */
async function refusalPage(request: APIRequestContext, site: string, address: string) {
  return request.get(`${site}/api/rate-limited?limit=sign-in`, {
    headers: { "x-forwarded-for": address },
    maxRedirects: 0,
  });
}

async function signedInContext(browser: Browser, site: string, address: string) {
  const context = await browser.newContext({ baseURL: site, extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  await page.goto("/greeting");
  const email = `person-${randomUUID().slice(0, 13)}@example.org`;
  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  return { context, page };
}

test.describe("one instance, counted in memory", () => {
  test.describe.configure({ mode: "serial" });
  let site: RunningProcessSite;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(90_000);
    site = await startWithStandIn(tight);
  });
  test.afterAll(async () => site?.stop());

  test("a burst of sign-in starts from one network gets 429s with Retry-After; another network does not", async ({
    request,
  }) => {
    const field = await signInActionField(request, site.url);
    const tally: Tally = {};
    // Different addresses of one /24, and of one /64: a few more addresses buy nothing.
    const attackers = { "198.51.100.0/24": "198.51.100.", "2001:db8:1:2::/64": "2001:db8:1:2::" };
    for (const [network, prefix] of Object.entries(attackers))
      for (let attempt = 1; attempt <= 3 * limit; attempt++) {
        const answer = await startSignIn(request, site.url, field, `${prefix}${attempt}`);
        count(tally, network, answer.status, answer.refused);
        expect(answer.refused, `start ${attempt} from ${network}`).toBe(attempt > limit);
        if (!answer.refused) expect(new URL(answer.location).pathname).toMatch(/\/auth$/);
      }
    for (const [network, address] of [
      ["203.0.113.0/24", "203.0.113.9"],
      ["2001:db8:1:3::/64", "2001:db8:1:3::9"],
    ] as const)
      for (let attempt = 1; attempt <= limit; attempt++) {
        const answer = await startSignIn(request, site.url, field, address);
        count(tally, network, answer.status, answer.refused);
        expect(answer.refused, `start ${attempt} from ${network}`).toBe(false);
      }
    report("sign-in starts (limit 5 per 600 s per network):", tally);

    const refused = await refusalPage(request, site.url, "198.51.100.77");
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(500);
    expect(await refused.text()).toContain("Too many requests");
    // Whoever is not over the limit is sent back to try again: the page is no way to lock anyone out.
    const other = await refusalPage(request, site.url, "192.0.2.1");
    expect(other.status()).toBe(303);
    expect(other.headers().location).toBe("/signin");
  });

  test("a burst of callbacks from one network gets 429s with Retry-After; another network does not", async ({
    request,
  }) => {
    const tally: Tally = {};
    const callback = (address: string) =>
      request.get(`${site.url}/api/auth/callback/google?code=forged&state=forged`, {
        headers: { "x-forwarded-for": address },
        maxRedirects: 0,
      });
    for (let attempt = 1; attempt <= 3 * limit; attempt++) {
      const answer = await callback(`198.51.101.${attempt}`);
      count(tally, "198.51.101.0/24", answer.status(), answer.status() === 429);
      expect(answer.status() === 429, `callback ${attempt}`).toBe(attempt > limit);
      if (answer.status() === 429) {
        expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(500);
        expect(await answer.text()).toContain("Too many requests");
      }
    }
    for (let attempt = 1; attempt <= limit; attempt++) {
      const answer = await callback("203.0.114.9");
      count(tally, "203.0.114.0/24", answer.status(), answer.status() === 429);
      expect(answer.status()).not.toBe(429);
    }
    report("callbacks (limit 5 per 600 s per network):", tally);
  });

  test("a refused sign-in shows the readable 429 page, with JavaScript and without", async ({ browser, request }) => {
    const address = "198.51.102.10";
    const field = await signInActionField(request, site.url);
    for (let attempt = 0; attempt < limit; attempt++) await startSignIn(request, site.url, field, address);
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({
        baseURL: site.url,
        javaScriptEnabled,
        extraHTTPHeaders: { "x-forwarded-for": address },
      });
      const page = await context.newPage();
      await page.goto("/signin");
      const answer = page.waitForResponse((response) => response.url().includes("/api/rate-limited"));
      await page.getByRole("button", { name: "Sign in with Google" }).click();
      expect((await answer).status()).toBe(429);
      await expect(page.getByRole("heading", { name: "Too many requests" })).toBeVisible();
      await expect(page.getByText(/wait \d+ seconds/)).toBeVisible();
      await context.close();
    }
  });

  test("a person signed in from an office network keeps their pages while an attacker there is refused", async ({
    browser,
    request,
  }) => {
    const { context, page } = await signedInContext(browser, site.url, "198.51.103.20");
    const field = await signInActionField(request, site.url);
    let refused = 0;
    for (let attempt = 1; attempt <= 2 * limit; attempt++)
      if ((await startSignIn(request, site.url, field, `198.51.103.${100 + attempt}`)).refused) refused++;
    // The person's own sign-in counted one start of the network's five.
    expect(refused).toBe(limit + 1);
    for (const path of ["/greeting", "/account"]) {
      const answer = await page.goto(path);
      expect(answer?.status()).toBe(200);
    }
    await expect(page.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
    await context.close();
  });
});

test.describe("two instances on PostgreSQL", () => {
  test.describe.configure({ mode: "serial" });
  let postgres: PostgresServer;
  let standIn: StandIn;
  let sites: RunningProcessSite[] = [];

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    postgres = await startMigratedPostgres();
    const ports = [await freePort(), await freePort()];
    standIn = await startStandIn({
      port: 0,
      ...standInClient,
      redirectUris: ports.map((port) => `http://localhost:${port}/api/auth/callback/google`),
    });
    const env = {
      ...standInSettings(standIn),
      ...tight,
      DATABASE_URL: postgres.url,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    sites = await Promise.all(ports.map((port) => startNext(env, port)));
  });
  test.afterAll(async () => {
    await Promise.all(sites.map((site) => site.stop()));
    await standIn?.close();
    await postgres?.stop();
  });

  test("both instances count the same sign-in starts; a failing store lets them through", async ({ request }) => {
    const fields = await Promise.all(sites.map((site) => signInActionField(request, site.url)));
    const tally: Tally = {};
    const network = "198.51.104.0/24";
    const refusedBy = new Set<number>();
    for (let attempt = 1; attempt <= 3 * limit; attempt++) {
      const which = attempt % 2;
      const answer = await startSignIn(request, sites[which]!.url, fields[which]!, `198.51.104.${attempt}`);
      count(tally, `${network} (alternating instances)`, answer.status, answer.refused);
      expect(answer.refused, `start ${attempt}, on instance ${which}`).toBe(attempt > limit);
      if (answer.refused) refusedBy.add(which);
    }
    expect(refusedBy.size).toBe(2);
    const other = await startSignIn(request, sites[0]!.url, fields[0]!, "203.0.115.1");
    count(tally, "203.0.115.0/24", other.status, other.refused);
    expect(other.refused).toBe(false);
    report("sign-in starts on two instances (limit 5 per 600 s per network, shared):", tally);

    // The store gone: the limiter lets the start through (the start itself needs no database), and says so once.
    await postgres.stop();
    const failOpen: Tally = {};
    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await startSignIn(request, sites[0]!.url, fields[0]!, "198.51.104.200");
      count(failOpen, "198.51.104.0/24 (store down)", answer.status, answer.refused);
      expect(answer.refused).toBe(false);
      expect(new URL(answer.location).pathname).toMatch(/\/auth$/);
    }
    report("with PostgreSQL stopped:", failOpen);
    expect(sites[0]!.output()).toContain("rate limit store failed");
  });
});
