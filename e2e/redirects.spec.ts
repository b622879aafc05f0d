import { expect, test, type Page } from "@playwright/test";
import { serveEvilSite } from "./evil-site";
import { signInAs } from "./sign-in";

/** Destinations an attacker would put in callbackUrl/redirectTo to bounce a visitor off our site after sign-in. */
const offSite = [
  "https://evil.example",
  "//evil.example",
  "/\\evil.example",
  "%2F%2Fevil.example",
  "javascript:alert(document.cookie)",
];
/** More spellings browsers read as another host: checked against every endpoint, without a full sign-in each. */
const moreOffSite = [
  "http:evil.example",
  "/\t/evil.example",
  "https:/\\evil.example/",
  "\\\\evil.example",
  " //evil.example",
];

test.beforeEach(async ({ context }) => {
  // Should anything send the browser to evil.example, show that instead of failing on DNS.
  await serveEvilSite(context);
});

async function expectOnOurSite(page: Page, origin: string) {
  await page.waitForLoadState("load");
  expect(new URL(page.url()).origin).toBe(origin);
  await expect(page.getByRole("heading", { name: "evil.example" })).toHaveCount(0);
}

/** The sign-in really completed (wherever it landed on our site). */
async function expectSignedInAs(page: Page, email: string) {
  await expect
    .poll(
      async () =>
        ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null)?.user
          ?.email,
    )
    .toBe(email);
}

const csrfToken = async (page: Page) =>
  ((await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;

for (const destination of offSite) {
  test(`sign-in from /signin?callbackUrl=${JSON.stringify(destination)}, with the form field forged too, lands on our site`, async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(destination)}`);
    // The sign-in form's hidden field is the attacker's to set as well: the server action checks it again.
    await page
      .locator('input[name="callbackUrl"]')
      .evaluate((input: HTMLInputElement, value) => (input.value = value), destination);
    await signInAs(page, /Ada Lovelace/);
    await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
    await expectOnOurSite(page, baseURL!);
  });

  test(`sign-in through Auth.js's own endpoint with callbackUrl=${JSON.stringify(destination)} lands on our site`, async ({
    page,
    baseURL,
  }) => {
    await page.goto("/");
    const start = await page.request.post("/api/auth/signin/google", {
      form: { csrfToken: await csrfToken(page), callbackUrl: destination },
      maxRedirects: 0,
    });
    expect(start.status()).toBe(302);
    await page.goto(start.headers().location!);
    await page.getByRole("button", { name: /Ada Lovelace/ }).click();
    await expectOnOurSite(page, baseURL!);
    await expectSignedInAs(page, "ada@example.com");
  });
}

test("Auth.js's endpoints never answer with a redirect off our site", async ({ page, baseURL }) => {
  await page.goto("/");
  for (const destination of [...offSite, ...moreOffSite]) {
    const query = new URLSearchParams({ callbackUrl: destination });
    const answers = [
      await page.request.get(`/api/auth/signin?${query}`, { maxRedirects: 0 }),
      await page.request.get(`/api/auth/signout?${query}`, { maxRedirects: 0 }),
      await page.request.get(`/api/auth/error?error=AccessDenied&${query}`, { maxRedirects: 0 }),
      await page.request.post("/api/auth/signout", {
        form: { csrfToken: await csrfToken(page), callbackUrl: destination },
        maxRedirects: 0,
      }),
    ];
    for (const answer of answers) {
      expect(answer.status(), `${answer.url()}`).toBeLessThan(500);
      const location = answer.headers().location;
      if (location) expect(new URL(location, baseURL).origin, `${answer.url()} → ${location}`).toBe(baseURL);
    }
  }
});

/** Return addresses whose dot segments (plain, percent-encoded, with backslashes) resolve to `//host`. */
const dotSegments = [
  "/./%2F/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E//evil.example",
  "/.\\/evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
];

test("signed in, the sign-in page never redirects off our site, whatever dot segments the return address has", async ({
  page,
  baseURL,
}) => {
  await page.goto("/signin");
  await signInAs(page, /Ada Lovelace/);
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  for (const destination of [...dotSegments, ...offSite, ...moreOffSite]) {
    const answer = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(destination)}`, {
      maxRedirects: 0,
    });
    expect(answer.status(), destination).toBe(307);
    const location = answer.headers().location!;
    expect(location, destination).not.toMatch(/^\/[/\\]|^[/\\]{2}/);
    expect(new URL(location, baseURL).origin, `${destination} → ${location}`).toBe(baseURL);
  }
  // And in the browser, which resolves the Location itself.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/.//evil.example")}`);
  await expectOnOurSite(page, baseURL!);
});

for (const destination of dotSegments.slice(0, 3)) {
  test(`signed out, sign-in from /signin?callbackUrl=${JSON.stringify(destination)} lands on our site`, async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(destination)}`);
    await page
      .locator('input[name="callbackUrl"]')
      .evaluate((input: HTMLInputElement, value) => (input.value = value), destination);
    await signInAs(page, /Ada Lovelace/);
    await expectOnOurSite(page, baseURL!);
    await expectSignedInAs(page, "ada@example.com");
  });
}
