import { expect, test, type Page } from "@playwright/test";
import { serveEvilSite } from "./evil-site";
import { signInAs, signOut } from "./sign-in";

/** A page on another site, as an attacker would host it: it submits a form to us as soon as it loads. */
async function visitAttackerPage(
  page: Page,
  target: string,
  fields: Record<string, string>,
  encoding = "application/x-www-form-urlencoded",
) {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join("");
  await serveEvilSite(
    page.context(),
    `<!doctype html><form method="post" enctype="${encoding}" action="${target}">${inputs}</form><script>document.forms[0].submit()</script>`,
  );
  const answer = page.waitForResponse(
    (response) => response.url().startsWith(target) && response.request().method() === "POST",
  );
  await page.goto("http://evil.example/innocent-looking-page");
  return answer;
}

async function expectStillSignedIn(page: Page) {
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.goto("/greeting");
  await signInAs(page, /Grace Hopper/);
  await expect(page.getByRole("heading", { name: "Hello, grace@example.com!" })).toBeVisible();
});

test("opening Auth.js's sign-out URL (a GET, e.g. from a link or an <img>) does not sign out", async ({ page }) => {
  await page.goto("/api/auth/signout");
  await expectStillSignedIn(page);
});

test("a POST to Auth.js's sign-out without the CSRF token does not sign out", async ({ page }) => {
  const response = await page.request.post("/api/auth/signout", { form: { callbackUrl: "/" }, maxRedirects: 0 });
  expect(response.status()).toBeLessThan(500);
  await expectStillSignedIn(page);
});

test("another site's form posting to Auth.js's sign-out does not sign out", async ({ page, baseURL }) => {
  const answer = await visitAttackerPage(page, `${baseURL}/api/auth/signout`, { callbackUrl: "/" });
  expect(answer.status()).toBeLessThan(500);
  await expectStillSignedIn(page);
});

test("another site's form posting to our sign-out server action does not sign out", async ({ page, baseURL }) => {
  // The action's id is on every signed-in page, so an attacker can read it too.
  const actionField = await page
    .locator("form", { has: page.getByRole("button", { name: "Sign out", includeHidden: true }) })
    .locator('input[name^="$ACTION_ID_"]')
    .getAttribute("name");
  expect(actionField).toBeTruthy();
  // Posted like React's own action forms, to a page that does not need a session cookie to reach the action.
  const answer = await visitAttackerPage(page, `${baseURL}/`, { [actionField!]: "" }, "multipart/form-data");
  expect(answer.status()).toBeGreaterThanOrEqual(400);
  expect(answer.status()).toBeLessThan(500);
  await expectStillSignedIn(page);
});

test("our Sign out button (a same-origin POST) does sign out", async ({ page }) => {
  await signOut(page);
  // Every cookie the sign-in left behind is gone with the session.
  expect(
    (await page.context().cookies()).filter((cookie) => cookie.domain === "localhost").map((cookie) => cookie.name),
  ).toEqual([]);
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
});
