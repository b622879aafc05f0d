import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run test:container` runs this after building the image (scripts/container-test.ts): the image's own checks and
 * compose.yaml's, in Chromium as the e2e tests run it, with no web server of ours (the containers are the site).
 */
export default defineConfig({
  ...base,
  testDir: "scripts/container",
  // compose.test.ts beside them is Vitest's (the compose file's reading).
  testMatch: "*.spec.ts",
  reporter: [["list"]],
  // One spec at a time, its containers checked in order and removed last (compose.yaml's fixed subnet is one per host).
  workers: 1,
  timeout: 60_000,
  projects: base.projects?.slice(0, 1),
  webServer: undefined,
});
