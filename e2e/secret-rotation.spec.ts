import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { startWithStandIn, temporaryDataDir } from "./servers";
import { signInAs } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

const oldSecret = "the-old-secret-that-is-long-enough-for-production";
const newSecret = "the-new-secret-that-is-long-enough-for-production";
/** The deployment's one address: picked by the OS at the first start, kept for the restarts. */
let port: number | undefined;

/** One embedded store for the three deployments: sessions live in the database and survive restarts. */
const data = temporaryDataDir();
test.afterAll(() => data.remove());

/** Runs `steps` against the site started with this AUTH_SECRET, then stops it: a deployment with that setting. */
async function withSecret<T>(secret: string, steps: (url: string) => Promise<T>): Promise<T> {
  const site = await startWithStandIn({ AUTH_SECRET: secret, PGLITE_DIR: data.dir }, port);
  port = site.port;
  try {
    return await steps(site.url);
  } finally {
    await site.stop();
  }
}

/** Opens /greeting in a fresh browser holding only this session cookie: is it signed in? */
async function visitGreeting(browser: Browser, url: string, session: Cookie): Promise<boolean> {
  const context = await browser.newContext({ baseURL: url });
  await context.addCookies([session]);
  const page = await context.newPage();
  await page.goto("/greeting");
  const signedIn = new URL(page.url()).pathname === "/greeting";
  if (signedIn) await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  await context.close();
  return signedIn;
}

/** Signs Ada in on the site at `url` in a browser of its own; returns her session cookie. */
async function signInAda(browser: Browser, url: string): Promise<Cookie> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name === sessionCookieName(false))!;
  await context.close();
  return session;
}

test("sessions survive a restart; AUTH_SECRET=new,old keeps old sessions and issues new ones under new; removing old ends the old ones", async ({
  browser,
}) => {
  test.setTimeout(120_000);

  const madeUnderOld = await withSecret(oldSecret, (url) => signInAda(browser, url));

  const madeUnderNew = await withSecret(`${newSecret},${oldSecret}`, async (url) => {
    expect(await visitGreeting(browser, url, madeUnderOld)).toBe(true);
    return signInAda(browser, url);
  });

  await withSecret(newSecret, async (url) => {
    expect(await visitGreeting(browser, url, madeUnderOld)).toBe(false);
    expect(await visitGreeting(browser, url, madeUnderNew)).toBe(true);
  });
});
