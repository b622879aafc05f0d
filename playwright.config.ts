import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${port}`;
/** The same build on PostgreSQL (a throwaway server the web server command starts), for the session tests. */
const postgresPort = port + 5;

// This machine cannot download Playwright's browsers: use Debian's Chromium when it is there, Playwright's own otherwise.
const debianChromium = "/usr/bin/chromium";
const launchOptions =
  existsSync(debianChromium) && !process.env.PLAYWRIGHT_BUNDLED_BROWSER
    ? {
        executablePath: debianChromium,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }
    : {};

const siteEnv = (sitePort: number) => ({
  PORT: String(sitePort),
  GOOGLE_STAND_IN_PORT: String(sitePort + 1),
  NEXT_TELEMETRY_DISABLED: "1",
  // Tests never talk to Google, whatever .env.local holds.
  AUTH_GOOGLE_ID: "",
  AUTH_URL: "",
  AUTH_SECRET: "e2e-secret-that-is-long-enough-for-production-use",
  DATABASE_URL: "",
  // The suite's own embedded store, apart from the developer's.
  PGLITE_DIR: `.data/e2e-${sitePort}`,
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure", launchOptions },
  projects: [
    { name: "embedded", use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "postgres",
      // What depends on the store: sign-in, sign-out, the session list, hostile cookies, and every page's accessibility.
      testMatch: ["site.spec.ts", "sign-out.spec.ts", "account-sessions.spec.ts", "session-cookies.spec.ts", "accessibility.spec.ts"],
      use: { ...devices["Desktop Chrome"], launchOptions, baseURL: `http://localhost:${postgresPort}` },
    },
  ],
  webServer: [
    {
      // The production build, started exactly as a user would: `npm start` brings up the Google stand-in too.
      command: `npm start -- -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/auth/providers`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: siteEnv(port),
    },
    {
      // The same, on a throwaway PostgreSQL migrated with `npm run db:migrate`, as a deployment runs it.
      command: `tsx e2e/postgres-site.ts -H 127.0.0.1`,
      url: `http://127.0.0.1:${postgresPort}/api/auth/providers`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: siteEnv(postgresPort),
    },
  ],
});
