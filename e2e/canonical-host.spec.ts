import { request as httpRequest } from "node:http";
import { test as base, expect } from "@playwright/test";
import { startWithStandIn, type RunningSite } from "./servers";
import { signInAs } from "./sign-in";

/** The site as the README starts it (-H 127.0.0.1), its canonical name `localhost` (AUTH_URL set by `npm start`). */
const test = base.extend<object, { loopbackSite: RunningSite }>({
  loopbackSite: [
    async ({}, use) => {
      const site = await startWithStandIn({});
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
});

test("opening http://127.0.0.1:PORT/ and signing in from there lands on http://localhost:PORT/, where signing in works", async ({
  page,
  loopbackSite,
}) => {
  const listenAddress = `http://127.0.0.1:${loopbackSite.port}`;
  // `/` is served as built, without the middleware: the sign-in it posts is what moves the visitor (303, then GET).
  await page.goto(`${listenAddress}/`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page).toHaveURL(`${loopbackSite.url}/`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page).toHaveURL(`${loopbackSite.url}/greeting`);
  await page.context().clearCookies();
  await page.goto(`${listenAddress}/signin?callbackUrl=%2Faccount`);
  await expect(page).toHaveURL(`${loopbackSite.url}/signin?callbackUrl=%2Faccount`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page).toHaveURL(`${loopbackSite.url}/account`);
});

test("every other name for the site is sent to the canonical one with a 308, Auth.js's endpoints too", async ({
  request,
  loopbackSite,
}) => {
  const listenAddress = `http://127.0.0.1:${loopbackSite.port}`;
  for (const path of ["/signin", "/greeting?x=1", "/api/auth/signin", "/api/auth/providers"]) {
    const answer = await request.get(`${listenAddress}${path}`, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(308);
    expect(answer.headers().location, path).toBe(`${loopbackSite.url}${path}`);
  }
  // A path that looks like a host stays a path on our site (Next folds the repeated slash first).
  const doubleSlash = await request.get(`${listenAddress}//evil.example/`, { maxRedirects: 0 });
  expect(new URL(doubleSlash.headers().location!, listenAddress).host).not.toBe("evil.example");
  const head = await request.head(`${listenAddress}/signin`, { maxRedirects: 0 });
  expect(head.status()).toBe(308);
  const post = await request.post(`${listenAddress}/api/auth/signin/google`, { maxRedirects: 0 });
  expect(post.status()).toBe(421);
  // The canonical name itself is answered as usual.
  expect((await request.get(`${loopbackSite.url}/api/auth/providers`, { maxRedirects: 0 })).status()).toBe(200);
});

/** GET on the site's listen address itself, as a browser asking for the canonical name would be answered. */
function getHome(port: number, cookie: string): Promise<{ status: number; rewrite: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path: "/", headers: { host: `localhost:${port}`, cookie } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            rewrite: res.headers["x-middleware-rewrite"] as string | undefined,
            body,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("a signed-in visitor's home page is rendered in-process, never by a request to the site itself", async ({
  page,
  loopbackSite,
}) => {
  await page.goto(`${loopbackSite.url}/signin`);
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const cookie = (await page.context().cookies(loopbackSite.url))
    .map(({ name, value }) => `${name}=${value}`)
    .join("; ");
  const home = await getHome(loopbackSite.port, cookie);
  expect(home.status).toBe(200);
  expect(home.body).toContain("ada@example.com");
  // Next reports a middleware rewrite here: a path is served in-process, an absolute URL is proxied to over HTTP.
  expect(home.rewrite ?? "/home").toBe("/home");
});
