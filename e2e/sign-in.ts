import { expect, type Page } from "@playwright/test";

async function openAccountChooser(page: Page) {
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
}

/** Clicks "Sign in with Google" on the current page and picks an account at the Google stand-in. */
export async function signInAs(page: Page, account: RegExp | string) {
  await openAccountChooser(page);
  await page.getByRole("button", { name: account }).click();
}

/** Signs in with an address typed at the stand-in: a person of the test's own, whom no other test signs out. */
export async function signInWithEmail(page: Page, email: string) {
  await openAccountChooser(page);
  await page.getByRole("textbox", { name: /any email/i }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Signs out through the avatar menu in the header. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
}
