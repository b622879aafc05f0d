import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { hasNginx } from "../scripts/nginx";
import { startSiteBehindNginx } from "./servers";
import { signInWithEmail } from "./sign-in";

/** What a phisher completing a victim's sign-in would send: the victim's network, and our own header's name too. */
const forged = { "x-forwarded-for": "198.51.100.23", "x-nametag-client-address": "198.51.100.23" };

/** nginx forwarding visitors' addresses on this host, and the site that trusts it behind it: the value is nginx's origin. */
const behindNginx = test.extend<object, { addressProxy: string }>({
  addressProxy: [
    async ({}, use) => {
      const proxied = await startSiteBehindNginx({ AUTH_TRUST_HOST: "true" });
      await use(proxied.origin);
      await proxied.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ addressProxy }, use) => use(addressProxy),
});

/** Signs a new person in on /account: their list's entry for this browser. */
async function signedInDevice(page: Page): Promise<Locator> {
  await page.goto("/account");
  await signInWithEmail(page, `person-${randomUUID().slice(0, 13)}@example.org`);
  await expect(page.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
  return page
    .getByRole("list", { name: "Where you are signed in" })
    .getByRole("listitem")
    .filter({ hasText: "This device" });
}

test.describe("signing in straight to the site (no proxy is trusted)", () => {
  test.use({ extraHTTPHeaders: forged });

  test("a forged X-Forwarded-For is not the place the session shows: the socket's address is", async ({ page }) => {
    const device = await signedInDevice(page);
    await expect(device).toContainText("127.0.0.0/24");
    await expect(device).not.toContainText("198.51.100");
  });
});

behindNginx.describe("behind nginx on this host (AUTH_TRUST_HOST=true trusts the loopback proxy)", () => {
  behindNginx.skip(!hasNginx, "needs Debian's nginx (/usr/sbin/nginx)");

  // The browser is on loopback, a hop as trusted as nginx: the address it names stands for a visitor nginx forwards.
  behindNginx.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23" } });

  behindNginx("the forwarded address's network shows", async ({ page }) => {
    await expect(await signedInDevice(page)).toContainText("198.51.100.0/24");
  });
});
