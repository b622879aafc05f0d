/**
 * The security activity page and the new-device notice, as a person sees them on two browsers: the first one signed
 * in (Chrome), then a sign-in from a device the account had not used (Firefox on Linux). Each test is a person of its
 * own, typed at the stand-in, so nothing here signs out another test's sessions.
 */
import { randomUUID } from "node:crypto";
import { expect, type BrowserContextOptions, type Page } from "@playwright/test";
import { firefoxOnLinux, test } from "./devices";
import { signInWithEmail, signOut } from "./sign-in";

const newPerson = () => `activity-${randomUUID().slice(0, 13)}@example.org`;

async function signInAt(page: Page, path: string, email: string) {
  await page.goto(path);
  await signInWithEmail(page, email);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** The first browser, then Firefox on Linux, signed in as one new person; the first one's page is returned first. */
async function twoDevices(newDevice: (options?: BrowserContextOptions) => Promise<Page>) {
  const email = newPerson();
  const first = await newDevice();
  await signInAt(first, "/greeting", email);
  const firefox = await newDevice({ userAgent: firefoxOnLinux });
  await signInAt(firefox, "/greeting", email);
  return { first, firefox, email };
}

const notice = (page: Page) => page.getByRole("region", { name: "New sign-in" });

test("the activity page lists this account's sign-ins, newest first, with the device", async ({ newDevice }) => {
  const { first } = await twoDevices(newDevice);
  await first.goto("/account/activity");
  await expect(first.getByRole("heading", { name: "Security activity", level: 1 })).toBeVisible();
  const entries = first.getByRole("list", { name: "Recent activity" }).getByRole("listitem");
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText("Signed in");
  await expect(entries.first()).toContainText("Firefox on Linux");
  await expect(entries.first()).toContainText("New device");
  await expect(entries.last()).not.toContainText("New device");
});

test("a sign-in from a new device shows a notice on the other browser; It was me answers it", async ({ newDevice }) => {
  const { first, firefox } = await twoDevices(newDevice);
  await first.reload();
  await expect(notice(first)).toContainText("New sign-in: Firefox on Linux");
  // Not on the new device itself.
  await firefox.reload();
  await expect(firefox.getByRole("heading", { name: /^Hello, / })).toBeVisible();
  await expect(notice(firefox)).toHaveCount(0);

  await notice(first).getByRole("button", { name: "It was me" }).click();
  await expect(notice(first)).toHaveCount(0);
  await first.reload();
  await expect(notice(first)).toHaveCount(0);
  // And the new device stays signed in.
  await firefox.goto("/greeting");
  await expect(firefox).toHaveURL(/\/greeting$/);
});

test("Sign it out, on the notice, signs the new device out for real", async ({ newDevice }) => {
  const { first, firefox } = await twoDevices(newDevice);
  await first.reload();
  await notice(first).getByRole("button", { name: "Sign it out" }).click();
  await expect(notice(first)).toHaveCount(0);
  await firefox.goto("/greeting");
  await expect(firefox).toHaveURL(/\/signin\?/);
  // The first browser is still signed in.
  await first.goto("/greeting");
  await expect(first).toHaveURL(/\/greeting$/);
});

test("That wasn't me, on the activity page, signs that device out", async ({ newDevice }) => {
  const { first, firefox } = await twoDevices(newDevice);
  await first.goto("/account/activity");
  const firefoxSignIn = first
    .getByRole("list", { name: "Recent activity" })
    .getByRole("listitem")
    .filter({ hasText: "Firefox on Linux" });
  await firefoxSignIn.getByRole("button", { name: "That wasn't me" }).click();
  await expect(first.getByRole("status")).toHaveText("That device is signed out.");
  await firefox.goto("/greeting");
  await expect(firefox).toHaveURL(/\/signin\?/);
  await first.goto("/greeting");
  await expect(first).toHaveURL(/\/greeting$/);
});

test("another person's entry posted to That wasn't me ends nothing, and no one sees another's activity", async ({
  newDevice,
}) => {
  test.slow();
  const ada = await twoDevices(newDevice);
  const mallory = await twoDevices(newDevice);
  // Ada's Firefox sign-in, as her first browser's activity page names it.
  await ada.first.goto("/account/activity");
  const adaFirefoxEntry = await ada.first
    .getByRole("list", { name: "Recent activity" })
    .getByRole("listitem")
    .filter({ hasText: "Firefox on Linux" })
    .locator('input[name="eventId"]')
    .inputValue();

  // Mallory's own page lists her two sign-ins only; her form, its hidden entry id swapped for Ada's.
  await mallory.first.goto("/account/activity");
  const malloryEntries = mallory.first.getByRole("list", { name: "Recent activity" }).getByRole("listitem");
  await expect(malloryEntries).toHaveCount(2);
  const form = malloryEntries.filter({ hasText: "Firefox on Linux" }).locator("form");
  await form
    .locator('input[name="eventId"]')
    .evaluate((input: HTMLInputElement, id) => (input.value = id), adaFirefoxEntry);
  await form.getByRole("button", { name: /^That wasn't me/ }).click();
  await expect(mallory.first.getByRole("status")).toHaveText(
    "That device had already signed out, so there was nothing to sign out.",
  );
  await ada.firefox.goto("/greeting");
  await expect(ada.firefox).toHaveURL(/\/greeting$/);
  await mallory.firefox.goto("/greeting");
  await expect(mallory.firefox).toHaveURL(/\/greeting$/);
});

test("signing out, a device signed out from another and signing out everywhere else are all entered", async ({
  newDevice,
}) => {
  test.slow();
  const { first, firefox, email } = await twoDevices(newDevice);
  await first.goto("/account");
  await first
    .getByRole("list", { name: "Where you are signed in" })
    .getByRole("button", { name: /^Sign out Firefox/ })
    .click();
  await expect(first.getByRole("status")).toBeVisible();
  await signInAt(firefox, "/greeting", email);
  await signOut(firefox);
  await signInAt(firefox, "/greeting", email);
  await first.goto("/account");
  await first.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(first.getByRole("status")).toBeVisible();

  await first.goto("/account/activity");
  const titles = first.getByRole("list", { name: "Recent activity" }).getByRole("heading", { level: 3 });
  await expect(titles).toHaveText([
    "Signed out everywhere",
    "Signed in",
    "Signed out",
    "Signed in",
    "A device was signed out from another one",
    "Signed in",
    "Signed in",
  ]);
});
