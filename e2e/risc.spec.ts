import AxeBuilder from "@axe-core/playwright";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { standInClient } from "../google-stand-in/client";
import { aboutSub, eventUri } from "./google-reports";
import { signInWithEmail } from "./sign-in";

// In order, in one worker: one test rotates the stand-in's signing key, which the others sign with.
test.describe.configure({ mode: "default" });

const execFileAsync = promisify(execFile);

/** The stand-in's origin, as the site's sign-in button leads there. */
async function standInOrigin(page: Page): Promise<string> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  return new URL(page.url()).origin;
}

/** Signs in as `email`; returns the stand-in's origin, read at its account chooser. */
async function signedInAs(page: Page, email: string): Promise<string> {
  await page.goto("/greeting");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await expect(page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
  const origin = new URL(page.url()).origin;
  await page.getByRole("textbox", { name: /any email/i }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
  return origin;
}

async function expectSignedIn(page: Page, email: string) {
  await page.goto("/greeting");
  await expect(page.getByRole("heading", { name: `Hello, ${email}!` })).toBeVisible();
}

async function expectSignedOut(page: Page) {
  await page.goto("/greeting");
  await expect(page).toHaveURL(/\/signin\?/);
}

/** A token signed by the stand-in's transmitter, as Google would sign it. */
async function standInToken(request: APIRequestContext, origin: string, claims: JWTPayload): Promise<string> {
  const response = await request.post(`${origin}/risc/test/sign`, { data: claims });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

const deliver = (request: APIRequestContext, token: string) =>
  request.post("/api/google/risc", {
    headers: { "content-type": "application/secevent+jwt", accept: "application/json" },
    data: token,
  });

const person = () => `risc-${randomUUID().slice(0, 8)}@example.com`;

test("sessions-revoked signs a signed-in browser out: its next page load goes to sign-in", async ({
  page,
  request,
}) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const response = await deliver(request, await standInToken(request, origin, aboutSub("sessions-revoked", email)));
  expect(response.status()).toBe(202);
  expect(response.headers()["cache-control"]).toBe("no-store");
  await expectSignedOut(page);
});

test("a subject named by email is found too", async ({ page, request }) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const token = await standInToken(request, origin, {
    events: { [eventUri("sessions-revoked")]: { subject: { subject_type: "email", email: email.toUpperCase() } } },
  });
  expect((await deliver(request, token)).status()).toBe(202);
  await expectSignedOut(page);
});

test("account-disabled for hijacking signs out and refuses Google sign-in until account-enabled", async ({
  page,
  request,
}) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const disabled = aboutSub("account-disabled", email, { reason: "hijacking" });
  expect((await deliver(request, await standInToken(request, origin, disabled))).status()).toBe(202);
  await expectSignedOut(page);

  await signInWithEmail(page, email);
  await expect(page.getByRole("heading", { name: "Google reported a problem with this account" })).toBeVisible();
  await expect(page.getByText("https://myaccount.google.com/security")).toBeVisible();

  const enabled = aboutSub("account-enabled", email);
  expect((await deliver(request, await standInToken(request, origin, enabled))).status()).toBe(202);
  await signedInAs(page, email);

  // The person sees all of it on their activity page, newest first, in plain words.
  await page.goto("/account/activity");
  const entries = page.getByRole("list", { name: "Recent activity" }).getByRole("listitem");
  const titles = await entries.getByRole("heading", { level: 3 }).allTextContents();
  expect(titles).toEqual([
    "Signed in",
    "Google told us your Google account was restored: you can sign in with it again",
    "A sign-in to this account was refused",
    "Google told us your Google account may have been taken over: its sessions were ended, and sign-in is refused until Google restores it",
    "Signed in",
  ]);
  await expect(entries.nth(2)).toContainText(/Google reported a problem with this account \(reference [A-Z2-7]{8}\)/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, help }) => `${id}: ${help}`)).toEqual([]);
});

test("account-disabled without hijacking signs out but sign-in stays open", async ({ page, request }) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const token = await standInToken(request, origin, aboutSub("account-disabled", email, { reason: "bulk-account" }));
  expect((await deliver(request, token)).status()).toBe(202);
  await expectSignedOut(page);
  await signedInAs(page, email);
});

test("the events that change nothing here are accepted and leave the person signed in", async ({ page, request }) => {
  const email = person();
  const origin = await signedInAs(page, email);
  for (const claims of [
    aboutSub("tokens-revoked", email),
    aboutSub("token-revoked", email),
    aboutSub("account-credential-change-required", email),
    aboutSub("account-enabled", email),
    { events: { [eventUri("verification")]: { state: "e2e-state" } } },
    { events: { "https://example.com/some-future-event": { subject: { subject_type: "iss-sub", sub: "1" } } } },
  ])
    expect((await deliver(request, await standInToken(request, origin, claims))).status()).toBe(202);
  await expectSignedIn(page, email);
});

test("a redelivered token (same jti) changes nothing the second time", async ({ page, request }) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const token = await standInToken(request, origin, aboutSub("sessions-revoked", email));
  expect((await deliver(request, token)).status()).toBe(202);
  await expectSignedOut(page);
  await signedInAs(page, email);
  expect((await deliver(request, token)).status()).toBe(202);
  await expectSignedIn(page, email);
});

test("refused with 400 and RFC 8935's error, nothing changed: forged, misaddressed and malformed tokens", async ({
  page,
  request,
}) => {
  const email = person();
  const origin = await signedInAs(page, email);
  const claims = aboutSub("sessions-revoked", email);
  const signed = await standInToken(request, origin, claims);
  const [header, payload, signature] = signed.split(".") as [string, string, string];
  const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const full = { ...claims, iss: `${origin}/`, aud: standInClient.clientId, jti: randomUUID(), iat: now };
  const ownKey = await generateKeyPair("RS256");

  const cases: [string, string | Buffer, string][] = [
    ["wrong aud", await standInToken(request, origin, { ...claims, aud: "someone-else" }), "invalid_audience"],
    // Google's RISC issuer ends in a slash: the OpenID issuer without it is not the same.
    ["wrong iss", await standInToken(request, origin, { ...claims, iss: origin }), "invalid_issuer"],
    [
      "a key the transmitter does not publish",
      await new SignJWT(full).setProtectedHeader({ alg: "RS256", kid: randomUUID() }).sign(ownKey.privateKey),
      "invalid_key",
    ],
    [
      "a key the transmitter does not publish, under its kid",
      await new SignJWT(full)
        .setProtectedHeader({
          alg: "RS256",
          kid: (JSON.parse(Buffer.from(header, "base64url").toString()) as { kid: string }).kid,
        })
        .sign(ownKey.privateKey),
      "invalid_key",
    ],
    ["alg none", `${base64({ alg: "none" })}.${payload}.`, "invalid_request"],
    [
      "an HMAC token",
      await new SignJWT(full).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(32))),
      "invalid_request",
    ],
    ["a bad signature", `${header}.${payload}.${signature.slice(0, -4)}AAAA`, "invalid_key"],
    ["a payload swapped under the signature", `${header}.${base64({ ...full, aud: "x" })}.${signature}`, "invalid_key"],
    ["garbage", "not a token at all", "invalid_request"],
    ["an empty body", "", "invalid_request"],
    ["a huge body", Buffer.alloc(200 * 1024, "a"), "invalid_request"],
    ["a token without events", await standInToken(request, origin, {}), "invalid_request"],
  ];
  for (const [name, body, err] of cases) {
    const response = await request.post("/api/google/risc", {
      headers: { "content-type": "application/secevent+jwt" },
      data: body,
    });
    expect(response.status(), name).toBe(400);
    expect(await response.json(), name).toMatchObject({ err, description: expect.any(String) });
  }
  await expectSignedIn(page, email);
});

test("after the transmitter rotates its key, tokens signed with the new one are accepted", async ({
  page,
  request,
}) => {
  const email = person();
  const origin = await signedInAs(page, email);
  expect((await request.post(`${origin}/risc/test/rotate-key`)).status()).toBe(200);
  const token = await standInToken(request, origin, aboutSub("sessions-revoked", email));
  // The receiver refetches the keys on an unknown kid, at most once per few seconds.
  await expect.poll(async () => (await deliver(request, token)).status(), { timeout: 15_000 }).toBe(202);
  await expectSignedOut(page);
});

test("the stand-in's hooks answer only POSTs", async ({ page, request }) => {
  const origin = await standInOrigin(page);
  expect((await request.get(`${origin}/risc/test/rotate-key`)).status()).toBe(403);
});

test("npm run risc -- register and verify, against the stand-in's management API, reach this site's receiver", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const origin = await standInOrigin(page);
  const keyFile = testInfo.outputPath("service-account.json");
  await writeFile(keyFile, await (await request.get(`${origin}/risc/service-account-key`)).text());
  const risc = (...args: string[]) =>
    execFileAsync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/risc.ts", ...args], {
      env: { ...process.env, GOOGLE_RISC_API: origin, GOOGLE_RISC_SERVICE_ACCOUNT_FILE: keyFile },
      timeout: 60_000,
    });
  const receiver = `${baseURL}/api/google/risc`;
  expect((await risc("register", receiver)).stdout).toContain(receiver);
  const status = await risc("status");
  expect(status.stdout).toContain(receiver);
  // The stand-in signs a verification event with its transmitter's key and pushes it here: only a 202 passes.
  const verified = await risc("verify", "e2e-verify-state");
  expect(verified.stdout).toContain("e2e-verify-state");
});
