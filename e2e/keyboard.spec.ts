import { expect, test, type Locator, type Page } from "@playwright/test";

/** Presses Tab until `target` has focus (never clicking), and checks that the focus can be seen. */
async function tabTo(page: Page, target: Locator, maxPresses = 20) {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) {
      const outline = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return element.matches(":focus-visible") && style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0;
      });
      expect(outline, "a visible focus ring").toBeGreaterThanOrEqual(2);
      return;
    }
  }
  throw new Error(`${maxPresses} presses of Tab never reached ${target.toString()}`);
}

test("sign in, read the greeting and sign out with the keyboard alone", async ({ page }) => {
  await page.goto("/");

  await tabTo(page, page.getByRole("button", { name: "Sign in with Google" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: /Ada Lovelace/ }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();

  // The menu opens from the avatar, Escape closes it and gives the focus back.
  const menuButton = page.getByRole("button", { name: /account menu/i });
  const signOut = page.getByRole("button", { name: "Sign out" });
  await tabTo(page, menuButton);
  await page.keyboard.press("Enter");
  await expect(signOut).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(signOut).toBeHidden();
  await expect(menuButton).toBeFocused();

  await page.keyboard.press("Space");
  await expect(signOut).toBeVisible();
  await tabTo(page, signOut, 3);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL("/signed-out");
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin/);
});
