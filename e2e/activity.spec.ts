/**
 * The security activity page and the new-device notice, as a person sees them on two browsers: the first one signed
 * in (Chrome), then a sign-in from a device the account had not used (Firefox on Linux). Each test is a person of its
 * own, typed at the stand-in, so nothing here signs out another test's sessions.
 */
import { randomUUID } from "node:crypto";
import { expect, type BrowserContextOptions, type Page } from "@playwright/test";
import { test } from "./devices";
import { signInWithEmail } from "./sign-in";

const firefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
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
  return { first, firefox };
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
