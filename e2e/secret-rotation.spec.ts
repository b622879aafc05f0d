import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { ports, startWithStandIn } from "./servers";
import { signInAs } from "./sign-in";

const oldSecret = "the-old-secret-that-is-long-enough-for-production";
const newSecret = "the-new-secret-that-is-long-enough-for-production";
const port = ports.rotationSite;

/** Runs `steps` against the site started with this AUTH_SECRET, then stops it: a deployment with that setting. */
async function withSecret<T>(secret: string, steps: (url: string) => Promise<T>): Promise<T> {
  const site = await startWithStandIn(port, { AUTH_SECRET: secret });
  try {
    return await steps(site.url);
  } finally {
    await site.stop();
  }
}

/** Opens /greeting in a fresh browser holding only this session cookie; returns the heading and the cookie after. */
async function visitGreeting(browser: Browser, url: string, session: Cookie) {
  const context = await browser.newContext({ baseURL: url });
  await context.addCookies([session]);
  const page = await context.newPage();
  await page.goto("/greeting");
  const signedIn = new URL(page.url()).pathname === "/greeting";
  if (signedIn) await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  const after = (await context.cookies()).find((cookie) => cookie.name === session.name);
  await context.close();
  return { signedIn, after };
}

test("AUTH_SECRET=new,old keeps old sessions; removing old ends them; sessions used meanwhile move to the new secret", async ({ browser }) => {
  test.setTimeout(120_000);

  const madeUnderOld = await withSecret(oldSecret, async (url) => {
    const context = await browser.newContext({ baseURL: url });
    const page = await context.newPage();
    await page.goto("/greeting");
    await signInAs(page, /Ada Lovelace/);
    await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
    const session = (await context.cookies()).find((cookie) => cookie.name === "authjs.session-token")!;
    await context.close();
    return session;
  });

  const renewedDuringRotation = await withSecret(`${newSecret},${oldSecret}`, async (url) => {
    const visit = await visitGreeting(browser, url, madeUnderOld);
    expect(visit.signedIn).toBe(true);
    // Without its renew-at companion the session is renewed on this visit, under the first (new) secret.
    expect(visit.after!.value).not.toBe(madeUnderOld.value);
    return visit.after!;
  });

  await withSecret(newSecret, async (url) => {
    expect((await visitGreeting(browser, url, madeUnderOld)).signedIn).toBe(false);
    expect((await visitGreeting(browser, url, renewedDuringRotation)).signedIn).toBe(true);
  });
});
