import { randomUUID } from "node:crypto";
import { devices as playwrightDevices, expect, type Page } from "@playwright/test";
import { test } from "./devices";
import { signInWithEmail, signOut } from "./sign-in";
import { sessionCookieName } from "../lib/auth-cookies";

/** Each test's people are its own (a fresh address each run), so signing out everywhere never touches another test. */
const newPerson = () => `person-${randomUUID().slice(0, 13)}@example.org`;

async function signInOnAccountPage(page: Page, email: string) {
  await page.goto("/account");
  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
}

const deviceList = (page: Page) => page.getByRole("list", { name: "Where you are signed in" });
const devices = (page: Page) => deviceList(page).getByRole("listitem");
const thisDevice = (page: Page) => devices(page).filter({ hasText: "This device" });
const otherDevices = (page: Page) => devices(page).filter({ hasNotText: "This device" });
/** The session id in the form of another device's Sign out button (this device's own id is never on the page). */
const otherDeviceSessionId = (page: Page) => otherDevices(page).locator('input[name="sessionId"]').inputValue();

async function expectSignedIn(page: Page, email: string) {
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
}

/** The next request of a signed-out browser: a protected page sends it to sign in. */
async function expectSignedOut(page: Page) {
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
}

test("every device where the person is signed in is listed, and each marks itself as this device", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  const laptop = page;
  const phone = await newDevice(playwrightDevices["Pixel 7"]);
  await signInOnAccountPage(laptop, email);
  await signInOnAccountPage(phone, email);
  await laptop.reload();

  for (const [device, other] of [
    [laptop, /^Chrome \d+ on Android 14$/],
    [phone, /^Chrome \d+ on Windows 10$/],
  ] as const) {
    await expect(devices(device)).toHaveCount(2);
    await expect(thisDevice(device)).toHaveCount(1);
    // The browser, OS and network of the other device, as its User-Agent and address tell.
    await expect(otherDevices(device).getByRole("heading", { level: 3 })).toHaveText(other);
    await expect(otherDevices(device)).toContainText("127.0.0.0/24");
    await expect(otherDevices(device)).toContainText(/Signed in\d+ \w+ \d{4}, \d\d:\d\d UTC/);
    await expect(otherDevices(device)).toContainText(/Last seen.*(just now|minute)/);
    // This device signs out as from the header's menu; the others each have a Sign out naming the device.
    await expect(thisDevice(device).getByRole("button")).toHaveAccessibleName("Sign out");
    await expect(otherDevices(device).getByRole("button")).toHaveAccessibleName(/^Sign out Chrome \d+ on \w+/);
  }
  // Each page's "other device" is the other browser: two different sessions.
  expect(await otherDeviceSessionId(laptop)).not.toBe(await otherDeviceSessionId(phone));
});

test("signing out another device ends its session: its next request is signed out", async ({ page, newDevice }) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(page, email);

  await otherDevices(page)
    .getByRole("button", { name: /^Sign out/ })
    .click();
  await expect(page.getByRole("status")).toHaveText("That device is signed out.");
  await expect(page).toHaveURL("/account?done=device");
  await expect(devices(page)).toHaveCount(1);
  await expect(thisDevice(page)).toHaveCount(1);

  await expectSignedOut(phone);
  await expectSignedIn(page, email);
});

test("Sign out everywhere else ends every other session and keeps this one", async ({ page, newDevice }) => {
  const email = newPerson();
  const [phone, tablet] = [await newDevice(), await newDevice()];
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(tablet, email);
  await signInOnAccountPage(page, email);
  await expect(devices(page)).toHaveCount(3);

  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status")).toHaveText("Every other device is signed out.");
  await expect(devices(page)).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toHaveCount(0);

  await expectSignedOut(phone);
  await expectSignedOut(tablet);
  await expectSignedIn(page, email);
});

test("Sign out everywhere ends every session, this browser's included", async ({ page, newDevice }) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(page, email);

  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookieName(false));

  await expectSignedOut(page);
  await expectSignedOut(phone);
});

test("a copy of the session cookie taken before signing out is signed out too: sign-out ends the session on the server", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  await signInOnAccountPage(page, email);
  const copy = await newDevice();
  await copy.context().addCookies(await page.context().cookies());
  await expectSignedIn(copy, email);

  // The header's menu, as people sign out.
  await page.goto("/greeting");
  await signOut(page);
  await expectSignedOut(copy);
});

test("a copy of the cookie of a session ended elsewhere gets the signed-out pages, without errors", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  const copy = await newDevice();
  await copy.context().addCookies(await phone.context().cookies());
  await signInOnAccountPage(page, email);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  const home = await copy.goto("/");
  expect(home?.status()).toBe(200);
  await expect(copy.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  // The header offers signing in, not an account menu.
  await expect(copy.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(copy.getByRole("button", { name: /account menu/i })).toHaveCount(0);
  for (const path of ["/account", "/account/delete", "/greeting"]) {
    await copy.goto(path);
    await expect(copy).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
});

test("a form sent from an account page whose session has since ended signs that browser out cleanly", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(page, email);
  await phone.reload();
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  // The phone still shows its account page from before; its session is gone.
  await phone.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(phone).toHaveURL("/");
  await expect(phone.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  expect((await phone.context().cookies()).map((cookie) => cookie.name)).not.toContain(sessionCookieName(false));
  await expectSignedIn(page, email);
});

test("another person's session id posted to the sign-out action ends nothing", async ({ page, newDevice }) => {
  // Four browsers signing in: more than the default budget on a busy machine.
  test.slow();
  // Mallory's own two devices, so her account page has a Sign out form to tamper with.
  const [mallory, malloryPhone] = [page, await newDevice()];
  const malloryEmail = newPerson();
  await signInOnAccountPage(malloryPhone, malloryEmail);
  await signInOnAccountPage(mallory, malloryEmail);
  // Ada, on two devices: her first device's page shows the id of her second device's session.
  const [ada, adaPhone] = [await newDevice(), await newDevice()];
  const adaEmail = newPerson();
  await signInOnAccountPage(adaPhone, adaEmail);
  await signInOnAccountPage(ada, adaEmail);
  const adaPhoneSessionId = await otherDeviceSessionId(ada);

  // Mallory's Sign out form, its hidden session id swapped for Ada's.
  const malloryForm = otherDevices(mallory).locator("form");
  await malloryForm
    .locator('input[name="sessionId"]')
    .evaluate((input: HTMLInputElement, id) => (input.value = id), adaPhoneSessionId);
  await malloryForm.getByRole("button", { name: /^Sign out/ }).click();
  await expect(mallory.getByRole("status")).toHaveText(
    "That session had already ended, so there was nothing to sign out.",
  );
  await expect(mallory).toHaveURL("/account?done=not-found");

  await expectSignedIn(adaPhone, adaEmail);
  await expectSignedIn(ada, adaEmail);
  // Mallory's own devices are untouched too.
  await expectSignedIn(malloryPhone, malloryEmail);
});

test("a malformed session id posted to the sign-out action gets the account page, not an error", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(page, email);
  const form = otherDevices(page).locator("form");
  await form.locator('input[name="sessionId"]').evaluate((input: HTMLInputElement) => (input.value = "' OR 1=1 --"));
  await form.getByRole("button", { name: /^Sign out/ }).click();
  await expect(page.getByRole("status")).toHaveText(
    "That session had already ended, so there was nothing to sign out.",
  );
  await expectSignedIn(phone, email);
});

test("deleting the account asks first, then signs the person out everywhere; signing in again starts afresh", async ({
  page,
  newDevice,
}) => {
  const email = newPerson();
  const phone = await newDevice();
  await signInOnAccountPage(phone, email);
  await signInOnAccountPage(page, email);

  await page.getByRole("link", { name: /Delete my account/ }).click();
  await expect(page.getByRole("heading", { name: "Delete your account?" })).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL("/account");
  await expectSignedIn(phone, email);

  await page.goto("/account");
  await page.getByRole("link", { name: /Delete my account/ }).click();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("button", { name: "Sign in with Google" })).toBeVisible();
  await expectSignedOut(page);
  await expectSignedOut(phone);

  // The same Google account again: a new account here, whose only session is this one.
  await signInOnAccountPage(page, email);
  await expect(devices(page)).toHaveCount(1);
  await expectSignedOut(phone);
});
