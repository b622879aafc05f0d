import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import type { AddressInfo } from "node:net";
import { standInClient } from "../google-stand-in/client";
import { startStandIn, type StandIn } from "../google-stand-in/stand-in";
import { freePort } from "../scripts/free-port";
import { exited } from "../scripts/process-group";
import { standInSettings } from "../scripts/site-env";
import { startNext, startStandalone, startWithStandIn, standaloneImage, type RunningProcessSite } from "./servers";
import { signInAs, signOut } from "./sign-in";

async function expectHealthEndpoint(url: string, status: number, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("set-cookie")).toBeNull();
  return (await response.json()) as { ok: boolean; checks?: Record<string, { ok: boolean; detail: string }> };
}

const healthToken = "a-health-token-of-at-least-32-characters";
/** What nginx on this host sends for a visitor from 203.0.113.9 (a caller that is not loopback, to a site that trusts it). */
const fromElsewhere = { "x-forwarded-for": "203.0.113.9" };

test.describe("the Dockerfile's final stage: node server.js from the standalone output", () => {
  let image: ReturnType<typeof standaloneImage>;
  let standIn: StandIn;
  let site: RunningProcessSite;

  test.beforeAll(async () => {
    image = standaloneImage();
    // The stand-in must know the site's redirect URI, so the site's port is picked first.
    const port = await freePort();
    standIn = await startStandIn({
      port: 0,
      ...standInClient,
      redirectUris: [`http://localhost:${port}/api/auth/callback/google`],
    });
    site = await startStandalone(
      image.dir,
      { ...standInSettings(standIn), TRUSTED_PROXIES: "loopback", HEALTH_TOKEN: healthToken },
      port,
    );
  });

  test.afterAll(async () => {
    await site?.stop();
    await standIn?.close();
    image?.remove();
  });

  test("a visitor signs in through the stand-in, and the badge says it is a demo", async ({ page }) => {
    await page.goto(`${site.url}/signin`);
    await expect(page.getByRole("note")).toContainText("Demo sign-in");
    await page.goto(`${site.url}/greeting`);
    await signInAs(page, /Ada Lovelace/);
    await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
    await expect(page.getByRole("note")).toContainText("Demo sign-in");
  });

  test("liveness and readiness answer without cookies or caching; readiness reports the stand-in", async () => {
    expect(await expectHealthEndpoint(`${site.url}/api/health`, 200)).toEqual({ ok: true });
    const ready = await expectHealthEndpoint(`${site.url}/api/health/ready`, 200);
    expect(ready.checks?.standIn).toEqual({ ok: true, detail: "reachable" });
  });

  test("readiness tells a caller elsewhere only whether it is ready; this host and the operator's token get the checks", async () => {
    const ready = `${site.url}/api/health/ready`;
    expect(await expectHealthEndpoint(ready, 200, fromElsewhere)).toEqual({ ok: true });
    // Claiming to be loopback, through the proxy or in the header that carries the address inside, changes nothing.
    expect(
      await expectHealthEndpoint(ready, 200, {
        "x-forwarded-for": "127.0.0.1, 203.0.113.9",
        "x-nametag-client-address": "127.0.0.1",
      }),
    ).toEqual({ ok: true });
    expect(
      await expectHealthEndpoint(ready, 200, { ...fromElsewhere, authorization: `Bearer ${healthToken}-not` }),
    ).toEqual({ ok: true });
    const withToken = await expectHealthEndpoint(ready, 200, {
      ...fromElsewhere,
      authorization: `Bearer ${healthToken}`,
    });
    expect(withToken.checks).toMatchObject({
      standIn: { ok: true, detail: "reachable" },
      sessionStore: { ok: true, detail: "embedded" },
    });
  });

  test("it logs one JSON line per event, with no full email address", async ({ page }) => {
    await page.goto(`${site.url}/greeting`);
    await signInAs(page, /Grace Hopper/);
    await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
    await expect.poll(() => site.output()).toContain('"event":"sign_in_succeeded"');
    const line = site
      .output()
      .split("\n")
      .find((candidate) => candidate.includes('"event":"sign_in_succeeded"') && candidate.includes("g***@example.com"));
    expect(line, site.output()).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: "info", event: "sign_in_succeeded", email: "g***@example.com" });
    expect(site.output()).not.toContain("grace@example.com");
  });

  test("a server action id the build does not know is one warning line, and a burst of them is summed up", async () => {
    const bogus = () =>
      fetch(`${site.url}/`, {
        method: "POST",
        headers: { origin: site.url, "next-action": "7e".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" },
        body: "[]",
        signal: AbortSignal.timeout(10_000),
      });
    for (let call = 0; call < 5; call++) expect((await bogus()).status).toBeLessThan(500);
    const mentions = () =>
      site
        .output()
        .split("\n")
        .filter((line) => line.includes("7e".padEnd(42, "0")));
    await expect.poll(mentions).toHaveLength(1);
    expect(JSON.parse(mentions()[0]!)).toMatchObject({ level: "warn", event: "server_warning" });
    // Next's own second line ("Read more: …") never reaches the log.
    expect(site.output()).not.toContain("failed-to-find-server-action");
  });

  test("a refused sign-in is logged once, with its error class, and sign-out too", async ({ page }) => {
    await page.goto(`${site.url}/`);
    await signInAs(page, "Deny access");
    await expect(page).toHaveURL(/\/signin\/error/);
    await expect
      .poll(() => site.output())
      .toMatch(/"event":"sign_in_failed","reference":"[A-Z2-7]{8}","errorClass":"OAuthCallbackError"/);
    // One line per failed sign-in: the reference the visitor was shown is in exactly one.
    const reference = new URL(page.url()).searchParams.get("ref");
    expect(reference).toMatch(/^[A-Z2-7]{8}$/);
    expect(
      site
        .output()
        .split("\n")
        .filter((line) => line.includes(reference!)),
    ).toHaveLength(1);
    await page.goto(`${site.url}/greeting`);
    await signInAs(page, /Ada Lovelace/);
    await signOut(page);
    // The ended session names its user (a hashed reference); the address is not in the session row.
    await expect.poll(() => site.output()).toMatch(/"event":"signed_out","user":"[\w-]{16}"/);
  });
});

test.describe("one build, started with Google credentials", () => {
  let site: RunningProcessSite;

  test.beforeAll(async () => {
    // The same build the other tests use (made without any credentials); only the environment differs.
    // Its one name is localhost (any other gets a 308 to it): the run-time origin the social links must carry.
    site = await startNext({
      AUTH_GOOGLE_ID: "real-client.apps.googleusercontent.com",
      AUTH_GOOGLE_SECRET: "real-secret",
    });
  });

  test.afterAll(async () => {
    await site?.stop();
  });

  test("shows no demo badge, and its rendered pages let forms go to Google only", async ({ page }) => {
    await page.goto(`${site.url}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("note")).toHaveCount(0);
    // The prerendered `/` is built once for both modes (lib/csp.ts prerenderedPagePolicy); pages rendered per request know.
    const response = await page.goto(`${site.url}/signin`);
    expect(response?.headers()["content-security-policy"]).toContain("form-action 'self' https://accounts.google.com;");
    await expect(page.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
    await expect(page.getByRole("note")).toHaveCount(0);
  });

  test("the home page stays prerendered for people, and carries no build machine's address", async ({ request }) => {
    const response = await request.get(`${site.url}/`);
    expect(response.headers()["x-nextjs-cache"] ?? response.headers()["x-nextjs-prerender"]).toBeTruthy();
    const html = await response.text();
    expect(html).not.toContain("localhost");
    expect(html).not.toContain('property="og:image"');
  });

  test("link-preview crawlers get the social preview with the run-time origin", async ({ request }) => {
    const html = await (await request.get(`${site.url}/`, { headers: { "user-agent": "Twitterbot/1.0" } })).text();
    expect(html).toContain(`<meta property="og:image" content="${site.url}/social-preview.png"`);
    expect(html).toContain(`<meta name="twitter:image" content="${site.url}/social-preview.png"`);
    expect(html).toContain(`<meta property="og:url" content="${site.url}"`);
  });

  test("the home page's twins are not addresses of their own", async ({ request }) => {
    for (const path of ["/home", "/home/link-preview"])
      expect((await request.get(`${site.url}${path}`)).status()).toBe(404);
  });

  test("readiness has no stand-in to check", async () => {
    const ready = await expectHealthEndpoint(`${site.url}/api/health/ready`, 200);
    expect(Object.keys(ready.checks ?? {})).not.toContain("standIn");
  });
});

test("readiness answers 503 with a short reason when the stand-in is down, the reason for this host only", async () => {
  // A port nothing listens on: the provider is down.
  const deadIssuer = `http://127.0.0.1:${await freePort()}`;
  const site = await startNext({
    AUTH_GOOGLE_ID: "id",
    AUTH_GOOGLE_SECRET: "secret",
    AUTH_GOOGLE_ISSUER: deadIssuer,
    AUTH_ALLOW_LOCAL_ISSUER: "true",
    AUTH_TRUST_HOST: "true",
  });
  const address = `http://127.0.0.1:${site.port}`;
  try {
    const ready = await expectHealthEndpoint(`${address}/api/health/ready`, 503);
    expect(ready).toMatchObject({ ok: false, checks: { standIn: { ok: false, detail: "unreachable" } } });
    // AUTH_TRUST_HOST=true: the loopback proxy is trusted, so this is a visitor from elsewhere.
    expect(await expectHealthEndpoint(`${address}/api/health/ready`, 503, fromElsewhere)).toEqual({ ok: false });
    expect(await expectHealthEndpoint(`${address}/api/health`, 200)).toEqual({ ok: true });
  } finally {
    await site.stop();
  }
});

test("three `npm start` at once from one build all answer, and none builds", async () => {
  test.setTimeout(120_000);
  const sites = await Promise.all(Array.from({ length: 3 }, () => startWithStandIn({})));
  try {
    for (const site of sites) {
      expect((await fetch(`${site.url}/api/health`)).status).toBe(200);
      expect(site.output()).not.toContain("Building the site");
      expect(site.output()).not.toContain("another next build");
      // One line says what the stand-in is; oidc-provider's warnings for real deployments are not printed.
      expect(site.output()).toContain("Demo mode (no AUTH_GOOGLE_ID)");
      expect(site.output()).not.toContain("oidc-provider WARNING");
    }
  } finally {
    await Promise.all(sites.map((site) => site.stop()));
  }
});

function newConnection(port: number): Promise<"accepted" | "refused"> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve("accepted");
    });
    socket.once("error", () => resolve("refused"));
  });
}

/** An identity provider that answers its discovery document only when told to: it keeps a readiness check in flight. */
async function startHeldIssuer(expected: number) {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server: Server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    held.push(response);
    if (held.length === expected) arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    allArrived,
    release: () =>
      held.splice(0).forEach((response) => response.writeHead(200, { "content-type": "application/json" }).end("{}")),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test("on SIGTERM the standalone server finishes in-flight requests, refuses new connections and exits 0", async () => {
  const inFlightCount = 3;
  const issuer = await startHeldIssuer(inFlightCount);
  const image = standaloneImage();
  const site = await startStandalone(image.dir, {
    AUTH_GOOGLE_ID: "id",
    AUTH_GOOGLE_SECRET: "secret",
    AUTH_GOOGLE_ISSUER: issuer.url,
    AUTH_ALLOW_LOCAL_ISSUER: "true",
  });
  try {
    const address = `http://127.0.0.1:${site.port}`;
    const inFlight = Array.from({ length: inFlightCount }, () =>
      fetch(`${address}/api/health/ready`, { signal: AbortSignal.timeout(15_000) }),
    );
    // Every request is inside the server (each waits on the issuer) before the signal.
    await issuer.allArrived;
    const exitCode = exited(site.process.child);
    site.process.child.kill("SIGTERM");
    // A new connection, not one a keep-alive pool kept from before: those may still carry requests while draining.
    await expect.poll(() => newConnection(site.port), { timeout: 5_000 }).toBe("refused");
    issuer.release();
    for (const response of await Promise.all(inFlight)) expect(response.status).toBe(200);
    expect(await exitCode).toBe(0);
    expect(site.output()).toContain('"event":"shutdown_started"');
    expect(site.output()).toContain('"event":"shutdown_drained"');
  } finally {
    await site.stop();
    await issuer.close();
    image.remove();
  }
});
