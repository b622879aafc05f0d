import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "../../e2e/sign-in";

/** Full-page PNGs of every page, light and dark, desktop and phone, into docs/screenshots/. */
const devices = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

for (const colorScheme of ["light", "dark"] as const) {
  for (const [device, options] of Object.entries(devices)) {
    test.describe(`${device} ${colorScheme}`, () => {
      test.use({ colorScheme, ...options });

      const shoot = async (page: Page, name: string, fullPage = true) => {
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: `docs/screenshots/${name}-${device}-${colorScheme}.png`,
          fullPage,
          animations: "disabled",
        });
      };

      test("every page", async ({ page }) => {
        await page.goto("/");
        await shoot(page, "home");
        await page.goto("/signin?callbackUrl=%2Fgreeting");
        await shoot(page, "sign-in");
        await page.goto("/signin/error?error=AccessDenied");
        await shoot(page, "sign-in-error");
        await page.goto("/no/such/page");
        await shoot(page, "not-found");

        await page.goto("/greeting");
        await page.getByRole("button", { name: "Sign in with Google" }).click();
        await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
        await shoot(page, "stand-in-chooser");
        await page.getByRole("button", { name: /Ada Lovelace/ }).click();
        await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
        await expect.poll(() => page.locator("main img").evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
        await shoot(page, "greeting");
        await page.getByRole("button", { name: /account menu/i }).click();
        await expect(page.getByRole("link", { name: "Account", exact: true })).toBeVisible();
        await shoot(page, "account-menu", false);
        await page.goto("/account");
        await shoot(page, "account");
        await page.goto("/");
        await shoot(page, "home-signed-in");
      });
    });
  }
}

test("an account without a picture gets initials", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Alan Turing/);
  await expect(page.getByRole("heading", { name: "Hello, alan@example.com!" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/greeting-initials-desktop-light.png", animations: "disabled" });
});
