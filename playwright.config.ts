import { defineConfig, devices } from "@playwright/test";
import { generousRateLimits, testSecret } from "./scripts/site-env";
import { debianChromium, hasDebianChromium, quietChromiumFlags } from "./scripts/chromium";

/** The projects' sites must be known before any test runs: E2E_PORT and the next port. Every other server's port is the OS's. */
const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${port}`;
/** The same build on PostgreSQL (a throwaway server the web server command starts), for the session tests. */
const postgresPort = port + 1;

// Debian's Chromium when it is there, Playwright's own otherwise.
const launchOptions =
  hasDebianChromium && !process.env.PLAYWRIGHT_BUNDLED_BROWSER
    ? { executablePath: debianChromium, args: quietChromiumFlags }
    : {};

const siteEnv = (sitePort: number) => ({
  PORT: String(sitePort),
  // The stand-in `npm start` brings up listens on a port the OS picks.
  GOOGLE_STAND_IN_PORT: "0",
  NEXT_TELEMETRY_DISABLED: "1",
  // Tests never talk to Google, whatever .env.local holds.
  AUTH_GOOGLE_ID: "",
  AUTH_URL: "",
  AUTH_SECRET: testSecret,
  DATABASE_URL: "",
  // No scrape endpoint and no traces: e2e/metrics.spec.ts starts its own site with them.
  METRICS_TOKEN: "",
  OTEL_EXPORTER_OTLP_ENDPOINT: "",
  // The suite's own embedded store, apart from the developer's.
  PGLITE_DIR: `.data/e2e-${sitePort}`,
  ...generousRateLimits,
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
      // What depends on the store: sign-in, sign-out, the session list, hostile cookies, Google's reports, the activity
      // record, and every page's accessibility.
      testMatch: [
        "site.spec.ts",
        "sign-out.spec.ts",
        "account-sessions.spec.ts",
        "session-cookies.spec.ts",
        "accessibility.spec.ts",
        "risc.spec.ts",
        "reverification.spec.ts",
        "activity.spec.ts",
      ],
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
