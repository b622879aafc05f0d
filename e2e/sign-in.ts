import { expect, type Page } from "@playwright/test";

/** Clicks "Sign in with Google" on the current page and picks an account at the Google stand-in. */
export async function signInAs(page: Page, account: RegExp | string) {
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  await page.getByRole("button", { name: account }).click();
}

/** Signs out through the avatar menu in the header. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
}
