import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import base from "./playwright.config";

/** `npm run screenshots`: the production build and the stand-in, as the e2e tests run them, on a port of its own. */
const port = Number(process.env.SCREENSHOTS_PORT ?? 3300);
// The e2e config's first web server (the embedded store); the PostgreSQL one is for the session tests only.
const webServer = (Array.isArray(base.webServer) ? base.webServer[0] : base.webServer) as Extract<
  PlaywrightTestConfig["webServer"],
  { command: string }
>;

export default defineConfig({
  ...base,
  testDir: "scripts/screenshots",
  reporter: [["list"]],
  projects: base.projects?.slice(0, 1),
  use: { ...base.use, baseURL: `http://localhost:${port}` },
  webServer: {
    ...webServer,
    url: `http://127.0.0.1:${port}/api/auth/providers`,
    env: { ...webServer.env, PORT: String(port), PGLITE_DIR: `.data/screenshots-${port}` },
  },
});
