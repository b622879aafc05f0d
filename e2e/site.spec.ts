import { expect, test } from "@playwright/test";
import { signInAs, signOut } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

test("home → sign in → greeting shows the email, name and picture", async ({ page }) => {
  await page.goto("/");
  await signInAs(page, /Ada Lovelace/);
  await expect(page).toHaveURL("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Ada Lovelace").first()).toBeVisible();
  const picture = page.locator("main img").first();
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("a signed-in visitor sees who they are on the home page, with a link to the greeting", async ({ page }) => {
  await page.goto("/");
  await signInAs(page, /Grace Hopper/);
  await page.goto("/");
  await expect(page.getByRole("main").getByText("grace@example.com").first()).toBeVisible();
  await page.getByRole("link", { name: /greeting/i }).click();
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
});

test("opening /greeting signed out goes through sign-in and comes back to /greeting", async ({ page }) => {
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting/);
  await signInAs(page, /Alan Turing/);
  await expect(page).toHaveURL("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, alan@example.com!" })).toBeVisible();
});

test("after signing out, /greeting is protected again", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  await signOut(page);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookieName(false));
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin/);
});

test("denying access at Google ends on our error page, signed out", async ({ page }) => {
  await page.goto("/");
  await signInAs(page, "Deny access");
  await expect(page).toHaveURL(/\/signin\/error/);
  await expect(page.getByRole("heading", { name: "Sign-in did not finish" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin/);
});

test("an unverified Google email is refused with our message", async ({ page }) => {
  await page.goto("/");
  await signInAs(page, /Mallory Unverified/);
  await expect(page.getByRole("heading", { name: "Your email address is not verified" })).toBeVisible();
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin/);
});

test("a second account signs in after the first signs out", async ({ page }) => {
  await page.goto("/");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  await signOut(page);
  await signInAs(page, /Grace Hopper/);
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
});

test("any email typed at the stand-in signs in", async ({ page }) => {
  await page.goto("/greeting");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.getByRole("textbox", { name: /any email/i }).fill("Someone.New@Example.org");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Hello, someone.new@example.org!" })).toBeVisible();
});

test("an unknown path gets a real 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
});

test("the demo badge says sign-in goes through the stand-in (on every page the server renders; `/` is built once for both modes)", async ({
  page,
}) => {
  await page.goto("/signin");
  await expect(page.getByRole("note")).toContainText("Demo sign-in");
});
