/**
 * Two instances of the production build sharing PostgreSQL behind nginx (round robin, with the failover settings of
 * deploy/nginx.conf): sessions hold on either instance, sign-out and Google's sessions-revoked end them on both, and
 * stopping one instance under load (SIGTERM, then starting it again) costs visitors no failed request. Everything runs
 * on loopback and is started and stopped here.
 */
import { randomUUID } from "node:crypto";
import { get as httpGet } from "node:http";
import autocannon from "autocannon";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { standInClient } from "../google-stand-in/client";
import { startStandIn, type StandIn } from "../google-stand-in/stand-in";
import { freePort } from "../scripts/free-port";
import { startMigratedPostgres, type PostgresServer } from "../scripts/postgres-server";
import { exited } from "../scripts/process-group";
import { aboutSub, signedByStandIn } from "./google-reports";
import { hasNginx, startNginx, type RunningNginx } from "../scripts/nginx";
import { standInSettings } from "../scripts/site-env";
import { startNext, type RunningProcessSite } from "./servers";
import { signInAs, signInWithEmail, signOut } from "./sign-in";

test.describe.configure({ mode: "serial" });
test.skip(!hasNginx, "nginx is not installed (apt-get install -y nginx)");
// PostgreSQL, its migration, the stand-in, two `next start` and nginx before the first test; 20 s of load in the last.
test.setTimeout(180_000);

const load = { connections: 8, durationSeconds: 20, stopAtMs: 6_000, restartAtMs: 12_000 };

/** The address visitors use: every instance's AUTH_URL, so redirects and callbacks go through the proxy. */
let proxyOrigin: string;
/** The two instances' ports, as nginx's `$upstream_addr` names them. */
let sitePorts: number[];
let postgres: PostgresServer;
let standIn: StandIn;
let sites: RunningProcessSite[] = [];
let proxy: RunningNginx;
let siteEnv: Record<string, string>;

/** The instance that answered: the last address in nginx's `$upstream_addr` (earlier ones were tried and failed). */
function answeredBy(upstreamHeader: string | null | undefined): number {
  const last = upstreamHeader?.split(",").at(-1)?.trim() ?? "";
  return Number(last.split(":").at(-1));
}

/** Resolves once the instance on `port` says it is ready for visitors. */
async function waitUntilReady(port: number) {
  const ready = () =>
    fetch(`http://127.0.0.1:${port}/api/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
      (response) => response.status,
      () => 0,
    );
  await expect.poll(ready, { timeout: 30_000, intervals: [200] }).toBe(200);
}

async function signedInCookieHeader(
  page: Page,
  context: BrowserContext,
  account: RegExp,
  email: string,
): Promise<string> {
  await page.goto(`${proxyOrigin}/greeting`);
  await signInAs(page, account);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  return (await context.cookies(proxyOrigin)).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/** GET /greeting straight from one instance with a copied Cookie header: 200 when the session holds there. */
/** One instance asked directly, under the site's one name (any other gets a 308 to it), as nginx asks it. */
const greetingStatus = (port: number, cookie: string) =>
  new Promise<number>((resolve, reject) => {
    const request = httpGet(
      {
        host: "127.0.0.1",
        port,
        path: "/greeting",
        headers: { cookie, host: new URL(proxyOrigin).host },
        timeout: 10_000,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.on("timeout", () => request.destroy(new Error("no answer within 10 s")));
  });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startMigratedPostgres();
  // nginx cannot report a port it was given as 0, and every instance must know the proxy's address first.
  const proxyPort = await freePort();
  proxyOrigin = `http://localhost:${proxyPort}`;
  standIn = await startStandIn({
    port: 0,
    ...standInClient,
    redirectUris: [`${proxyOrigin}/api/auth/callback/google`],
  });
  siteEnv = {
    ...standInSettings(standIn),
    DATABASE_URL: postgres.url,
    AUTH_URL: proxyOrigin,
    // Server actions posted to one instance may have been rendered by the other: one key for all.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 42).toString("base64"),
  };
  sites = await Promise.all([startNext(siteEnv), startNext(siteEnv)]);
  sitePorts = sites.map((site) => site.port);
  proxy = await startNginx({ port: proxyPort, upstreamPorts: sitePorts, failover: true, upstreamHeader: true });
});

test.afterAll(async () => {
  await proxy?.stop();
  await Promise.all(sites.map((site) => site.stop()));
  await standIn?.close();
  await postgres?.stop();
});

test("a visitor signs in through the proxy and stays signed in whichever instance answers", async ({ page }) => {
  await page.goto(`${proxyOrigin}/greeting`);
  await signInAs(page, /Ada Lovelace/);
  const heading = page.getByRole("heading", { name: "Hello, ada@example.com!" });
  await expect(heading).toBeVisible();
  const servedBy = new Set<number>();
  // The browser's own requests with its cookies, one per visit: round robin alternates between the instances.
  for (let visit = 0; visit < 6 && servedBy.size < sitePorts.length; visit++) {
    const response = await page.request.get(`${proxyOrigin}/greeting`, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/Signed in with Google as (<!-- -->)?Ada Lovelace/);
    servedBy.add(answeredBy(response.headers()["x-upstream"]));
  }
  expect([...servedBy].sort(), proxy.output()).toEqual([...sitePorts].sort());
});

test("signing out on one instance ends the session on the other", async ({ page, context }) => {
  const cookie = await signedInCookieHeader(page, context, /Grace Hopper/, "grace@example.com");
  for (const port of sitePorts) expect(await greetingStatus(port, cookie)).toBe(200);

  // Through the proxy: one instance ends it (X-Upstream says which); both are asked directly afterwards.
  const greeting = await page.goto(`${proxyOrigin}/greeting`);
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
  await signOut(page);
  console.log(
    `Signed out through the instance on ${answeredBy(greeting?.headers()["x-upstream"])} (the page); the sign-out POST went to the next one in turn`,
  );
  const signedOutAt = performance.now();

  // Each instance looks the session up in the shared database: a cache may delay that by at most 1 s.
  const refusedAfterMs: Record<number, number> = {};
  for (const port of [...sitePorts].reverse()) {
    await expect.poll(() => greetingStatus(port, cookie), { timeout: 2_000, intervals: [50] }).toBe(307);
    refusedAfterMs[port] = Math.round(performance.now() - signedOutAt);
  }
  console.log(`Session refused after sign-out (ms since sign-out finished): ${JSON.stringify(refusedAfterMs)}`);
});

test("Google's sessions-revoked, delivered to one instance, ends the session on both (the other's cache holds it 1 s at most)", async ({
  page,
  context,
}) => {
  const email = `risc-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto(`${proxyOrigin}/greeting`);
  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  const cookie = (await context.cookies(proxyOrigin)).map(({ name, value }) => `${name}=${value}`).join("; ");
  for (const port of sitePorts) expect(await greetingStatus(port, cookie)).toBe(200);

  // Signed by the stand-in's transmitter as Google would, pushed to the first instance only.
  const token = await signedByStandIn(standIn.issuer, aboutSub("sessions-revoked", email));
  const delivered = await fetch(`http://127.0.0.1:${sitePorts[0]}/api/google/risc`, {
    method: "POST",
    headers: { "content-type": "application/secevent+jwt", host: new URL(proxyOrigin).host },
    body: token,
  });
  expect(delivered.status).toBe(202);
  const deliveredAt = performance.now();

  const refusedAfterMs: Record<number, number> = {};
  for (const port of [...sitePorts].reverse()) {
    await expect.poll(() => greetingStatus(port, cookie), { timeout: 2_000, intervals: [50] }).toBe(307);
    refusedAfterMs[port] = Math.round(performance.now() - deliveredAt);
  }
  console.log(`Session refused after Google's event (ms since the 202): ${JSON.stringify(refusedAfterMs)}`);
});

test("one instance stopped with SIGTERM and started again under load: no visitor request fails", async ({
  page,
  context,
}) => {
  const cookie = await signedInCookieHeader(page, context, /Ada Lovelace/, "ada@example.com");
  const [steadyPort, restartedPort] = sitePorts as [number, number];
  const restartedIndex = sitePorts.indexOf(restartedPort);
  /** Answers by phase of the run and instance, e.g. "SIGTERM to ready again → 8301": 120. */
  const answers = new Map<string, number>();
  let phase = "before SIGTERM";
  /** Requests nginx sent to a second instance after the first failed: hidden from the visitor. */
  let retried = 0;
  const failures: string[] = [];
  let stopExitCode: number | undefined;
  let drain = "";
  let restartedReadyAtMs: number | undefined;

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const options: autocannon.Options = {
    url: `${proxy.url}/greeting`,
    connections: load.connections,
    duration: load.durationSeconds,
    timeout: 10,
    // The site's one name (any other gets a 308 to it), as a browser at the proxy's address sends it.
    headers: { cookie, host: new URL(proxyOrigin).host },
    requests: [
      {
        method: "GET",
        onResponse: (status, _body, _context, headers) => {
          // autocannon keeps the header names' case.
          const upstream = String(
            Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "x-upstream")?.[1] ?? "",
          );
          const key = `${phase} → ${answeredBy(upstream)}`;
          answers.set(key, (answers.get(key) ?? 0) + 1);
          if (upstream.includes(",")) retried++;
          if (status < 200 || status > 299) failures.push(`${elapsed()} ms: ${status} from ${upstream}`);
        },
      },
    ],
  };
  const run = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result: autocannon.Result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on("reqError", (error: Error) => failures.push(`${elapsed()} ms: ${error.message}`));
  });

  const stopAndRestart = (async () => {
    await new Promise((resolve) => setTimeout(resolve, load.stopAtMs));
    const stopping = sites[restartedIndex]!;
    const exit = exited(stopping.process.child);
    // What a service manager sends: the instance drains by itself.
    stopping.process.child.kill("SIGTERM");
    phase = "SIGTERM to ready again";
    const signalledAt = elapsed();
    stopExitCode = await exit;
    drain = `${stopping.output().includes('"event":"shutdown_drained"') ? "drained" : "drain timed out"} in ${elapsed() - signalledAt} ms`;
    await stopping.stop();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, load.restartAtMs - elapsed())));
    // On its old port: nginx knows it there.
    sites[restartedIndex] = await startNext(siteEnv, restartedPort);
    await waitUntilReady(restartedPort);
    restartedReadyAtMs = elapsed();
    phase = "after restart";
  })();

  // Together, so a failed restart is reported rather than left unhandled while the load runs.
  const [result] = await Promise.all([run, stopAndRestart]);

  console.log(
    [
      `| ${load.connections} connections × ${load.durationSeconds} s, SIGTERM at ${load.stopAtMs / 1000} s, restart from ${load.restartAtMs / 1000} s (ready at ${((restartedReadyAtMs ?? 0) / 1000).toFixed(1)} s) |`,
      "| requests | requests/s (mean) | p50 ms | p99 ms | max ms | non-2xx | errors | timeouts |",
      `| ${result.requests.total} | ${result.requests.average.toFixed(1)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.non2xx} | ${result.errors} | ${result.timeouts} |`,
      `answered by (phase → port): ${[...answers].map(([key, count]) => `${key}: ${count}`).join(", ")}; retried by nginx on the other instance: ${retried}; stopped instance ${drain}, exit code ${stopExitCode}`,
    ].join("\n"),
  );

  expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({
    non2xx: 0,
    errors: 0,
    timeouts: 0,
  });
  expect(result.requests.total).toBeGreaterThan(0);
  expect(stopExitCode).toBe(0);
  // In-flight requests finished within the bound (lib/shutdown.ts), not cut off by it.
  expect(drain).toMatch(/^drained/);
  expect(answers.get(`SIGTERM to ready again → ${steadyPort}`)).toBeGreaterThan(0);
  // nginx takes the restarted instance back by itself once its fail_timeout has passed.
  const nextAnswer = () =>
    fetch(`${proxyOrigin}/greeting`, { headers: { cookie }, redirect: "manual" }).then(
      (response) => `${response.status} from ${answeredBy(response.headers.get("x-upstream"))}`,
    );
  await expect.poll(nextAnswer, { timeout: 15_000, intervals: [250] }).toBe(`200 from ${restartedPort}`);
});
