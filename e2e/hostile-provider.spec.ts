import type { Page } from "@playwright/test";
import { signInProblem, type SignInErrorCode } from "../lib/sign-in-problems";
import { serveEvilSite, watchServerErrors } from "./evil-site";
import { expect, test } from "./hostile-provider/fixture";
import { hostileModes, type HostileMode } from "./hostile-provider/modes";
import { sessionCookieName } from "../lib/auth-cookies";

/** What a stack trace or an internal error name looks like, should one ever reach the visitor's screen. */
const stackTrace = /\n\s*at \S|\w+Error\b|node_modules|\.[cm]?js:\d+/;

async function startSignIn(page: Page, siteUrl: string) {
  await page.goto(`${siteUrl}/signin`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Hostile provider" })).toBeVisible();
}

/** The sign-in ended on our error page within 15 s, with no session, no 5xx, no stack trace, and the visitor is signed out. */
async function expectRefused(page: Page, siteUrl: string, code: SignInErrorCode, errors: string[]) {
  await expect(page.getByRole("heading", { name: signInProblem(code).title })).toBeVisible({ timeout: 15_000 });
  expect(new URL(page.url()).origin + new URL(page.url()).pathname).toBe(`${siteUrl}/signin/error`);
  expect(await page.locator("body").innerText()).not.toMatch(stackTrace);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContainEqual(
    expect.stringContaining("session-token"),
  );
  expect(errors).toEqual([]);
  await page.goto(`${siteUrl}/greeting`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fgreeting$/);
}

test("the well-behaved provider signs in", async ({ page, hostileSite }) => {
  await startSignIn(page, hostileSite.url);
  await page.getByRole("button", { name: hostileModes["well-behaved"], exact: true }).click();
  await expect(page.getByRole("heading", { name: "Hello, ada@example.com!" })).toBeVisible();
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain(sessionCookieName(false));
});

test("the well-behaved provider adding an off-site callbackUrl to the redirect back: signed in, on our site", async ({
  page,
  context,
  hostileSite,
}) => {
  await serveEvilSite(context);
  await startSignIn(page, hostileSite.url);
  await page.getByRole("button", { name: hostileModes["off-site-callback-url"], exact: true }).click();
  await expect(page.getByRole("button", { name: /Account menu for Ada Lovelace/ })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(hostileSite.url);
});

const refusals: [HostileMode, SignInErrorCode][] = [
  ["bad-signature", "AccessDenied"],
  ["wrong-audience", "Configuration"],
  ["wrong-issuer", "Configuration"],
  ["expired", "Configuration"],
  ["wrong-nonce", "Configuration"],
  ["other-azp", "AccessDenied"],
  ["future-iat", "AccessDenied"],
  ["alg-none", "Configuration"],
  ["email-unverified", "EmailUnverified"],
  ["state-missing", "Configuration"],
  ["access-denied", "AccessDenied"],
  ["token-500", "Configuration"],
  ["token-garbage", "Configuration"],
  // Our provider timeout (8 s) ends it: the provider would hold the request for 30 s.
  ["token-slow", "Configuration"],
];

for (const [mode, code] of refusals) {
  test(`${hostileModes[mode]}: refused, signed out`, async ({ page, hostileSite }) => {
    const errors = watchServerErrors(page);
    await startSignIn(page, hostileSite.url);
    await page.getByRole("button", { name: hostileModes[mode], exact: true }).click();
    await expectRefused(page, hostileSite.url, code, errors);
  });
}

test(`${hostileModes["state-swapped"]}: refused, signed out`, async ({ page, hostileSite, browser }) => {
  // Another visitor's sign-in, left waiting at the provider: its state is the one swapped in.
  const otherVisitor = await browser.newContext();
  await startSignIn(await otherVisitor.newPage(), hostileSite.url);
  const errors = watchServerErrors(page);
  await startSignIn(page, hostileSite.url);
  await page.getByRole("button", { name: hostileModes["state-swapped"], exact: true }).click();
  await expectRefused(page, hostileSite.url, "Configuration", errors);
  await otherVisitor.close();
});

test("a provider that is down: refused, signed out", async ({ page, providerDownSite }) => {
  const errors = watchServerErrors(page);
  await page.goto(`${providerDownSite.url}/signin`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expectRefused(page, providerDownSite.url, "Configuration", errors);
});

const referenceOnPage = async (page: Page) => {
  const footnote = await page.getByText(/reference [A-Z2-7]{8}/).innerText();
  return /reference ([A-Z2-7]{8})/.exec(footnote)![1]!;
};

/** What the site logged about one failed sign-in: every line carrying its reference. */
const logLinesFor = (output: string, reference: string) =>
  output.split("\n").filter((line) => line.includes(`"reference":"${reference}"`));

for (const [mode, says] of [
  ["token-500", /"errorClass":"CallbackRouteError".*"provider":"POST http:\/\/127\.0\.0\.1:\d+\/token → 500"/],
  ["other-azp", /"check":"ID token azp .*another-client.* is not our client id"/],
  ["future-iat", /"check":"ID token iat \d+ s in the future/],
] as const) {
  test(`${hostileModes[mode]}: the error page shows a reference, and one server log line says what failed under it`, async ({
    page,
    hostileSite,
  }) => {
    await startSignIn(page, hostileSite.url);
    await page.getByRole("button", { name: hostileModes[mode], exact: true }).click();
    await expect(page.getByText(/reference [A-Z2-7]{8}/)).toBeVisible({ timeout: 15_000 });
    const reference = await referenceOnPage(page);
    await expect.poll(() => logLinesFor(hostileSite.output(), reference)).toHaveLength(1);
    expect(logLinesFor(hostileSite.output(), reference)[0]).toMatch(says);
  });
}

test("a provider that is down: the reference on the error page names the provider request in the log", async ({
  page,
  providerDownSite,
}) => {
  await page.goto(`${providerDownSite.url}/signin`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByText(/reference [A-Z2-7]{8}/)).toBeVisible({ timeout: 15_000 });
  const reference = await referenceOnPage(page);
  await expect.poll(() => logLinesFor(providerDownSite.output(), reference)).toHaveLength(1);
  expect(logLinesFor(providerDownSite.output(), reference)[0]).toMatch(
    /"provider":"GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration → .*ECONNREFUSED/,
  );
});

test("a reference that is not one of ours is not shown", async ({ page, hostileSite }) => {
  await page.goto(`${hostileSite.url}/signin/error?error=Configuration&ref=${encodeURIComponent("<b>HACKED</b>")}`);
  await expect(page.getByRole("heading", { name: signInProblem("Configuration").title })).toBeVisible();
  await expect(page.getByText(/reference [A-Z2-7]{8}/)).toHaveCount(0);
  await expect(page.getByText("HACKED")).toHaveCount(0);
});
