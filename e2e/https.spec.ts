import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { ports, startWithStandIn, type RunningSite } from "./servers";
import { signInAs } from "./sign-in";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

/** A throwaway self-signed certificate for localhost. */
function localhostCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-tls-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** What a deployment's TLS-terminating proxy does: https outside, plain http to the site, X-Forwarded-* in between. */
async function startTlsProxy(port: number, upstreamPort: number): Promise<Server> {
  const server = createServer(localhostCertificate(), (req, res) => {
    const upstream = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, path: req.url, method: req.method, headers: { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-host": req.headers.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

/** The site behind https, with its stand-in: its own servers, shared by this file's tests. */
const test = base.extend<object, { httpsSite: RunningSite }>({
  httpsSite: [
    async ({}, use) => {
      const origin = `https://localhost:${ports.httpsProxy}`;
      const site = await startWithStandIn(ports.httpsSite, { AUTH_URL: origin, GOOGLE_STAND_IN_REDIRECT_URIS: `${origin}/api/auth/callback/google` });
      const proxy = await startTlsProxy(ports.httpsProxy, ports.httpsSite);
      await use({ ...site, url: origin });
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await site.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ httpsSite }, use) => use(httpsSite.url),
});

test.use({ ignoreHTTPSErrors: true });
test.skip(!hasOpenssl, "needs the openssl command to make a certificate for localhost");

test("over https the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, pages send HSTS, and the session works", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).not.toContain("authjs.session-token");
  // `__Host-`: the browser only keeps it host-only (no Domain), on Path=/ and Secure.
  expect(cookies.find((cookie) => cookie.name === "__Host-authjs.session-token")).toMatchObject({ domain: "localhost", path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  // Every cookie Auth.js and our middleware set over https is Secure (the stand-in's own, on 127.0.0.1, are not ours).
  expect(cookies.filter((cookie) => cookie.domain === "localhost" && !cookie.secure).map((cookie) => cookie.name)).toEqual([]);

  const response = await page.goto("/greeting");
  const maxAge = /max-age=(\d+)/.exec((await response!.headerValue("strict-transport-security")) ?? "")?.[1];
  expect(Number(maxAge)).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
});

test("a session cookie a sibling subdomain could plant (a Domain cookie, not __Host-) opens no session", async ({ page, context }) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name === "__Host-authjs.session-token")!;
  // What evil.localhost could set for the whole of localhost: the same token, under the names a Domain cookie can have.
  await context.clearCookies();
  for (const name of ["__Secure-authjs.session-token", "authjs.session-token"])
    await context.addCookies([{ name, value: session.value, domain: ".localhost", path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
});
