import { expect, test } from "@playwright/test";
import { signedInPages } from "../build/signed-in-routes";
import { signInWithEmail } from "./sign-in";

const pages = signedInPages();

test("the signed-in group has pages to guard", () => {
  expect(pages).toEqual(expect.arrayContaining(["/greeting", "/account", "/account/delete"]));
});

for (const address of pages) {
  test(`${address}: a visitor without a session cookie is sent to sign in, and back here after`, async ({
    request,
  }) => {
    const answer = await request.get(`${address}?from=test`, { maxRedirects: 0 });
    expect(answer.status()).toBe(307);
    expect(answer.headers()["location"]).toBe(`/signin?callbackUrl=${encodeURIComponent(`${address}?from=test`)}`);
  });
}

test("every page of the group turns away a cookie whose session has ended, and sends the visitor back to it after sign-in", async ({
  page,
}) => {
  await page.goto("/signin");
  await signInWithEmail(page, "group-guard@example.com");
  await expect(page.getByRole("heading", { name: "Hello, group-guard@example.com!" })).toBeVisible();
  const issued = await page.context().cookies();
  // Ends the session on the server; the cookie is then put back, as a copy of it elsewhere would still be sent.
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.context().addCookies(issued);
  for (const address of pages) {
    const answer = await page.request.get(address, { maxRedirects: 0 });
    expect(answer.status(), address).toBe(307);
    expect(answer.headers()["location"], address).toBe(`/signin?callbackUrl=${encodeURIComponent(address)}`);
  }
});
