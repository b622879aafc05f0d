import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { signInProblem } from "../lib/sign-in-problems";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInAs, signOut } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

/** A throwaway self-signed certificate for localhost. */
function localhostCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-tls-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  const made = spawnSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost",
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * What a deployment's TLS-terminating proxy does: https outside, plain http to the site, X-Forwarded-* in between. On a
 * port the OS picks; the site is started after it (its AUTH_URL is the proxy's address) and set with `forwardTo`.
 */
async function startTlsProxy(): Promise<{ port: number; forwardTo(port: number): void; close(): Promise<void> }> {
  let upstreamPort = 0;
  const server = createServer(localhostCertificate(), (req, res) => {
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-host": req.headers.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    forwardTo: (port) => (upstreamPort = port),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The site behind https, with its stand-in: its own servers, shared by this file's tests. */
const test = base.extend<object, { httpsSite: RunningSite }>({
  httpsSite: [
    async ({}, use) => {
      const proxy = await startTlsProxy();
      const origin = `https://localhost:${proxy.port}`;
      const site = await startWithStandIn({
        AUTH_URL: origin,
        GOOGLE_STAND_IN_REDIRECT_URIS: `${origin}/api/auth/callback/google`,
      }).catch(async (error: unknown) => {
        await proxy.close();
        throw error;
      });
      proxy.forwardTo(site.port);
      await use({ ...site, url: origin });
      await proxy.close();
      await site.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ httpsSite }, use) => use(httpsSite.url),
});

test.use({ ignoreHTTPSErrors: true });
test.skip(!hasOpenssl, "needs the openssl command to make a certificate for localhost");

test("over https every cookie of the site is __Host- (the session's also HttpOnly, SameSite=Lax), pages send HSTS, and the session works", async ({
  page,
  baseURL,
}) => {
  const setCookies: string[] = [];
  page.on("response", async (response) => {
    if (new URL(response.url()).origin === baseURL)
      for (const { name, value } of await response.headersArray())
        if (name.toLowerCase() === "set-cookie") setCookies.push(value.split("=")[0]!);
  });
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).not.toContain(sessionCookieName(false));
  // `__Host-`: the browser only keeps it host-only (no Domain), on Path=/ and Secure.
  expect(cookies.find((cookie) => cookie.name === "__Host-authjs.session-token")).toMatchObject({
    domain: "localhost",
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
  });
  // Every cookie Auth.js and our middleware set over https is Secure (the stand-in's own, on 127.0.0.1, are not ours).
  expect(
    cookies.filter((cookie) => cookie.domain === "localhost" && !cookie.secure).map((cookie) => cookie.name),
  ).toEqual([]);

  const response = await page.goto("/greeting");
  const maxAge = /max-age=(\d+)/.exec((await response!.headerValue("strict-transport-security")) ?? "")?.[1];
  expect(Number(maxAge)).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();

  // Sign-out clears every cookie of ours by its `__Host-` name...
  await signOut(page);
  expect(
    (await page.context().cookies()).filter((cookie) => cookie.domain === "localhost").map((cookie) => cookie.name),
  ).toEqual([]);
  // ...and every cookie the site set on the way, the sign-in flow's own included, was `__Host-`: none a sibling could plant.
  expect(setCookies).toEqual(
    expect.arrayContaining([
      "__Host-authjs.state",
      "__Host-authjs.pkce.code_verifier",
      "__Host-authjs.nonce",
      "__Host-authjs.callback-url",
    ]),
  );
  expect(setCookies.filter((name) => !name.startsWith("__Host-"))).toEqual([]);
});

test("a sibling subdomain planting an attacker's sign-in in the browser (login CSRF) does not sign the visitor in as the attacker", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  // The attacker starts a sign-in of their own and keeps the approved callback URL instead of opening it. (Playwright
  // routes only the first request of a redirect chain: the stand-in's redirects are followed here, one by one.)
  const attacker = await browser.newContext({ ignoreHTTPSErrors: true, baseURL });
  const attackerPage = await attacker.newPage();
  let callback: URL | undefined;
  await attackerPage.route(/\/interaction\/[\w-]+\/login$/, async (route) => {
    let answer = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < 5 && !callback; hop++) {
      const next = new URL(answer.headers().location!, answer.url());
      if (next.pathname === "/api/auth/callback/google") callback = next;
      else answer = await attacker.request.get(next.href, { maxRedirects: 0 });
    }
    await route.fulfill({ contentType: "text/plain", body: "kept for the victim" });
  });
  await attackerPage.goto("/greeting");
  await signInAs(attackerPage, /Alan Turing/);
  await expect(attackerPage.getByText("kept for the victim")).toBeVisible();
  const flowCookies = (await attacker.cookies()).filter((cookie) => cookie.domain === "localhost");
  await attacker.close();

  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  // What evil.localhost can set for the whole of localhost: the attacker's flow cookies under every name a Domain cookie can have.
  for (const cookie of flowCookies) {
    const name = cookie.name.replace(/^__(?:Host|Secure)-/, "");
    for (const planted of [`__Secure-${name}`, name])
      await context.addCookies([
        {
          name: planted,
          value: cookie.value,
          domain: ".localhost",
          path: "/",
          secure: true,
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
  }
  await page.goto(callback!.href);
  await expect(page).toHaveURL(/\/signin\/error\?/);
  await expect(page.getByRole("heading", { name: signInProblem("Configuration").title })).toBeVisible();
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
});

test("a session cookie a sibling subdomain could plant (a Domain cookie, not __Host-) opens no session", async ({
  page,
  context,
}) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name === "__Host-authjs.session-token")!;
  // What evil.localhost could set for the whole of localhost: the same token, under the names a Domain cookie can have.
  await context.clearCookies();
  for (const name of ["__Secure-authjs.session-token", sessionCookieName(false)])
    await context.addCookies([
      { name, value: session.value, domain: ".localhost", path: "/", secure: true, httpOnly: true, sameSite: "Lax" },
    ]);
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
});
