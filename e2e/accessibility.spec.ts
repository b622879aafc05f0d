import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { firefoxOnLinux, test } from "./devices";
import { signInAs, signInWithEmail } from "./sign-in";

const looks = [
  { colorScheme: "light", viewport: { width: 1280, height: 800 } },
  { colorScheme: "dark", viewport: { width: 1280, height: 800 } },
  { colorScheme: "light", viewport: { width: 320, height: 640 } },
  { colorScheme: "dark", viewport: { width: 320, height: 640 } },
] as const;

/** Runs axe (WCAG A/AA and best practices) on the page as it is now, in each theme, on a desktop and a 320 px phone. */
async function expectAccessible(page: Page) {
  for (const { colorScheme, viewport } of looks) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    // Colours ease into the new theme: judge contrast once they have arrived.
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== "running"));
    const { violations } = await new AxeBuilder({ page }).analyze();
    const found = violations.map(
      ({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(" ")).join(", ")})`,
    );
    expect(found, `${page.url()} in ${colorScheme} at ${viewport.width} px`).toEqual([]);
    // Responsive down to 320 px: nothing may force sideways scrolling.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal overflow of ${page.url()} at ${viewport.width} px`).toBeLessThanOrEqual(0);
  }
}

for (const [name, path] of [
  ["the home page", "/"],
  ["the sign-in page", "/signin?callbackUrl=%2Fgreeting"],
  ["the sign-in error page", "/signin/error?error=AccessDenied"],
  ["the 404 page", "/no/such/page"],
  ["the signed-out page", "/signed-out"],
] as const) {
  test(`${name} has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  });
}

test("the stand-in's account chooser has no accessibility violations", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  await expectAccessible(page);
});

// One page per test: a sign-in and four axe runs each fit the default budget on a busy machine.
for (const [name, path, heading] of [
  ["the greeting", "/greeting", "Hello, ada@example.com!"],
  ["the account page", "/account", "Your account"],
  ["the home page", "/", /Welcome back/],
] as const) {
  test(`${name}, signed in, has no accessibility violations`, async ({ page }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    await signInAs(page, /Ada Lovelace/);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  });
}

test("the open account menu has no accessibility violations", async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Ada Lovelace/);
  await page.getByRole("button", { name: /account menu/i }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page);
});

test("the device list, its notice and the account deletion step have no accessibility violations", async ({
  page,
  newDevice,
}) => {
  // Two sign-ins and twelve axe runs: more than the default budget on a busy machine.
  test.slow();
  const email = `axe-${randomUUID().slice(0, 13)}@example.org`;
  for (const device of [await newDevice(), page]) {
    await device.goto("/account");
    await signInWithEmail(device, email);
    await expect(device.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
  }
  await expect(page.getByRole("list", { name: "Where you are signed in" }).getByRole("listitem")).toHaveCount(2);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: /Delete my account/ }).click();
  await expect(page.getByRole("heading", { name: "Delete your account?" })).toBeVisible();
  await expectAccessible(page);
});

test("the security activity page, with a new-device notice above it, has no accessibility violations", async ({
  page,
  newDevice,
}) => {
  test.slow();
  const email = `axe-${randomUUID().slice(0, 13)}@example.org`;
  await page.goto("/account/activity");
  await signInWithEmail(page, email);
  const firefox = await newDevice({ userAgent: firefoxOnLinux });
  await firefox.goto("/account/activity");
  await signInWithEmail(firefox, email);
  await expect(firefox.getByRole("heading", { name: "Security activity", level: 1 })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("region", { name: "New sign-in" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: /^That wasn't me\W+sign out Firefox on Linux$/ }).click();
  await expect(page.getByRole("status")).toContainText("That device is signed out.");
  await expectAccessible(page);
});
